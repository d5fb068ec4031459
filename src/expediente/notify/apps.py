from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "expediente.notify"
    label = "notify"
    verbose_name = "Notifications"
