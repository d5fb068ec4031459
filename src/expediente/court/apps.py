from django.apps import AppConfig


class CourtConfig(AppConfig):
    name = "expediente.court"
    label = "court"
    verbose_name = "Court workspace"

    def ready(self) -> None:
        from expediente.court.hearing_projection import HearingProjector
        from expediente.docket import projection

        projection.register(HearingProjector())
