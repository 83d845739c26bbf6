from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "paragraf.privacy"
    verbose_name = _("Personal data")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from paragraf.privacy.models import MaskingRule
        from paragraf.privacy.rules import contact_changed, contact_removed, rule_changed
        from paragraf.records.models import OrganizationSettings

        for signal in (post_save, post_delete):
            signal.connect(rule_changed, sender=MaskingRule, dispatch_uid=f"paragraf.privacy.rule_changed.{id(signal)}")
        post_save.connect(contact_changed, sender=OrganizationSettings, dispatch_uid="paragraf.privacy.contact_changed")
        post_delete.connect(contact_removed, sender=OrganizationSettings, dispatch_uid="paragraf.privacy.contact_removed")
