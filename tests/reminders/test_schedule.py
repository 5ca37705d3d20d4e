"""When the check-in reminder is due: the person's wall clock, across clock changes."""

import datetime as dt

from twitchlog.reminders.schedule import LATE, due_day

AT = dt.time(20, 0)


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def test_it_is_due_from_the_chosen_local_time_until_it_is_late() -> None:
    # London is on GMT in December.
    assert due_day(utc(2026, 12, 1, 19, 59), "Europe/London", AT) is None
    assert due_day(utc(2026, 12, 1, 20, 0), "Europe/London", AT) == dt.date(2026, 12, 1)
    last = utc(2026, 12, 1, 20) + LATE - dt.timedelta(minutes=1)
    assert due_day(last, "Europe/London", AT) == dt.date(2026, 12, 1)
    assert due_day(last + dt.timedelta(minutes=1), "Europe/London", AT) is None


def test_the_local_day_and_time_follow_the_zone() -> None:
    now = utc(2026, 12, 1, 11, 0)  # 20:00 in Tokyo, 06:00 in New York
    assert due_day(now, "Asia/Tokyo", AT) == dt.date(2026, 12, 1)
    assert due_day(now, "America/New_York", AT) is None
    late_evening = utc(2026, 12, 2, 1, 0)  # still 1 December, 20:00, in New York
    assert due_day(late_evening, "America/New_York", AT) == dt.date(2026, 12, 1)


def test_a_time_skipped_when_clocks_go_forward_comes_at_the_next_minute_that_exists() -> None:
    # London, 29 March 2026: 01:00 GMT becomes 02:00 BST; 01:30 never shows on the clock.
    at = dt.time(1, 30)
    assert due_day(utc(2026, 3, 29, 0, 59), "Europe/London", at) is None
    assert due_day(utc(2026, 3, 29, 1, 0), "Europe/London", at) == dt.date(2026, 3, 29)


def test_a_time_that_happens_twice_when_clocks_go_back_is_the_same_day_both_times() -> None:
    # London, 25 October 2026: 01:30 happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT);
    # it is one day, so the service's one-a-day claim lets only the first through.
    at = dt.time(1, 30)
    first = due_day(utc(2026, 10, 25, 0, 30), "Europe/London", at)
    second = due_day(utc(2026, 10, 25, 1, 30), "Europe/London", at)
    assert first == second == dt.date(2026, 10, 25)


def test_a_pause_skips_days_before_it_ends() -> None:
    now = utc(2026, 12, 1, 20, 5)
    assert due_day(now, "UTC", AT, paused_until=dt.date(2026, 12, 2)) is None
    assert due_day(now, "UTC", AT, paused_until=dt.date(2026, 12, 1)) == dt.date(2026, 12, 1)
