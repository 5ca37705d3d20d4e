import datetime as dt

from django.conf import settings
from django.db import models

DEFAULT_TIME = dt.time(20, 0)


class ReminderSettings(models.Model):
    """When and how one person wants the daily check-in reminder. Off until they choose."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    enabled = models.BooleanField(default=False)
    # A wall-clock time in the person's zone (accounts.User.time_zone at the time of sending).
    at = models.TimeField(default=DEFAULT_TIME)
    by_email = models.BooleanField(default=True)
    by_push = models.BooleanField(default=False)
    # No reminder on local days before this one ("pause for a week").
    paused_until = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Reminder settings of user {self.user_id}"


class PushSubscription(models.Model):
    """One browser that allowed notifications (the Push API's subscription)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.CharField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Push subscription {self.pk} of user {self.user_id}"


class CheckinReminder(models.Model):
    """The reminder for one person's local day. A run of ``send_reminders`` claims the day by
    creating this row before sending; the unique constraint lets exactly one run win, so a
    day never gets two reminders, however many runs or machines there are."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkin_reminders"
    )
    local_date = models.DateField()
    claimed_at = models.DateTimeField()
    channels = models.CharField(max_length=40, blank=True)  # "email", "push" or "email,push"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "local_date"], name="one_reminder_a_day")
        ]

    def __str__(self) -> str:
        return f"Check-in reminder for user {self.user_id} on {self.local_date}"
