from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "expediente.measures"
    label = "measures"
    verbose_name = "Precautionary measures and alternative penalties"

    def ready(self) -> None:
        from django.core import checks

        from expediente.docket import projection
        from expediente.measures.checks import alert_morning_check
        from expediente.measures.projector import MeasuresProjector

        projection.register(MeasuresProjector())
        checks.register(alert_morning_check)
