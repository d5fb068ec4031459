from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "expediente.stats"
    label = "stats"
    verbose_name = "Statistics"
