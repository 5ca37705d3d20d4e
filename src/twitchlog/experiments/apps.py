from django.apps import AppConfig


class ExperimentsConfig(AppConfig):
    name = "twitchlog.experiments"
    label = "experiments"
