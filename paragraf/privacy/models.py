"""What staff decided about personal data: values that are none (unmask), names to hide
(protect), and packets held for review of their personal data before they are published."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from paragraf.privacy.masking import EMAIL, NAME, PERSONAL_NUMBER, PHONE, value_key


class MaskingRule(models.Model):
    UNMASK = "unmask"
    PROTECT = "protect"
    ACTIONS = [(UNMASK, _("show: no personal data")), (PROTECT, _("hide: a protected name"))]
    KINDS = [(PERSONAL_NUMBER, _("personal identity number")), (PHONE, _("phone number")),
             (EMAIL, _("e-mail address")), (NAME, _("name"))]

    action = models.CharField(_("action"), max_length=8, choices=ACTIONS)
    kind = models.CharField(_("kind"), max_length=16, choices=KINDS)
    value = models.CharField(_("value as written"), max_length=255)
    key = models.CharField(max_length=255, editable=False)  # value_key(kind, value): how the masker compares
    reason = models.TextField(_("reason"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    # Set when the rule was written for an organisation's contact address (its settings): it goes when the
    # address is no longer any organisation's contact. A rule staff wrote themselves has none and stays.
    contact_of = models.ForeignKey("records.Organization", verbose_name=_("contact address of"), null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="+", editable=False)

    class Meta:
        verbose_name = _("masking rule")
        verbose_name_plural = _("masking rules")
        constraints = [models.UniqueConstraint(fields=["action", "kind", "key"], name="masking_rule_unique")]

    def save(self, *args, **kwargs) -> None:
        if self.action == self.PROTECT:
            self.kind = NAME
        self.key = value_key(self.kind, self.value)
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.value}"


class PacketReview(models.Model):
    """A packet imported for review: its personal data report is read by staff, and only
    publishing it stores its records (so nothing of it is public before)."""

    name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    data = models.BinaryField(_("original bytes"))
    hints = models.JSONField(_("hints"), default=dict, blank=True)  # organization, body, date given at import
    submitted = models.DateTimeField(_("submitted"), auto_now_add=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    published = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("published by"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    result = models.TextField(_("result of publishing"), blank=True)

    class Meta:
        verbose_name = _("packet for review")
        verbose_name_plural = _("packets for review")
        ordering = ["-submitted"]

    def __str__(self) -> str:
        return self.name
