from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "twitchlog.reports"
    label = "reports"
