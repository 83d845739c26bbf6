from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SecretariatConfig(AppConfig):
    name = "paragraf.secretariat"
    verbose_name = _("Secretariat")

    def ready(self) -> None:
        from paragraf.secretariat import permissions

        post_migrate.connect(permissions.grant_administrators, sender=self)
