"""The optional daily reminder during a self-experiment, sent by ``twitchlog send_reminders``.

The email is neutral: it says that today's plan is on the home page, never what the change
is, what is measured or anything logged. Each local day is claimed before sending, by a
conditional UPDATE of ``reminder_sent_on`` that only one run can win (as appointment
reminders are claimed); if sending fails the claim is released and a later run tries again.
The reminder goes on days of a block (not washout days) of a test that is running.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core import mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from twitchlog.core import audit
from twitchlog.experiments import design
from twitchlog.experiments.models import Experiment
from twitchlog.reminders.schedule import due_day

logger = logging.getLogger(__name__)

SUBJECT = "Your daily reminder"


def _email(experiment: Experiment) -> mail.EmailMessage:
    body = render_to_string(
        "experiments/email/reminder.txt", {"home_url": settings.SITE_URL + reverse("core:home")}
    )
    return mail.EmailMessage(SUBJECT, body, to=[experiment.user.email])


def send_due_experiment_reminders(now: dt.datetime | None = None) -> int:
    """Send each running test's reminder once on each of its days; returns how many."""
    now = now or timezone.now()
    yesterday = (now - dt.timedelta(days=1)).date()
    candidates = Experiment.objects.filter(
        reminder_time__isnull=False,
        end_date__gte=yesterday,
        stopped_at__isnull=True,
        user__is_active=True,
    ).select_related("user")
    sent = 0
    for experiment in candidates:
        assert experiment.reminder_time is not None
        day = due_day(now, experiment.user.time_zone, experiment.reminder_time)
        if day is None or experiment.reminder_sent_on == day:
            continue
        if design.condition_on(experiment.blocks, day) == "" or day > experiment.last_day:
            continue
        previous = experiment.reminder_sent_on
        claimed = (
            Experiment.objects.filter(pk=experiment.pk, stopped_at__isnull=True)
            .filter(Q(reminder_sent_on__isnull=True) | Q(reminder_sent_on__lt=day))
            .update(reminder_sent_on=day)
        )
        if not claimed:
            continue
        try:
            _email(experiment).send()
        except OSError:
            logger.warning("experiment reminder %s failed; will retry", experiment.pk)
            Experiment.objects.filter(pk=experiment.pk, reminder_sent_on=day).update(
                reminder_sent_on=previous
            )
            continue
        audit.log(None, "experiment.reminder_sent", experiment)
        sent += 1
    return sent
