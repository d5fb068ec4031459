from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "expediente.demo"
    label = "demo"
    verbose_name = "Demo data"
