from django.apps import AppConfig


class DocketConfig(AppConfig):
    name = "expediente.docket"
    label = "docket"
    verbose_name = "Docket"
