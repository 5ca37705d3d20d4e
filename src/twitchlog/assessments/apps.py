from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "twitchlog.assessments"
    label = "assessments"
