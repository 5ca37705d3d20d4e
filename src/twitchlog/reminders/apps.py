from django.apps import AppConfig


class RemindersConfig(AppConfig):
    """The daily check-in reminder: by email and by Web Push, at a local time people pick."""

    name = "twitchlog.reminders"
    label = "reminders"
