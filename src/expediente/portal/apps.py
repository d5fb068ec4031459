from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "expediente.portal"
    label = "portal"
    verbose_name = "Portal"
