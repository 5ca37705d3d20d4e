"""A diary day is the person's own local date, fixed when an entry is logged."""

import datetime as dt
from typing import Any

from django.urls import reverse

from tests.diary.helpers import make_episode, make_stress_event
from twitchlog.diary.daily import daily_frame

UTC = dt.UTC


def test_an_entry_at_half_past_eleven_local_lands_on_that_date(alice: Any) -> None:
    alice.time_zone = "America/New_York"
    alice.save()
    # 23:30 in New York on 20 November is 04:30 UTC on the 21st.
    episode = make_episode(alice, occurred_at=dt.datetime(2026, 11, 21, 4, 30, tzinfo=UTC))
    assert episode.local_date == dt.date(2026, 11, 20)
    assert episode.time_zone == "America/New_York"


def test_across_the_spring_dst_change(alice: Any) -> None:
    # London moves from GMT to BST at 01:00 UTC on 29 March 2026.
    before = make_episode(alice, occurred_at=dt.datetime(2026, 3, 28, 23, 30, tzinfo=UTC))
    after = make_episode(alice, occurred_at=dt.datetime(2026, 3, 29, 22, 30, tzinfo=UTC))
    late = make_episode(alice, occurred_at=dt.datetime(2026, 3, 29, 23, 30, tzinfo=UTC))
    assert before.local_date == dt.date(2026, 3, 28)  # 23:30 GMT
    assert after.local_date == dt.date(2026, 3, 29)  # 23:30 BST
    assert late.local_date == dt.date(2026, 3, 30)  # 00:30 BST the next day


def test_across_the_autumn_dst_change(alice: Any) -> None:
    alice.time_zone = "America/New_York"
    alice.save()
    # New York falls back at 06:00 UTC on 1 November 2026: 01:30 happens twice that night.
    first = make_episode(alice, occurred_at=dt.datetime(2026, 11, 1, 5, 30, tzinfo=UTC))
    second = make_episode(alice, occurred_at=dt.datetime(2026, 11, 1, 6, 30, tzinfo=UTC))
    evening = make_episode(alice, occurred_at=dt.datetime(2026, 11, 2, 4, 30, tzinfo=UTC))
    assert first.local_date == second.local_date == dt.date(2026, 11, 1)
    assert evening.local_date == dt.date(2026, 11, 1)  # 23:30 EST


def test_changing_zone_does_not_move_past_days(alice: Any, alice_client: Any) -> None:
    episode = make_episode(alice, occurred_at=dt.datetime(2026, 11, 20, 23, 30, tzinfo=UTC))
    make_stress_event(alice, occurred_at=dt.datetime(2026, 11, 20, 23, 45, tzinfo=UTC))
    alice.time_zone = "Asia/Tokyo"  # where it is already the 21st
    alice.save()
    episode.refresh_from_db()
    assert episode.local_date == dt.date(2026, 11, 20)
    frame = daily_frame(alice)
    assert list(frame["date"].dt.date) == [dt.date(2026, 11, 20)]
    assert frame.loc[0, "twitch_count"] == 1 and frame.loc[0, "anxiety_episodes"] == 1
    # The day page still lists it, at the time it had where it was logged.
    page = alice_client.get(reverse("diary:day", args=["2026-11-20"])).content.decode()
    assert "23:30" in page


def test_editing_a_time_reads_it_in_the_zone_it_was_logged_in(
    alice: Any, alice_client: Any
) -> None:
    episode = make_episode(alice, occurred_at=dt.datetime(2026, 11, 20, 12, 0, tzinfo=UTC))
    alice.time_zone = "Asia/Tokyo"
    alice.save()
    form = alice_client.get(reverse("diary:episode", args=[episode.pk])).content.decode()
    assert 'value="2026-11-20T12:00"' in form  # London time, not Tokyo's 21:00
    alice_client.post(
        reverse("diary:episode", args=[episode.pk]),
        {
            "region": "eyelid",
            "side": "left",
            "sensation": "twitch",
            "occurred_at": "2026-11-20T23:30",
        },
    )
    episode.refresh_from_db()
    assert episode.occurred_at == dt.datetime(2026, 11, 20, 23, 30, tzinfo=UTC)
    assert episode.local_date == dt.date(2026, 11, 20)
