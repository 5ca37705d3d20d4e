"""`twitchlog send_reminders` and check-in reminders, with a frozen clock."""

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.conftest import make_user
from twitchlog.accounts.models import User
from twitchlog.core.models import AuditEntry
from twitchlog.diary import services as diary
from twitchlog.reminders import services
from twitchlog.reminders.models import CheckinReminder

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch: Any) -> Callable[[dt.datetime], None]:
    """Set the time every part of the app reads."""

    def set_to(when: dt.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: when)

    return set_to


def _every(start: dt.datetime, end: dt.datetime, minutes: int = 5) -> Iterator[dt.datetime]:
    while start <= end:
        yield start
        start += dt.timedelta(minutes=minutes)


def _run_cron(clock: Any, start: dt.datetime, end: dt.datetime, minutes: int = 5) -> list[str]:
    """Run the command every few minutes from start to end; the times it sent something."""
    sent = []
    for when in _every(start, end, minutes):
        clock(when)
        if services.send_due_checkin_reminders():
            sent.append(when.strftime("%Y-%m-%d %H:%M"))
    return sent


def _wants(user: User, at: dt.time, **channels: bool) -> None:
    services.update_settings(user, enabled=True, at=at, **channels)


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def test_reminders_are_off_until_chosen(alice: User, clock: Any, mailoutbox: Any) -> None:
    assert _run_cron(clock, utc(2026, 12, 1), utc(2026, 12, 2), minutes=30) == []
    assert mailoutbox == []


def test_one_reminder_when_clocks_go_back_though_the_time_happens_twice(
    clock: Any, mailoutbox: Any
) -> None:
    user = make_user("owl@example.org", time_zone="Europe/London")
    _wants(user, dt.time(1, 30))
    sent = _run_cron(clock, utc(2026, 10, 24, 22), utc(2026, 10, 25, 6))
    assert sent == ["2026-10-25 00:30"]  # 01:30 BST; 01:30 GMT an hour later finds it done
    assert len(mailoutbox) == 1


def test_one_reminder_when_clocks_go_forward_over_the_chosen_time(
    clock: Any, mailoutbox: Any
) -> None:
    user = make_user("lark@example.org", time_zone="Europe/London")
    _wants(user, dt.time(1, 30))
    sent = _run_cron(clock, utc(2026, 3, 28, 22), utc(2026, 3, 29, 6))
    assert sent == ["2026-03-29 01:00"]  # the clock jumped from 00:59 to 02:00
    assert len(mailoutbox) == 1


def test_a_move_west_does_not_remind_twice_on_one_local_day(clock: Any, mailoutbox: Any) -> None:
    user = make_user("flyer@example.org", time_zone="Europe/London")
    _wants(user, dt.time(20, 0))
    assert _run_cron(clock, utc(2026, 12, 1, 19), utc(2026, 12, 1, 21)) == ["2026-12-01 20:00"]
    # Flew to New York that evening: 20:00 there is still 1 December, already reminded.
    User.objects.filter(pk=user.pk).update(time_zone="America/New_York")
    assert _run_cron(clock, utc(2026, 12, 1, 21), utc(2026, 12, 2, 4)) == []
    # The next evening in New York is a new day.
    assert _run_cron(clock, utc(2026, 12, 2, 4), utc(2026, 12, 3, 4)) == ["2026-12-03 01:00"]
    days = sorted(CheckinReminder.objects.values_list("local_date", flat=True))
    assert days == [dt.date(2026, 12, 1), dt.date(2026, 12, 2)]
    assert len(mailoutbox) == 2


def test_a_move_east_reminds_on_the_new_local_day(clock: Any, mailoutbox: Any) -> None:
    user = make_user("east@example.org", time_zone="America/New_York")
    _wants(user, dt.time(20, 0))
    assert _run_cron(clock, utc(2026, 12, 1, 23), utc(2026, 12, 2, 2)) == ["2026-12-02 01:00"]
    User.objects.filter(pk=user.pk).update(time_zone="Asia/Tokyo")  # landed: 2 December there
    assert _run_cron(clock, utc(2026, 12, 2, 2), utc(2026, 12, 2, 12)) == ["2026-12-02 11:00"]
    days = sorted(CheckinReminder.objects.values_list("local_date", flat=True))
    assert days == [dt.date(2026, 12, 1), dt.date(2026, 12, 2)]


def test_no_reminder_once_the_check_in_is_done(alice: User, clock: Any, mailoutbox: Any) -> None:
    _wants(alice, dt.time(20, 0))
    clock(utc(2026, 12, 1, 12))
    diary.save_checkin(alice, dt.date(2026, 12, 1), {"sleep_hours": 7}, {}, [])
    assert _run_cron(clock, utc(2026, 12, 1, 19), utc(2026, 12, 1, 23)) == []
    assert mailoutbox == []


def test_a_week_of_pause_then_reminders_again(alice: User, clock: Any, mailoutbox: Any) -> None:
    _wants(alice, dt.time(20, 0))
    clock(utc(2026, 12, 1, 9))
    services.pause_for_a_week(alice)
    sent = _run_cron(clock, utc(2026, 12, 1, 19), utc(2026, 12, 9, 21), minutes=60)
    assert sent == ["2026-12-08 20:00", "2026-12-09 20:00"]


def test_the_email_is_neutral(alice: User, clock: Any, mailoutbox: Any) -> None:
    clock(utc(2026, 12, 1, 12))
    diary.log_episode(alice, region="calf", side="left", sensation="twitch", notes="private")
    _wants(alice, dt.time(20, 0))
    _run_cron(clock, utc(2026, 12, 1, 20), utc(2026, 12, 1, 20))
    (email,) = mailoutbox
    assert email.to == [alice.email]
    assert email.subject == "Your daily reminder"
    text = (email.subject + email.body).lower()
    for word in ("twitch", "calf", "private", "anxiety", "health", "symptom"):
        assert word not in text
    assert services.TEXT in email.body
    assert "/reminders/" in email.body


def test_a_failed_send_is_tried_again_by_a_later_run(
    alice: User, clock: Any, mailoutbox: Any, monkeypatch: Any
) -> None:
    _wants(alice, dt.time(20, 0))
    clock(utc(2026, 12, 1, 20, 0))
    with monkeypatch.context() as patch:

        def broken(*args: Any, **kwargs: Any) -> int:
            raise OSError("mail server down")

        patch.setattr("django.core.mail.EmailMessage.send", broken)
        assert services.send_due_checkin_reminders() == 0
    assert not CheckinReminder.objects.exists()
    clock(utc(2026, 12, 1, 20, 5))
    assert services.send_due_checkin_reminders() == 1
    assert len(mailoutbox) == 1
    entry = AuditEntry.objects.get(action="reminders.checkin_sent")
    assert entry.details == {"channels": ["email"]}


def test_the_command_sends_them_and_says_so(alice: User, clock: Any, capsys: Any) -> None:
    _wants(alice, dt.time(20, 0))
    clock(utc(2026, 12, 1, 20, 1))
    call_command("send_reminders")
    call_command("send_reminders")
    lines = [line for line in capsys.readouterr().out.splitlines() if "check-in" in line]
    assert lines == ["Sent 1 check-in reminder.", "Sent 0 check-in reminders."]


def test_the_command_help_names_check_in_reminders(capsys: Any) -> None:
    with pytest.raises(SystemExit):
        call_command("send_reminders", "--help")
    assert "check-in reminders" in capsys.readouterr().out
