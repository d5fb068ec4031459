from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "expediente.api"
    label = "api"
    verbose_name = "API"
