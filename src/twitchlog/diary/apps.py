from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "twitchlog.diary"
    label = "diary"
