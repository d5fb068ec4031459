from django.apps import AppConfig


class CustodyConfig(AppConfig):
    name = "expediente.custody"
    label = "custody"
    verbose_name = "Custody and deadlines"

    def ready(self) -> None:
        from expediente.custody.projector import CustodyProjector
        from expediente.docket import projection

        projection.register(CustodyProjector())
