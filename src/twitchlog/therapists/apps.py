from django.apps import AppConfig


class TherapistsConfig(AppConfig):
    name = "twitchlog.therapists"
    label = "therapists"
    verbose_name = "Therapists"

    def ready(self) -> None:
        from twitchlog.core.registry import add_home_panel, add_nav_link
        from twitchlog.therapists.views import next_appointment_panel

        add_nav_link("Therapists", "therapists:directory", 50, "/therapists/")
        add_home_panel("therapists", "therapists/_panel.html", 50, next_appointment_panel)
