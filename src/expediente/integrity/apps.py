from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "expediente.integrity"
    label = "integrity"

    def ready(self) -> None:
        from django.core import checks

        from expediente.integrity.checks import origin_check

        checks.register(origin_check)
