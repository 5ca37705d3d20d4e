"""The pure slot engine: weekly hours, extra hours, time off, breaks, notice, horizon, DST."""

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twitchlog.therapists.slots import (
    Availability,
    Busy,
    ExtraHours,
    TimeOff,
    WeeklyHours,
    free_slots,
    is_offered,
    move_window,
)

NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC
H = dt.timedelta(hours=1)
MIN = dt.timedelta(minutes=1)
SUNDAY = 6


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


# "Now" before every date used here, with a horizon that reaches all of them.
EARLY = utc(2025, 12, 1)


def week(zone: ZoneInfo = NEW_YORK, **kwargs: object) -> Availability:
    """Monday to Friday 09:00-12:00, 50-minute sessions with a 10-minute break."""
    defaults: dict[str, object] = {
        "zone": zone,
        "session": 50 * MIN,
        "buffer": 10 * MIN,
        "horizon": dt.timedelta(days=400),
        "weekly": [WeeklyHours(d, dt.time(9), dt.time(12)) for d in range(5)],
    }
    defaults.update(kwargs)
    return Availability(**defaults)  # type: ignore[arg-type]


def starts(found: list, zone: ZoneInfo = UTC) -> list[str]:  # type: ignore[type-arg]
    return [s.start.astimezone(zone).strftime("%Y-%m-%d %H:%M") for s in found]


def one_day(availability: Availability, day: dt.date, busy: list[Busy] | None = None) -> list:  # type: ignore[type-arg]
    start = dt.datetime.combine(day, dt.time(0), tzinfo=availability.zone)
    return free_slots(availability, busy or [], EARLY, start, start + 24 * H)


def test_weekly_hours_give_one_slot_per_session_and_break() -> None:
    # Monday 12 January 2026, New York winter time (UTC-5).
    found = one_day(week(), dt.date(2026, 1, 12))
    assert starts(found, NEW_YORK) == ["2026-01-12 09:00", "2026-01-12 10:00", "2026-01-12 11:00"]
    assert starts(found) == ["2026-01-12 14:00", "2026-01-12 15:00", "2026-01-12 16:00"]
    assert all(s.end - s.start == 50 * MIN for s in found)


def test_no_slots_on_days_without_hours() -> None:
    assert one_day(week(), dt.date(2026, 1, 17)) == []  # a Saturday


def test_a_slot_must_fit_before_the_hours_end() -> None:
    availability = week(weekly=[WeeklyHours(0, dt.time(9), dt.time(10, 40))])
    assert starts(one_day(availability, dt.date(2026, 1, 12)), NEW_YORK) == ["2026-01-12 09:00"]


def test_a_new_york_rule_stays_at_nine_local_while_london_sees_it_move() -> None:
    # The US changes clocks on 8 March 2026 and 1 November 2026, the UK on 29 March and
    # 25 October: in between, New York is only four hours behind London.
    mondays = {
        dt.date(2026, 3, 2): "14:00",  # both on winter time
        dt.date(2026, 3, 9): "13:00",  # New York on summer time, London not yet
        dt.date(2026, 3, 30): "14:00",  # both on summer time
        dt.date(2026, 10, 26): "13:00",  # London back on winter time, New York not yet
        dt.date(2026, 11, 2): "14:00",  # both on winter time again
    }
    for monday, london_time in mondays.items():
        first = one_day(week(), monday)[0]
        assert first.start.astimezone(NEW_YORK).strftime("%H:%M") == "09:00", monday
        assert first.start.astimezone(LONDON).strftime("%H:%M") == london_time, monday


def test_a_london_rule_seen_from_new_york_moves_on_the_other_sides_changes() -> None:
    availability = week(zone=LONDON)
    assert one_day(availability, dt.date(2026, 3, 2))[0].start.astimezone(NEW_YORK).hour == 4
    assert one_day(availability, dt.date(2026, 3, 9))[0].start.astimezone(NEW_YORK).hour == 5
    assert one_day(availability, dt.date(2026, 3, 30))[0].start.astimezone(NEW_YORK).hour == 4
    assert one_day(availability, dt.date(2026, 3, 30))[0].start.astimezone(LONDON).hour == 9


def test_a_time_that_does_not_exist_on_the_spring_change_day_is_shifted_an_hour() -> None:
    # Sunday 8 March 2026 in New York: 02:00 jumps to 03:00, so 02:30 never happens.
    night = week(
        session=30 * MIN,
        buffer=dt.timedelta(0),
        weekly=[WeeklyHours(SUNDAY, dt.time(2, 30), dt.time(4))],
    )
    before = one_day(night, dt.date(2026, 3, 1))
    assert starts(before, NEW_YORK) == ["2026-03-01 02:30", "2026-03-01 03:00", "2026-03-01 03:30"]
    change_day = one_day(night, dt.date(2026, 3, 8))
    # 02:30 is read as a clock not yet turned forward would show it: 03:30 summer time.
    assert starts(change_day, NEW_YORK) == ["2026-03-08 03:30"]
    assert starts(change_day) == ["2026-03-08 07:30"]


