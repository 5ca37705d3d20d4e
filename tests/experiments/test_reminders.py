"""The daily reminder of a running test: once a day, neutral, claimed before sending."""

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from twitchlog.accounts.models import User
from twitchlog.experiments import services
from twitchlog.experiments.reminders import send_due_experiment_reminders

from .helpers import make_experiment


def at_local(user: User, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    from twitchlog.core.timezones import zone

    return dt.datetime.combine(day, dt.time(hour, minute), zone(user.time_zone)).astimezone(dt.UTC)


@pytest.fixture
def running(alice: User) -> Any:
    experiment = make_experiment(alice, days_ago=2, reminder_time=dt.time(8, 0))
    return experiment, services.today_for(alice)


def test_it_sends_once_a_day_at_the_chosen_time(alice: User, running: Any) -> None:
    _, today = running
    assert send_due_experiment_reminders(at_local(alice, today, 7, 59)) == 0
    assert send_due_experiment_reminders(at_local(alice, today, 8, 5)) == 1
    assert send_due_experiment_reminders(at_local(alice, today, 8, 10)) == 0
    assert len(mail.outbox) == 1
    tomorrow = today + dt.timedelta(days=1)
    assert send_due_experiment_reminders(at_local(alice, tomorrow, 8, 1)) == 1


def test_the_email_has_no_health_details(alice: User, running: Any) -> None:
    _, today = running
    send_due_experiment_reminders(at_local(alice, today, 8, 5))
    message = mail.outbox[0]
    text = (message.subject + message.body).lower()
    for word in ("caffeine", "twitch", "experiment", "test", "symptom"):
        assert word not in text
    assert "/home/" in message.body


def test_a_stopped_test_sends_nothing(alice: User, running: Any) -> None:
    experiment, today = running
    services.stop(alice, experiment)
    assert send_due_experiment_reminders(at_local(alice, today, 8, 5)) == 0


def test_a_failed_send_is_tried_again(alice: User, running: Any, monkeypatch: Any) -> None:
    _, today = running

    def broken(self: Any, fail_silently: bool = False) -> int:
        raise OSError("mail server down")

    monkeypatch.setattr(mail.EmailMessage, "send", broken)
    assert send_due_experiment_reminders(at_local(alice, today, 8, 5)) == 0
    monkeypatch.undo()
    assert send_due_experiment_reminders(at_local(alice, today, 8, 10)) == 1


def test_send_reminders_includes_them(alice: User, running: Any) -> None:
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "experiment reminder" in out.getvalue()
