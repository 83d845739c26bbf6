from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "paragraf.intake"
    label = "intake"
    verbose_name = "Inläsning"

    def ready(self) -> None:
        from paragraf.intake.permissions import register

        register()
