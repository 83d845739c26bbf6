"""Who follows what by e-mail, and what was sent.

A `Subscriber` is an e-mail address (no account); each `Subscription` follows one body, case, person
or saved search, and is pending until its link is confirmed. A `Delivery` is one alert mail; a
`DeliveredParagraph` says that a subscription was told of a §, so that no § is sent twice (a
re-import, a second run of the job). An address without subscriptions is deleted with its last one.
"""
from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from paragraf.records.models import Body, Case, Paragraph, Person


def new_token() -> str:
    """An unguessable token for a link (256 bits, URL-safe: a slug)."""
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    token = models.CharField(_("token of the link to end every alert"), max_length=64, unique=True, default=new_token)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self) -> str:
        return self.email


class Subscription(models.Model):
    class Kind(models.TextChoices):
        BODY = "body", _("body")
        CASE = "case", _("case")
        PERSON = "person", _("person")
        SEARCH = "search", _("saved search")

    subscriber = models.ForeignKey(Subscriber, verbose_name=_("subscriber"), on_delete=models.CASCADE,
                                   related_name="subscriptions")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, null=True, blank=True,
                               related_name="+")
    search = models.TextField(_("search (query string as on /sok/)"), blank=True)
    target = models.CharField(_("what is followed"), max_length=64)  # targets.Target.key: one subscription per address
    token = models.CharField(_("token of its links"), max_length=64, unique=True, default=new_token)
    requested = models.DateTimeField(_("confirmation mailed"))
    confirmed = models.DateTimeField(_("confirmed"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        constraints = [models.UniqueConstraint(fields=["subscriber", "target"], name="one_subscription_per_target")]

    def __str__(self) -> str:
        return f"{self.subscriber} – {self.get_kind_display()}"


class Delivery(models.Model):
    """One alert mail; `sent` is empty while it is being sent (its § are claimed)."""

    subscriber = models.ForeignKey(Subscriber, verbose_name=_("subscriber"), on_delete=models.CASCADE,
                                   related_name="deliveries")
    created = models.DateTimeField(_("created"), auto_now_add=True)
    sent = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("alert mail")
        verbose_name_plural = _("alert mails")


class DeliveredParagraph(models.Model):
    delivery = models.ForeignKey(Delivery, verbose_name=_("alert mail"), on_delete=models.CASCADE, related_name="paragraphs")
    subscription = models.ForeignKey(Subscription, verbose_name=_("alert subscription"), on_delete=models.CASCADE,
                                     related_name="delivered")
    paragraph = models.ForeignKey(Paragraph, verbose_name=_("paragraph (§)"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("§ sent")
        verbose_name_plural = _("§ sent")
        constraints = [models.UniqueConstraint(fields=["subscription", "paragraph"], name="each_paragraph_sent_once")]
