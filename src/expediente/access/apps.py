from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "expediente.access"
    label = "access"
    verbose_name = "Access"