def test_hours_across_the_autumn_change_last_an_hour_longer_in_real_time() -> None:
    # Sunday 1 November 2026 in New York: 01:00 to 02:00 happens twice.
    night = week(weekly=[WeeklyHours(SUNDAY, dt.time(1), dt.time(2))])
    assert starts(one_day(night, dt.date(2026, 10, 25))) == ["2026-10-25 05:00"]
    change_day = one_day(night, dt.date(2026, 11, 1))
    assert starts(change_day) == ["2026-11-01 05:00", "2026-11-01 06:00"]
    # Both are "01:00" on a New York clock; the zone abbreviation tells them apart.
    assert [s.start.astimezone(NEW_YORK).strftime("%H:%M %Z") for s in change_day] == [
        "01:00 EDT",
        "01:00 EST",
    ]


def test_extra_hours_add_slots_and_merge_with_weekly_hours() -> None:
    availability = week(
        extra=[
            ExtraHours(dt.date(2026, 1, 12), dt.time(11), dt.time(14)),  # overlaps the Monday
            ExtraHours(dt.date(2026, 1, 17), dt.time(10), dt.time(11)),  # a Saturday
        ]
    )
    monday = starts(one_day(availability, dt.date(2026, 1, 12)), NEW_YORK)
    assert monday == [f"2026-01-12 {h:02}:00" for h in range(9, 14)]
    assert starts(one_day(availability, dt.date(2026, 1, 17)), NEW_YORK) == ["2026-01-17 10:00"]


def test_time_off_blocks_whole_local_dates_including_extra_hours() -> None:
    availability = week(
        extra=[ExtraHours(dt.date(2026, 1, 14), dt.time(15), dt.time(16))],
        time_off=[TimeOff(dt.date(2026, 1, 13), dt.date(2026, 1, 14))],
    )
    start = dt.datetime(2026, 1, 12, tzinfo=NEW_YORK)
    found = free_slots(availability, [], EARLY, start, start + dt.timedelta(days=4))
    assert {s.start.astimezone(NEW_YORK).date() for s in found} == {
        dt.date(2026, 1, 12),
        dt.date(2026, 1, 15),
    }


def test_booked_times_and_their_breaks_are_not_offered() -> None:
    monday = dt.date(2026, 1, 12)
    booked = Busy(utc(2026, 1, 12, 15), utc(2026, 1, 12, 15, 50))  # 10:00 New York
    assert starts(one_day(week(), monday, [booked]), NEW_YORK) == [
        "2026-01-12 09:00",
        "2026-01-12 11:00",
    ]
    # Something at 10:55 leaves no 10-minute break after a 10:00 session, nor before 11:00.
    odd = Busy(utc(2026, 1, 12, 15, 55), utc(2026, 1, 12, 16, 5))
    assert starts(one_day(week(), monday, [odd]), NEW_YORK) == ["2026-01-12 09:00"]


def test_a_longer_break_fixed_at_booking_still_holds() -> None:
    monday = dt.date(2026, 1, 12)
    booked = Busy(utc(2026, 1, 12, 14), utc(2026, 1, 12, 14, 50), utc(2026, 1, 12, 15, 30))
    assert starts(one_day(week(), monday, [booked]), NEW_YORK) == ["2026-01-12 11:00"]


def test_notice_hides_slots_that_start_too_soon() -> None:
    availability = week(notice=24 * H)
    now = utc(2026, 1, 12, 15)  # Monday 10:00 New York
    found = free_slots(availability, [], now, now, now + 3 * 24 * H)
    # Tuesday 10:00 is exactly 24 hours away and still offered; Tuesday 09:00 is not.
    assert starts(found, NEW_YORK)[:2] == ["2026-01-13 10:00", "2026-01-13 11:00"]


def test_the_horizon_ends_the_offer() -> None:
    availability = week(horizon=dt.timedelta(days=2))
    now = utc(2026, 1, 12, 15)
    found = free_slots(availability, [], now, now, now + dt.timedelta(days=30))
    # Wednesday 10:00 New York is exactly two days away: the last slot offered.
    assert starts(found, NEW_YORK)[-1] == "2026-01-14 10:00"


