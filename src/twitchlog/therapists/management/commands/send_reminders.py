from typing import Any

from django.core.management.base import BaseCommand

from twitchlog.therapists.services import REMINDER_LEAD, send_due_reminders


class Command(BaseCommand):
    help = (
        "Email reminders (with calendar invites) for appointments in the next "
        f"{int(REMINDER_LEAD.total_seconds() // 3600)} hours. Run it from cron every few "
        "minutes; running it twice, or on two machines at once, sends each reminder once."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_due_reminders()
        self.stdout.write(f"Sent {sent} reminder{'' if sent == 1 else 's'}.")
