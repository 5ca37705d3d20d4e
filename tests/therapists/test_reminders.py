"""`twitchlog send_reminders`: each reminder goes out once, however often it runs."""

import datetime as dt
import threading
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from tests.therapists.factories import make_booking
from twitchlog.core.models import AuditEntry
from twitchlog.therapists import notices
from twitchlog.therapists.models import Appointment
from twitchlog.therapists.services import send_due_reminders


def _due_tomorrow(appointment: Appointment, hours: int = 20) -> None:
    """Pretend the appointment was booked long ago and is now less than a day away."""
    start = timezone.now() + dt.timedelta(hours=hours)
    Appointment.objects.filter(pk=appointment.pk).update(
        start=start,
        end=start + dt.timedelta(minutes=50),
        blocked_until=start + dt.timedelta(minutes=60),
        reminded_at=None,
    )


def test_running_the_command_twice_reminds_once(booking: Any, mailoutbox: Any, capsys: Any) -> None:
    _due_tomorrow(booking)
    call_command("send_reminders")
    call_command("send_reminders")
    lines = capsys.readouterr().out.splitlines()
    appointments = [line for line in lines if line.startswith("Sent") and "reminder" in line]
    assert [
        line for line in appointments if not {"check-in", "experiment"} & set(line.split())
    ] == [
        "Sent 1 reminder.",
        "Sent 0 reminders.",
    ]
    assert sorted(m.to[0] for m in mailoutbox) == ["alice@example.org", "theo@example.org"]
    assert all(m.subject.startswith("Reminder:") for m in mailoutbox)
    assert AuditEntry.objects.filter(action="appointment.reminder_sent").count() == 1


def test_only_appointments_within_a_day_are_reminded(booking: Any, mailoutbox: Any) -> None:
    assert send_due_reminders() == 0  # two days away
    assert send_due_reminders(now=booking.start - dt.timedelta(hours=23)) == 1
    assert send_due_reminders(now=booking.start - dt.timedelta(hours=22)) == 0


def test_cancelled_and_past_appointments_are_not_reminded(alice: Any, booking: Any) -> None:
    Appointment.objects.filter(pk=booking.pk).update(status="cancelled")
    assert send_due_reminders(now=booking.start - dt.timedelta(hours=1)) == 0
    Appointment.objects.filter(pk=booking.pk).update(status="booked")
    assert send_due_reminders(now=booking.start + dt.timedelta(minutes=1)) == 0


def test_a_failed_send_is_tried_again_next_time(
    booking: Any, monkeypatch: Any, mailoutbox: Any
) -> None:
    _due_tomorrow(booking)

    def broken(*args: Any, **kwargs: Any) -> int:
        raise OSError("mail server down")

    with monkeypatch.context() as patch:
        patch.setattr(notices, "send", broken)
        assert send_due_reminders() == 0
    booking.refresh_from_db()
    assert booking.reminded_at is None
    assert send_due_reminders() == 1
    assert len(mailoutbox) == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_machines_running_at_once_send_each_reminder_once(
    alice: Any, theo_profile: Any, mailoutbox: Any
) -> None:
    for hours, days in enumerate((2, 3, 4), start=20):
        _due_tomorrow(make_booking(alice, theo_profile, days=days), hours=hours)
    mailoutbox.clear()  # the booking confirmations
    barrier = threading.Barrier(4)
    counts: list[int] = []

    def machine() -> None:
        try:
            barrier.wait()
            counts.append(send_due_reminders())
        finally:
            connection.close()

    runners = [threading.Thread(target=machine) for _ in range(4)]
    for runner in runners:
        runner.start()
    for runner in runners:
        runner.join()
    assert sum(counts) == 3
    assert sorted(m.subject.split(":")[0] for m in mailoutbox) == ["Reminder"] * 6


def test_the_command_warns_when_the_site_address_is_not_set(db: Any, settings: Any) -> None:
    """Links in its emails are built from SITE_URL; cron without it sends 127.0.0.1 links."""
    from io import StringIO

    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.SITE_URL_CONFIGURED = False
    out, err = StringIO(), StringIO()
    call_command("send_reminders", stdout=out, stderr=err)
    assert "Warning: SITE_URL is not set" in err.getvalue()
    assert "http://127.0.0.1:8000, which works only on this machine" in err.getvalue()
    assert "Warning" not in out.getvalue()
    settings.SITE_URL = "https://twitchlog.example.org"
    settings.SITE_URL_CONFIGURED = True
    err = StringIO()
    call_command("send_reminders", stdout=StringIO(), stderr=err)
    assert err.getvalue() == ""


def test_the_site_address_counts_as_set_only_when_given(monkeypatch: Any) -> None:
    import importlib

    import twitchlog.settings as project_settings

    monkeypatch.delenv("SITE_URL", raising=False)
    assert importlib.reload(project_settings).SITE_URL_CONFIGURED is False
    monkeypatch.setenv("SITE_URL", "https://twitchlog.example.org/")
    reloaded = importlib.reload(project_settings)
    assert reloaded.SITE_URL_CONFIGURED is True
    assert reloaded.SITE_URL == "https://twitchlog.example.org"
    monkeypatch.undo()
    importlib.reload(project_settings)
