from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "expediente.stats"
    label = "stats"
    verbose_name = "Statistics"

    def ready(self) -> None:
        from expediente.docket import projection
        from expediente.stats.projector import StatsProjector

        projection.register(StatsProjector())
