from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "expediente.integrity"
    label = "integrity"
