from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "paragraf.review"
    verbose_name = _("Review of minutes")
