from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "twitchlog.knowledge"
    label = "knowledge"
