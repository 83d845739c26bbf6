from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecretariatConfig(AppConfig):
    name = "paragraf.secretariat"
    verbose_name = _("Secretariat")

    def ready(self) -> None:
        from paragraf.secretariat import permissions  # noqa: F401  (registers the rules)
