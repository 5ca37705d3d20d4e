from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "twitchlog.api"
    label = "api"
