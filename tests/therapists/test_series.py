"""Series: weekly or fortnightly sessions at one local time, whole or not at all."""

import datetime as dt
import itertools
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.conftest import make_user
from tests.therapists.factories import make_therapist, morning_slot
from twitchlog.core.models import AuditEntry
from twitchlog.therapists import series
from twitchlog.therapists.availability import is_free
from twitchlog.therapists.models import Appointment, AppointmentSeries, TimeOff
from twitchlog.therapists.series import SeriesConflict, book_series, cancel_rest, move_rest
from twitchlog.therapists.services import ChangeRefused, book_slot, reschedule_appointment
from twitchlog.therapists.slots import series_starts

NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")


def _first(profile: Any, days: float = 2) -> dt.datetime:
    return morning_slot(profile, days)


def test_a_weekly_series_books_every_session_at_one_local_time(
    alice: Any, theo_profile: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    first = _first(theo_profile)
    with run_on_commit():
        booked = book_series(alice, theo_profile, first, "video", every_weeks=1, count=6)
    assert len(booked) == 6 and len({a.series_id for a in booked}) == 1
    local = [a.start.astimezone(NEW_YORK) for a in booked]
    assert {t.time() for t in local} == {local[0].time()}
    assert [(b.date() - a.date()).days for a, b in itertools.pairwise(local)] == [7] * 5
    # One email per person, with every session in one invite.
    assert len(mailoutbox) == 2
    invite = mailoutbox[0].attachments[0][1]
    invite = invite.decode() if isinstance(invite, bytes) else invite
    assert invite.count("BEGIN:VEVENT") == 6
    assert AuditEntry.objects.filter(action="appointment.booked").count() == 6


def test_a_fortnightly_series_is_two_weeks_apart(alice: Any, theo_profile: Any) -> None:
    booked = book_series(alice, theo_profile, _first(theo_profile), "video", 2, 3)
    assert [b.start - a.start for a, b in itertools.pairwise(booked)] == [dt.timedelta(weeks=2)] * 2


@pytest.mark.parametrize(("every_weeks", "count"), [(3, 4), (0, 4), (1, 1), (1, 13)])
def test_a_series_has_a_sane_shape(
    alice: Any, theo_profile: Any, every_weeks: int, count: int
) -> None:
    with pytest.raises(ChangeRefused):
        book_series(alice, theo_profile, _first(theo_profile), "video", every_weeks, count)
    assert not Appointment.objects.exists()


# Clock changes in two zones --------------------------------------------------------------
# 2026: the US changes on 8 March and 1 November, the UK on 29 March and 25 October.


def test_series_starts_keep_the_therapists_wall_clock_across_both_changes() -> None:
    spring = series_starts(dt.datetime(2026, 2, 24, 14, tzinfo=dt.UTC), NEW_YORK, 1, 6)
    assert {s.astimezone(NEW_YORK).time() for s in spring} == {dt.time(9)}
    # Seen from London the sessions sit an hour earlier in the three weeks between changes.
    assert [s.astimezone(LONDON).hour for s in spring] == [14, 14, 13, 13, 13, 14]
    autumn = series_starts(dt.datetime(2026, 10, 13, 13, tzinfo=dt.UTC), NEW_YORK, 1, 5)
    assert {s.astimezone(NEW_YORK).time() for s in autumn} == {dt.time(9)}
    assert [s.astimezone(LONDON).hour for s in autumn] == [14, 14, 13, 14, 14]


def test_a_series_across_both_clock_changes_in_two_zones_is_booked_and_checked(
    alice: Any, charlie: Any, theo: Any
) -> None:
    # Theo works in New York 09:00-12:00; Alice books from London; bookings reach a year ahead.
    weekly = [(day, dt.time(9), dt.time(12)) for day in range(7)]
    profile = make_therapist(theo, weekly=weekly, horizon_days=365)
    now = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
    for first, count in [
        (dt.datetime(2026, 2, 24, 14, tzinfo=dt.UTC), 6),  # 09:00 EST, into both March changes
        (dt.datetime(2026, 10, 13, 13, tzinfo=dt.UTC), 5),  # 09:00 EDT, over both autumn ones
    ]:
        booked = book_series(alice, profile, first, "video", 1, count, now=now)
        assert {a.start.astimezone(NEW_YORK).time() for a in booked} == {dt.time(9)}
        assert len({a.start.astimezone(LONDON).time() for a in booked}) == 2
    # Each session is checked at its own instant: a booking at 10:00 New York time in the
    # first week of summer time (14:00 UTC, not the 15:00 UTC of the winter weeks) is found.
    dora = make_user("dora@example.org")
    book_slot(dora, profile, dt.datetime(2026, 3, 10, 14, tzinfo=dt.UTC), "video", now=now)
    with pytest.raises(SeriesConflict) as refused:
        book_series(
            charlie, profile, dt.datetime(2026, 3, 3, 15, tzinfo=dt.UTC), "video", 1, 4, now=now
        )
    assert refused.value.conflicts == [dt.datetime(2026, 3, 10, 14, tzinfo=dt.UTC)]
    assert Appointment.objects.count() == 12


def test_a_series_anchored_at_a_time_skipped_by_the_spring_change_moves_an_hour_on() -> None:
    starts = series_starts(dt.datetime(2026, 3, 1, 7, 30, tzinfo=dt.UTC), NEW_YORK, 1, 2)
    assert starts[0].astimezone(NEW_YORK).time() == dt.time(2, 30)
    # 02:30 does not exist on 8 March: read as the hour after, as the hours are.
    assert starts[1].astimezone(NEW_YORK).time() == dt.time(3, 30)


# Whole or nothing, and the 409 listing -------------------------------------------------


def test_a_series_with_a_taken_session_books_nothing_and_lists_it(
    alice: Any, charlie: Any, theo_profile: Any
) -> None:
    first = _first(theo_profile)
    third = first + dt.timedelta(weeks=2)
    book_slot(charlie, theo_profile, third, "video")
    with pytest.raises(SeriesConflict) as refused:
        book_series(alice, theo_profile, first, "video", 1, 4)
    assert refused.value.conflicts == [third]
    nearest = refused.value.alternatives[0]
    assert nearest is not None and nearest.start != third
    assert abs(nearest.start - third) <= dt.timedelta(hours=1)
    assert not Appointment.objects.filter(client=alice).exists()
    assert not AppointmentSeries.objects.exists()
    # The client chooses to book the rest.
    booked = book_series(alice, theo_profile, first, "video", 1, 4, skip=[third])
    assert [a.start for a in booked] == [first + dt.timedelta(weeks=w) for w in (0, 1, 3)]


def test_time_off_and_the_horizon_count_as_conflicts(alice: Any, theo: Any) -> None:
    profile = make_therapist(theo, horizon_days=30)
    first = _first(profile)
    away = (first + dt.timedelta(weeks=1)).astimezone(NEW_YORK).date()
    TimeOff.objects.create(profile=profile, first_day=away, last_day=away)
    now = timezone.now()
    with pytest.raises(SeriesConflict) as refused:
        book_series(alice, profile, first, "video", 1, 6, now=now)
    starts = [first + dt.timedelta(weeks=w) for w in range(6)]
    beyond = [s for s in starts if s > now + dt.timedelta(days=30)]
    assert len(beyond) == 2
    assert refused.value.conflicts == [first + dt.timedelta(weeks=1), *beyond]


def test_the_api_books_a_series_or_answers_409_with_the_conflicts(
    alice_client: Any, charlie: Any, theo_profile: Any
) -> None:
    first = _first(theo_profile)
    second = first + dt.timedelta(weeks=1)
    book_slot(charlie, theo_profile, second, "video")
    url = f"/api/therapists/{theo_profile.pk}/bookings"
    body = {
        "start": first.isoformat(),
        "session_format": "video",
        "repeat": {"every_weeks": 1, "count": 3},
    }
    answer = alice_client.post(url, body, content_type="application/json")
    assert answer.status_code == 409
    data = answer.json()
    assert [dt.datetime.fromisoformat(c) for c in data["conflicts"]] == [second]
    assert len(data["alternatives"]) == 1 and data["alternatives"][0]["start"]
    assert Appointment.objects.filter(status="booked").count() == 1
    body["repeat"]["skip"] = data["conflicts"]  # type: ignore[index]
    answer = alice_client.post(url, body, content_type="application/json")
    assert answer.status_code == 201
    made = answer.json()["appointments"]
    assert [dt.datetime.fromisoformat(a["start"]) for a in made] == [
        first,
        first + dt.timedelta(weeks=2),
    ]
    assert all(a["id"] and a["series_id"] == answer.json()["series_id"] for a in made)


@pytest.mark.parametrize(
    "repeat", [{"every_weeks": 3, "count": 2}, {"every_weeks": 1, "count": 20}, {"count": 2}]
)
def test_the_api_refuses_a_bad_repeat(alice_client: Any, theo_profile: Any, repeat: Any) -> None:
    body = {"start": _first(theo_profile).isoformat(), "session_format": "video", "repeat": repeat}
    answer = alice_client.post(
        f"/api/therapists/{theo_profile.pk}/bookings", body, content_type="application/json"
    )
    assert answer.status_code == 422
    assert not Appointment.objects.exists()


# Cancel or move one, or all the remaining ---------------------------------------------


def test_cancelling_one_session_keeps_the_rest(alice: Any, theo_profile: Any) -> None:
    booked = book_series(alice, theo_profile, _first(theo_profile), "video", 1, 4)
    from twitchlog.therapists.services import cancel_appointment

    cancel_appointment(alice, booked[1])
    assert [a.status for a in Appointment.objects.order_by("start")] == [
        "booked",
        "cancelled",
        "booked",
        "booked",
    ]


def test_cancelling_the_rest_cancels_this_and_later_sessions_only(
    alice: Any, theo_profile: Any, run_on_commit: Any, mailoutbox: Any
) -> None:
    booked = book_series(alice, theo_profile, _first(theo_profile), "video", 1, 5)
    with run_on_commit():
        cancelled = cancel_rest(alice, booked[2])
    assert [a.pk for a in cancelled] == [a.pk for a in booked[2:]]
    assert [a.status for a in Appointment.objects.order_by("start")] == ["booked"] * 2 + [
        "cancelled"
    ] * 3
    assert all(is_free(theo_profile, a.start) for a in booked[2:])
    assert len(mailoutbox) == 2 and "Cancelled: 3 appointments" in mailoutbox[0].subject


def test_moving_the_rest_keeps_the_spacing_or_moves_nothing(
    alice: Any, charlie: Any, theo_profile: Any
) -> None:
    booked = book_series(alice, theo_profile, morning_slot(theo_profile), "video", 2, 4)
    new_first = booked[1].start + dt.timedelta(hours=2)
    moved = move_rest(alice, booked[1], new_first)
    assert [a.start for a in moved] == [new_first + dt.timedelta(weeks=2 * w) for w in range(3)]
    assert Appointment.objects.get(pk=booked[0].pk).start == booked[0].start
    # A taken time anywhere in the new run moves nothing.
    blocker = new_first + dt.timedelta(weeks=2, hours=2)
    book_slot(charlie, theo_profile, blocker, "video")
    with pytest.raises(SeriesConflict) as refused:
        move_rest(alice, booked[1], new_first + dt.timedelta(hours=2))
    assert refused.value.conflicts == [blocker]
    assert [a.start for a in Appointment.objects.filter(client=alice).order_by("start")] == [
        booked[0].start,
        *[a.start for a in moved],
    ]


def test_moving_one_session_of_a_series(alice: Any, theo_profile: Any) -> None:
    booked = book_series(alice, theo_profile, _first(theo_profile), "video", 1, 3)
    later = booked[1].start + dt.timedelta(hours=1)
    reschedule_appointment(alice, booked[1], later)
    booked[1].refresh_from_db()
    assert booked[1].start == later and booked[1].series_id == booked[0].series_id


def test_a_client_cannot_cancel_the_rest_inside_the_notice(alice: Any, theo_profile: Any) -> None:
    booked = book_series(alice, theo_profile, _first(theo_profile), "video", 1, 3)
    with pytest.raises(ChangeRefused, match="up to 24 hours"):
        cancel_rest(alice, booked[0], now=booked[0].start - dt.timedelta(hours=2))


def test_a_series_counts_against_the_upcoming_cap(alice: Any, theo_profile: Any) -> None:
    book_series(alice, theo_profile, _first(theo_profile), "video", 1, 8)
    with pytest.raises(ChangeRefused, match="You have 8, so you can book 4 more"):
        book_series(alice, theo_profile, _first(theo_profile, days=1), "phone", 2, 5)


def test_only_the_people_of_the_appointment_may_change_the_rest(
    alice: Any, charlie: Any, theo_profile: Any
) -> None:
    booked = book_series(alice, theo_profile, _first(theo_profile), "video", 1, 3)
    with pytest.raises(ChangeRefused):
        cancel_rest(charlie, booked[0])
    with pytest.raises(ChangeRefused):
        move_rest(charlie, booked[0], booked[0].start + dt.timedelta(hours=1))


def test_remaining_is_this_and_later_upcoming_sessions(alice: Any, theo_profile: Any) -> None:
    booked = book_series(alice, theo_profile, _first(theo_profile), "video", 1, 4)
    later = timezone.now() + dt.timedelta(days=100)
    assert series.remaining(booked[1], timezone.now()) == booked[1:]
    assert series.remaining(booked[1], later) == []


def test_someone_else_can_book_a_series_with_another_therapist(alice: Any, theo: Any) -> None:
    other = make_therapist(make_user("nina@example.org", display_name="Nina"))
    profile = make_therapist(theo)
    book_series(alice, profile, _first(profile), "video", 1, 2)
    book_series(alice, other, _first(other), "video", 1, 2)
    assert Appointment.objects.count() == 4
