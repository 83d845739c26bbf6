"""What the review keeps: whether an organisation shows its review to the public."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from paragraf.records.models import Organization


class ReviewSetting(models.Model):
    organization = models.OneToOneField(Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="review_setting")
    public = models.BooleanField(_("the review is public"), default=False)

    class Meta:
        verbose_name = _("review setting")
        verbose_name_plural = _("review settings")

    def __str__(self) -> str:
        return str(self.organization)
