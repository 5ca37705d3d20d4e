"""The demo's questionnaire history."""

import datetime as dt
from typing import Any

import pytest

from twitchlog.accounts.models import User
from twitchlog.assessments.demo import seed_demo
from twitchlog.assessments.models import AssessmentResult
from twitchlog.core.timezones import local_now, zone


@pytest.mark.parametrize("made_at", ["04:11", "23:50"])
def test_each_questionnaire_is_taken_in_the_daytime_and_never_ahead(
    alice: User, made_at: str, monkeypatch: Any
) -> None:
    # Before, each was dated a few hours before the moment the demo was made, so a demo made
    # at 4 am showed questionnaires taken in the middle of the night.
    hour, minute = map(int, made_at.split(":"))
    today = local_now(alice.time_zone).date()
    now = dt.datetime.combine(today, dt.time(hour, minute), tzinfo=zone(alice.time_zone))
    monkeypatch.setattr("twitchlog.assessments.demo.local_now", lambda _zone: now)
    seed_demo(alice, days=60, seed=6)
    results = AssessmentResult.objects.filter(user=alice)
    assert results.count() > 8
    for result in results:
        local = result.taken_at.astimezone(zone(alice.time_zone))
        assert 9 <= local.hour < 21
        assert result.taken_at <= now
        assert local.date() > now.date() - dt.timedelta(days=60)
