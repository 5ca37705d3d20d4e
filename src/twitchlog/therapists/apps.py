from django.apps import AppConfig


class TherapistsConfig(AppConfig):
    name = "twitchlog.therapists"
    label = "therapists"
