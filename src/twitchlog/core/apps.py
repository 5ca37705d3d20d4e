from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "twitchlog.core"
    label = "core"
    verbose_name = "Core"
