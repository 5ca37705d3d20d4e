from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from twitchlog.accounts.services import forget_old_sign_ups
from twitchlog.experiments.reminders import send_due_experiment_reminders
from twitchlog.reminders.services import send_due_checkin_reminders
from twitchlog.therapists.services import REMINDER_LEAD, send_due_reminders
from twitchlog.therapists.waitlist import OFFER_HOLD, offer_freed_slots


class Command(BaseCommand):
    help = (
        "Email reminders (with calendar invites) for appointments in the next "
        f"{int(REMINDER_LEAD.total_seconds() // 3600)} hours, offer freed times to the "
        f"waitlist (each held {int(OFFER_HOLD.total_seconds() // 60)} minutes), and send the "
        "daily check-in reminders people asked for (by email and Web Push, at their own local "
        "time), and the daily reminders of running self-experiments (by email). Run it from "
        "cron every few minutes; running it twice, or on two machines at once, sends each "
        "reminder and each offer once. It also deletes sign-ups whose emailed link has run out."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.SITE_URL_CONFIGURED:
            # The emails still go (a reminder is worth more than its link), but say so where
            # cron's log shows it.
            self.stderr.write(
                f"Warning: SITE_URL is not set, so the links in these emails point at "
                f"{settings.SITE_URL}, which works only on this machine. Set SITE_URL to the "
                "address people reach Twitchlog at (such as https://twitchlog.example.org) "
                "in the environment cron runs this command with."
            )
        sent = send_due_reminders()
        self.stdout.write(f"Sent {sent} reminder{'' if sent == 1 else 's'}.")
        self.offer_waitlist()
        checkins = send_due_checkin_reminders()
        self.stdout.write(f"Sent {checkins} check-in reminder{'' if checkins == 1 else 's'}.")
        tests = send_due_experiment_reminders()
        self.stdout.write(f"Sent {tests} experiment reminder{'' if tests == 1 else 's'}.")
        forgotten = forget_old_sign_ups()
        self.stdout.write(f"Deleted {forgotten} unfinished sign-up{'' if forgotten == 1 else 's'}.")

    def offer_waitlist(self) -> None:
        offered = offer_freed_slots()
        self.stdout.write(f"Offered {offered} freed time{'' if offered == 1 else 's'}.")
