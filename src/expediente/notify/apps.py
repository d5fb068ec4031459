from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "expediente.notify"
    label = "notify"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from expediente.docket import projection
        from expediente.notify.projector import NotifyProjector

        projection.register(NotifyProjector())