def test_limit_stops_early() -> None:
    now = utc(2026, 1, 12, 0)
    assert len(free_slots(week(), [], now, now, now + 30 * 24 * H, limit=2)) == 2


def test_is_offered_only_for_free_slot_starts() -> None:
    now = utc(2026, 1, 1)
    assert is_offered(week(), [], now, utc(2026, 1, 12, 14))
    assert not is_offered(week(), [], now, utc(2026, 1, 12, 14, 5))  # off the grid
    busy = [Busy(utc(2026, 1, 12, 14), utc(2026, 1, 12, 14, 50))]
    assert not is_offered(week(), busy, now, utc(2026, 1, 12, 14))


def test_two_periods_closer_than_a_break_keep_the_first_slot() -> None:
    availability = week(
        weekly=[
            WeeklyHours(0, dt.time(9), dt.time(9, 52)),
            WeeklyHours(0, dt.time(9, 55), dt.time(10, 50)),
        ]
    )
    found = one_day(availability, dt.date(2026, 1, 12))
    assert starts(found, NEW_YORK) == ["2026-01-12 09:00"]
    assert is_offered(availability, [], EARLY, found[0].start)
    assert not is_offered(availability, [], EARLY, utc(2026, 1, 12, 14, 55))


def test_a_session_must_last() -> None:
    with pytest.raises(ValueError):
        free_slots(week(session=dt.timedelta(0)), [], EARLY, EARLY, EARLY + H)


ZONES = ["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "UTC"]
times = st.times().map(lambda t: t.replace(second=0, microsecond=0))


@settings(max_examples=60, deadline=None)
@given(
    zone_name=st.sampled_from(ZONES),
    hours=st.lists(st.tuples(st.integers(0, 6), times, times), min_size=1, max_size=6),
    session=st.integers(15, 120),
    buffer=st.integers(0, 30),
    first_day=st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 20)),
    booked_offsets=st.lists(st.integers(0, 14 * 24 * 60), max_size=5),
)
def test_slots_never_overlap_never_clash_and_stay_in_the_window(
    zone_name: str,
    hours: list[tuple[int, dt.time, dt.time]],
    session: int,
    buffer: int,
    first_day: dt.date,
    booked_offsets: list[int],
) -> None:
    availability = Availability(
        zone=ZoneInfo(zone_name),
        session=session * MIN,
        buffer=buffer * MIN,
        weekly=[WeeklyHours(d, min(a, b), max(a, b)) for d, a, b in hours],
    )
    start = dt.datetime.combine(first_day, dt.time(0), tzinfo=UTC)
    end = start + dt.timedelta(days=14)
    busy = [Busy(start + m * MIN, start + (m + 50) * MIN) for m in booked_offsets]
    found = free_slots(availability, busy, EARLY, start, end)
    assert found == sorted(found)
    for earlier, later in itertools.pairwise(found):
        assert later.start >= earlier.end + availability.buffer
    for slot in found:
        assert start <= slot.start < end
        assert slot.end - slot.start == availability.session
        assert not any(b.clashes(slot, availability.buffer) for b in busy)
        local = slot.start.astimezone(availability.zone)
        assert any(w.weekday == local.weekday() for w in availability.weekly)
        assert is_offered(availability, busy, EARLY, slot.start)


def test_the_times_offered_for_a_move_are_around_the_appointment() -> None:
    today, last = dt.date(2026, 12, 2), dt.date(2027, 1, 31)  # bookings open 60 days ahead
    # Before: an appointment on 30 December was offered 2-20 December only.
    assert move_window(today, dt.date(2026, 12, 30), last) == (
        dt.date(2026, 12, 23),
        dt.date(2027, 1, 12),
    )
    # An appointment in the coming week: from today, three weeks, as before.
    assert move_window(today, dt.date(2026, 12, 5), last) == (today, dt.date(2026, 12, 22))
    # Near the end of the booking window the three weeks end on its last date.
    assert move_window(today, dt.date(2027, 1, 29), last) == (dt.date(2027, 1, 11), last)
    # Paging: earlier dates never reach before today, later ones never beyond the window.
    assert move_window(today, dt.date(2026, 12, 30), last, wanted=dt.date(2026, 11, 1)) == (
        today,
        dt.date(2026, 12, 22),
    )
    assert move_window(today, dt.date(2026, 12, 30), last, wanted=dt.date(2027, 3, 1)) == (
        dt.date(2027, 1, 11),
        last,
    )
    # A booking window shorter than three weeks is shown whole.
    assert move_window(today, dt.date(2026, 12, 9), dt.date(2026, 12, 16)) == (
        today,
        dt.date(2026, 12, 16),
    )
