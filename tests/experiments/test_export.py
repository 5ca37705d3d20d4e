"""Experiments with their results in the zip, the FHIR bundle, the printed report's summary
and the summary shared with a therapist."""

import datetime as dt
import io
import json
import zipfile

from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from fhir.resources.R4B.bundle import Bundle

from tests.therapists.factories import make_booking, make_therapist
from twitchlog.accounts.models import User
from twitchlog.diary import services as diary
from twitchlog.experiments.export import records
from twitchlog.experiments.models import Experiment
from twitchlog.reports import archive
from twitchlog.reports import bundle as fhir
from twitchlog.reports.summary import summarise
from twitchlog.therapists.services import set_sharing

from .helpers import make_experiment


def finished(user: User) -> Experiment:
    experiment = make_experiment(user, days_ago=40, pairs=2, washout=True)
    for block in experiment.blocks:
        for offset in range(7):
            day = block.start + dt.timedelta(days=offset)
            diary.save_checkin(user, day, {"twitch_rating": 3 if block.condition == "B" else 6})
    make_experiment(user, days_ago=0, change_key="no-alcohol")  # still running
    return experiment


def test_the_zip_holds_every_experiment_with_its_plan(alice: User) -> None:
    experiment = finished(alice)
    with zipfile.ZipFile(io.BytesIO(archive.build(alice))) as files:
        rows = json.loads(files.read("experiments.json"))
        assert "experiments.json" in files.read("README.txt").decode()
    assert [r["state"] for r in rows] == ["running", "finished"]
    done = rows[1]
    assert done["id"] == experiment.pk
    assert done["registration"]["blocks"] == experiment.registration["blocks"]
    assert done["result"]["verdict"] in ("too_little_data", "could_not_tell")
    assert done["final"] is True


def test_fhir_has_an_observation_with_the_design(alice: User) -> None:
    experiment = finished(alice)
    text = fhir.to_json(fhir.bundle(alice))
    Bundle.model_validate_json(text)
    resources = [e["resource"] for e in json.loads(text)["entry"]]
    (found,) = [r for r in resources if r["id"] == f"experiment-{experiment.pk}"]
    codes = {c["code"]["coding"][0]["code"]: c for c in found["component"]}
    assert codes["experiment-change"]["valueString"] == "No caffeine after noon"
    assert "2 pairs of 7-day blocks" in codes["experiment-design"]["valueString"]
    assert "washout" in codes["experiment-design"]["valueString"]
    assert found["effectivePeriod"]["start"] == experiment.start_date.isoformat()
    assert not [r for r in resources if r["id"].startswith("experiment-") and r is not found]


def test_the_report_and_the_shared_summary_show_finished_tests(
    alice: User, theo: User, theo_client: Client
) -> None:
    finished(alice)
    assert [r.change for r in summarise(alice).experiments] == ["No caffeine after noon"]
    booking = make_booking(alice, make_therapist(theo))
    set_sharing(alice, booking, True)
    page = theo_client.get(reverse("therapists:shared_summary", args=[booking.pk]))
    html = page.content.decode()
    assert "Self-experiments" in html and "No caffeine after noon" in html
    assert "No alcohol" not in html  # not finished
    # The client is shown the same before sharing: consent to what is actually seen.
    alice_client = Client()
    alice_client.force_login(alice)
    own = alice_client.get(reverse("therapists:appointment", args=[booking.pk])).content.decode()
    preview = own.split("What Theo")[1].split("</section>")[0]
    assert "self-experiments you finished or stopped" in preview
    assert "<strong>No caffeine after noon</strong>" in preview and "No alcohol" not in preview
    [record] = records(alice, finished_only=True)
    for words in (record.verdict_label, record.planned, record.adherence):  # all the therapist sees
        assert escape(words) in preview and escape(words) in html


def test_the_therapist_reads_could_not_tell_not_no_difference(
    alice: User, theo: User, theo_client: Client
) -> None:
    # Before, the therapist's summary said "No clear difference" of a test that could not tell.
    from .test_pages import finished_with_ratings

    finished_with_ratings(alice, (6, 2))
    booking = make_booking(alice, make_therapist(theo))
    set_sharing(alice, booking, True)
    html = theo_client.get(reverse("therapists:shared_summary", args=[booking.pk])).content
    assert "): Could not tell." in html.decode()
    assert "No clear difference" not in html.decode()
    (observation,) = [r for r in fhir_resources(alice) if r.get("id", "").startswith("experiment-")]
    assert observation["valueString"] == "Could not tell"


def fhir_resources(user: User) -> list[dict[str, object]]:
    return [e["resource"] for e in json.loads(fhir.to_json(fhir.bundle(user)))["entry"]]


def test_a_test_stopped_on_its_first_day_never_ends_before_it_starts(alice: User) -> None:
    from twitchlog.experiments import services

    experiment = make_experiment(alice, days_ago=0)
    services.stop(alice, experiment)
    (found,) = [r for r in fhir_resources(alice) if r.get("id", "").startswith("experiment-")]
    assert found["effectivePeriod"]["end"] >= found["effectivePeriod"]["start"]
    [record] = records(alice, finished_only=True)
    assert record.period == f"started and stopped on {experiment.start_date:%-d %b %Y}"
    assert "no days to compare" in record.planned
