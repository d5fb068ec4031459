from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "expediente.rules"
    label = "rules"
    verbose_name = "Rule packs"
