"""A registered plan cannot be changed after the start: not by the service, a form or the API.
Only stopping early (recorded, reported) and the reminder time change."""

import datetime as dt
import json

import pytest
from django.test import Client

from twitchlog.accounts.models import User
from twitchlog.core.models import AuditEntry
from twitchlog.experiments import services
from twitchlog.experiments.models import Experiment, RegisteredPlanError

from .helpers import make_experiment


def frozen(experiment: Experiment) -> tuple[object, ...]:
    experiment.refresh_from_db()
    return (experiment.registration, experiment.start_date, experiment.end_date)


def test_saving_a_changed_plan_is_refused(alice: User) -> None:
    experiment = make_experiment(alice)
    before = frozen(experiment)
    experiment.registration = {**experiment.registration, "outcome": "twitch_severity"}
    with pytest.raises(RegisteredPlanError):
        experiment.save()
    with pytest.raises(RegisteredPlanError):
        experiment.save(update_fields=["registration"])
    assert frozen(experiment) == before


def test_only_stopping_and_the_reminder_change(alice: User) -> None:
    experiment = make_experiment(alice)
    before = frozen(experiment)
    services.set_reminder(alice, experiment, dt.time(20, 30))
    assert services.stop(alice, experiment)
    assert not services.stop(alice, experiment)  # a second stop changes nothing
    assert frozen(experiment) == before
    assert experiment.stopped_on == services.today_for(alice)
    assert AuditEntry.objects.filter(action="experiment.stopped").count() == 1
    assert services.result(experiment).stopped_early


def test_there_is_no_form_to_edit_a_plan(alice: User, alice_client: Client) -> None:
    experiment = make_experiment(alice)
    before = frozen(experiment)
    # Posting plan fields to every page of the experiment changes nothing registered.
    fields = {"change": "no-alcohol", "aim": "twitch_severity:-1", "block_days": 5, "pairs": 6}
    for name in ("detail", "kept", "reminder"):
        alice_client.post(
            f"/experiments/{experiment.pk}/{'' if name == 'detail' else name + '/'}", fields
        )
    assert frozen(experiment) == before
    # Registering again over the same days is refused, so a plan cannot be swapped either.
    page = alice_client.post(
        "/experiments/plan/",
        {**fields, "register": "1", "start_date": services.today_for(alice).isoformat()},
    )
    assert "one test at a time" in page.content.decode()
    assert Experiment.objects.filter(user=alice).count() == 1


def test_the_api_refuses_to_change_a_plan(alice: User, alice_client: Client) -> None:
    experiment = make_experiment(alice)
    before = frozen(experiment)
    url = f"/api/experiments/{experiment.pk}"
    for change in ({"outcome": "twitch_severity"}, {"pairs": 6}, {"start_date": "2026-01-01"}):
        answer = alice_client.patch(url, json.dumps(change), content_type="application/json")
        assert answer.status_code == 409
        assert "registered plan cannot be changed" in answer.json()["detail"]
    assert frozen(experiment) == before
    answer = alice_client.patch(
        url, json.dumps({"reminder_time": "07:45"}), content_type="application/json"
    )
    assert answer.status_code == 200
    assert answer.json()["reminder_time"] == "07:45:00"
    assert frozen(experiment) == before


def test_the_diary_before_the_test_joins_the_spread_only_when_registered_so(alice: User) -> None:
    from twitchlog.diary import services as diary
    from twitchlog.experiments.analysis import METHOD, METHOD_WITHOUT_DIARY

    experiment = make_experiment(
        alice, days_ago=40, pairs=2, outcome="twitch_severity", effect_choice="-2"
    )
    for offset in range(1, 57):
        day = experiment.start_date - dt.timedelta(days=offset)
        diary.save_checkin(alice, day, {"twitch_rating": 4 + offset % 3})
    for block in experiment.blocks:
        day = block.start
        while day <= block.end:
            diary.save_checkin(alice, day, {"twitch_rating": 3 if block.condition == "B" else 5})
            day += dt.timedelta(days=1)
    result = services.result(experiment)
    assert result.diary_blocks == 8
    assert result.method == experiment.registration["method"] == METHOD

    # A test registered before the diary joined the spread keeps its registered method.
    old = {**experiment.registration, "method": METHOD_WITHOUT_DIARY}
    Experiment.objects.filter(pk=experiment.pk).update(registration=old)
    experiment.refresh_from_db()
    kept = services.result(experiment)
    assert kept.diary_blocks == 0
    assert kept.method == METHOD_WITHOUT_DIARY
    assert kept.as_planned.effect == result.as_planned.effect
