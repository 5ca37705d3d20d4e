from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "twitchlog.insights"
    label = "insights"
