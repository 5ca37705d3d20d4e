from django.apps import AppConfig


class PwaConfig(AppConfig):
    """Installing the app on a phone, and logging while offline: the web app manifest, the
    service worker and the device's queue of entries waiting to be sent."""

    name = "twitchlog.pwa"
    label = "pwa"
