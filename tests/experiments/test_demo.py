"""The demo's self-experiment: a finished test whose plan was fixed before it started."""

import datetime as dt

import pytest
from django.test import Client

from twitchlog.accounts.models import User
from twitchlog.core.timezones import local_date
from twitchlog.experiments import services
from twitchlog.experiments.demo import seed_demo
from twitchlog.experiments.models import Experiment

from .helpers import plan


def test_the_demo_test_is_registered_the_day_before_it_starts(
    alice: User, alice_client: Client
) -> None:
    # Before, the demo registered its test when the demo was made, weeks after the test had
    # ended ("Registered on 1 Dec 2026, 04:11" for a test of 25 Oct to 24 Nov).
    seed_demo(alice, days=60, seed=6)
    experiment = Experiment.objects.get(user=alice)
    registered_on = local_date(experiment.registered_at, alice.time_zone)
    assert registered_on == experiment.start_date - dt.timedelta(days=1)
    assert experiment.registration["registered_at"] == experiment.registered_at.isoformat()
    assert experiment.end_date < services.today_for(alice)
    page = alice_client.get(f"/experiments/{experiment.pk}/").content.decode()
    assert f"Registered on {registered_on:%-d %b %Y}, 20:30" in page
    assert experiment.kept_days.exists()


def test_a_start_before_the_registration_day_is_refused(alice: User) -> None:
    start = services.today_for(alice) - dt.timedelta(days=10)
    next_day = dt.datetime.combine(start + dt.timedelta(days=1), dt.time(12), tzinfo=dt.UTC)
    with pytest.raises(services.ExperimentInputError, match="starts today or later"):
        services.register(alice, plan(start), registered_at=next_day)
    assert not Experiment.objects.exists()
