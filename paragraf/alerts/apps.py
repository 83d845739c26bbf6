from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "paragraf.alerts"
    label = "alerts"
    verbose_name = _("E-mail alerts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from paragraf.alerts.panel import subscribe_panel
        from paragraf.alerts.sending import after_import
        from paragraf.portal.follow import offer
        from paragraf.records.signals import packet_stored

        packet_stored.connect(after_import, dispatch_uid="paragraf.alerts.after_import")
        offer(subscribe_panel)
