"""Check-in reminders: each person's choices, their browsers, and sending what is due.

Reminders are neutral: they say that it is time for the check-in the person asked to be
reminded of, never anything logged. The audit log notes changes and sends by id and channel.
"""

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from twitchlog.accounts.models import User
from twitchlog.core import audit
from twitchlog.core.timezones import local_date
from twitchlog.diary.models import CheckIn
from twitchlog.reminders import push
from twitchlog.reminders.models import CheckinReminder, PushSubscription, ReminderSettings
from twitchlog.reminders.schedule import due_day

logger = logging.getLogger(__name__)

PAUSE = dt.timedelta(days=7)
# The words every reminder uses, by email and by push: no health details.
TITLE = "Daily check-in"
TEXT = "A minute for today's check-in, whenever it suits you."
EMAIL_SUBJECT = "Your daily reminder"


def settings_for(user: User) -> ReminderSettings:
    """The person's reminder settings; unsaved defaults (off) until they first choose."""
    return ReminderSettings.objects.filter(user=user).first() or ReminderSettings(user=user)


@transaction.atomic
def update_settings(user: User, **changes: Any) -> ReminderSettings:
    current, _ = ReminderSettings.objects.select_for_update().get_or_create(user=user)
    changed = [name for name, value in changes.items() if getattr(current, name) != value]
    for name in changed:
        setattr(current, name, changes[name])
    if changed:
        current.save()
        audit.log(user, "reminders.settings.updated", current, fields=sorted(changed))
    return current


def pause_for_a_week(user: User) -> ReminderSettings:
    """No reminder for the next seven local days, today included."""
    today = local_date(timezone.now(), user.time_zone)
    return update_settings(user, paused_until=today + PAUSE)


MAX_BROWSERS = 10  # push subscriptions kept per person: their phones, tablets and computers


@transaction.atomic
def subscribe(user: User, endpoint: str, p256dh: str, auth: str) -> PushSubscription:
    """Keep a browser's push subscription. A browser used by someone else before (its
    endpoint already known) now belongs to this person only."""
    found, created = PushSubscription.objects.update_or_create(
        endpoint=endpoint, defaults={"user": user, "p256dh": p256dh, "auth": auth}
    )
    audit.log(user, "reminders.push.subscribed", found, created=created)
    # Each reminder run posts to every subscription in turn, so one person's pile of them
    # would slow everyone's reminders: the newest few browsers are kept.
    kept = user.push_subscriptions.order_by("-created_at", "-pk").values_list("pk", flat=True)
    PushSubscription.objects.filter(user=user).exclude(pk__in=list(kept[:MAX_BROWSERS])).delete()
    return found


@transaction.atomic
def unsubscribe(user: User, endpoint: str) -> bool:
    found = PushSubscription.objects.filter(user=user, endpoint=endpoint).first()
    if found is None:
        return False
    audit.log(user, "reminders.push.unsubscribed", found)
    found.delete()
    return True


# --- Sending -------------------------------------------------------------------------------


def _email(user: User) -> mail.EmailMessage:
    context = {
        "checkin_url": settings.SITE_URL + reverse("diary:checkin_today"),
        "settings_url": settings.SITE_URL + reverse("reminders:settings"),
        "text": TEXT,
    }
    body = render_to_string("reminders/email/checkin.txt", context)
    return mail.EmailMessage(EMAIL_SUBJECT, body, to=[user.email])


def push_payload() -> dict[str, str]:
    return {
        "title": TITLE,
        "body": TEXT,
        "url": reverse("diary:checkin_today"),
        "tag": "twitchlog-checkin",
    }


def _deliver(prefs: ReminderSettings, user: User) -> list[str]:
    """Send by each chosen channel; the channels that got through."""
    channels = []
    if prefs.by_email:
        try:
            if _email(user).send():
                channels.append("email")
        except OSError:
            logger.warning("check-in reminder email for user %s failed", user.pk)
    if prefs.by_push:
        results = [push.send(s, push_payload()) for s in user.push_subscriptions.all()]
        if any(results):
            channels.append("push")
    return channels


def _claim(user: User, day: dt.date, now: dt.datetime) -> CheckinReminder | None:
    try:
        with transaction.atomic():
            return CheckinReminder.objects.create(user=user, local_date=day, claimed_at=now)
    except IntegrityError:
        return None  # another run has this day


def send_due_checkin_reminders(now: dt.datetime | None = None) -> int:
    """Remind everyone whose chosen time has come today and who has not checked in; returns
    how many people were reminded.

    Each day is claimed (a row, unique per person and local day) before anything is sent, so
    concurrent runs on any number of machines send it once. If no channel got through, the
    claim is dropped and a later run tries again.
    """
    now = now or timezone.now()
    sent = 0
    wanted = ReminderSettings.objects.filter(enabled=True, user__is_active=True).select_related(
        "user"
    )
    for prefs in wanted:
        user = prefs.user
        day = due_day(now, user.time_zone, prefs.at, prefs.paused_until)
        if day is None or CheckIn.objects.filter(user=user, local_date=day).exists():
            continue
        if not prefs.by_email and not (prefs.by_push and user.push_subscriptions.exists()):
            continue
        claim = _claim(user, day, now)
        if claim is None:
            continue
        channels = _deliver(prefs, user)
        if not channels:
            claim.delete()
            continue
        claim.channels = ",".join(channels)
        claim.save(update_fields=["channels"])
        audit.log(None, "reminders.checkin_sent", claim, channels=channels)
        sent += 1
    return sent
