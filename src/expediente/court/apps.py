from django.apps import AppConfig


class CourtConfig(AppConfig):
    name = "expediente.court"
    label = "court"
    verbose_name = "Court workspace"
