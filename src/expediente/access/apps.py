from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "expediente.access"
    label = "access"
    verbose_name = "Access"

    def ready(self) -> None:
        from expediente.access.link_sides import LinkSidesProjector
        from expediente.access.sealing import SealingProjector
        from expediente.docket import projection

        projection.register(SealingProjector())
        projection.register(LinkSidesProjector())
