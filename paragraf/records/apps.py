from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "paragraf.records"
    label = "records"
    verbose_name = _("Records")

    def ready(self) -> None:
        from paragraf.records import changes

        changes.connect()  # tombstones and the parents' `modified`: signal receivers
