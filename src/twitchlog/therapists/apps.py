from typing import Any

from django.apps import AppConfig


class TherapistsConfig(AppConfig):
    name = "twitchlog.therapists"
    label = "therapists"
    verbose_name = "Therapists"

    def ready(self) -> None:
        from django.conf import settings
        from django.db.models.signals import pre_delete

        from twitchlog.core.registry import add_deletion_note, add_home_panel, add_nav_link
        from twitchlog.therapists.views import deletion_note, next_appointment_panel

        add_nav_link("Therapists", "therapists:directory", 50, "/therapists/")
        add_home_panel("therapists", "therapists/_panel.html", 50, next_appointment_panel)
        add_deletion_note("therapists", "therapists/_deletion_note.html", 50, deletion_note)
        # Deleting an account takes its appointments with it; tell the other people first.
        pre_delete.connect(
            _account_deleted, sender=settings.AUTH_USER_MODEL, dispatch_uid="therapists.account"
        )


def _account_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    from twitchlog.therapists.services import cancel_for_deleted_account

    cancel_for_deleted_account(instance)
