"""The "everything" zip: every file, in order, the diary's own CSVs unchanged, nothing secret."""

import csv
import io
import json
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from tests.reports.helpers import booked_with_theo, small_diary, unzip
from twitchlog.accounts.services import create_token
from twitchlog.diary import transfer
from twitchlog.reports import archive

NAMES = [
    "README.txt",
    "account.json",
    "diary_daily.csv",
    "diary_episodes.csv",
    "checkin_details.json",
    "stress_moments.csv",
    "custom_factors.json",
    "red_flags.json",
    "assessments.json",
    "assessments_fhir.json",
    "insights.json",
    "experiments.json",
    "appointments.json",
]


def test_it_holds_every_file_in_a_fixed_order(alice: Any) -> None:
    small_diary(alice, "alicetag")
    first, second = archive.build(alice), archive.build(alice)
    assert list(unzip(first)) == NAMES
    assert list(unzip(second)) == NAMES


def test_the_readme_explains_every_file(alice: Any) -> None:
    readme = unzip(archive.build(alice))["README.txt"]
    for name in NAMES[1:]:
        assert f"\n{name}\n  " in readme
    assert "Europe/London" in readme


def test_the_diary_files_are_the_diarys_own_exports_byte_for_byte(alice: Any) -> None:
    small_diary(alice, "alicetag")
    files = unzip(archive.build(alice))
    assert files["diary_daily.csv"] == transfer.export_daily(alice)
    assert files["diary_episodes.csv"] == transfer.export_episodes(alice)
    assert "screen_time_alicetag" in files["diary_daily.csv"].splitlines()[0]


def test_no_password_or_token_hash_goes_in(alice: Any) -> None:
    small_diary(alice, "alicetag")
    token, raw = create_token(alice, "My script")
    everything = "\n".join(unzip(archive.build(alice)).values())
    assert alice.password and alice.password not in everything
    assert alice.password.split("$")[-1] not in everything  # nor the bare hash
    assert token.key_hash not in everything
    assert raw not in everything
    account = json.loads(unzip(archive.build(alice))["account.json"])
    assert "password" not in account
    assert account["api_tokens"] == [
        {"name": "My script", "created_at": account["api_tokens"][0]["created_at"],
         "last_used_at": None}
    ]  # fmt: skip


def test_account_json_holds_the_account(alice: Any) -> None:
    alice.country = "GB"
    alice.save()
    account = json.loads(unzip(archive.build(alice))["account.json"])
    assert account["email"] == "alice@example.org"
    assert account["name"] == "Alice"
    assert account["time_zone"] == "Europe/London"
    assert account["country"] == "GB"
    assert account["health_data_consent_at"].endswith("Z")
    assert account["joined_at"].endswith("Z")
    assert account["diary_settings"] == {"show_menstruation": True}


def test_each_diary_file_holds_what_was_logged(alice: Any) -> None:
    small_diary(alice, "alicetag")
    files = unzip(archive.build(alice))
    stress = list(csv.DictReader(io.StringIO(files["stress_moments.csv"])))
    assert len(stress) == 1
    assert stress[0]["kind"] == "panic_attack"
    assert stress[0]["strength"] == "7"
    assert stress[0]["notes"] == "alicetag-stress"
    assert stress[0]["occurred_at_utc"] == "2026-11-20T12:00:00Z"
    assert stress[0]["time"] == "12:00"  # London is on UTC in November
    details = json.loads(files["checkin_details.json"])
    assert details == [
        {"date": "2026-11-20", "notes": "alicetag-checkin", "caffeine_drinks": [],
         "medication_events": []}
    ]  # fmt: skip
    factors = json.loads(files["custom_factors.json"])
    assert [(f["name"], f["column"], f["unit"]) for f in factors] == [
        ("Screen time alicetag", "screen_time_alicetag", "hours")
    ]
    flags = json.loads(files["red_flags.json"])
    assert [(f["key"], f["see_a_doctor"], f["noted_on"], f["dismissed_at"]) for f in flags] == [
        ("weakness", "soon", "2026-11-20", None)
    ]
    assert flags[0]["sign"].startswith("Weakness that is new")


def test_assessments_hold_answers_score_band_and_dates(alice: Any) -> None:
    small_diary(alice, "alicetag")
    files = unzip(archive.build(alice))
    (result,) = json.loads(files["assessments.json"])
    assert (result["instrument"], result["score"], result["max_score"]) == ("gad7", 10, 21)
    assert result["band"] == "moderate"
    assert result["taken_at"] == "2026-11-17T12:00:00Z"
    assert result["taken_at_local"] == "2026-11-17T12:00:00+00:00"
    assert len(result["answers"]) == 7
    assert result["answers"][0] == {
        "number": 1,
        "question": "Feeling nervous, anxious, or on edge",
        "answer": "Nearly every day",
    }
    assert result["answer_values"] == [3, 3, 3, 1, 0, 0, 0]
    bundle = Bundle.model_validate_json(files["assessments_fhir.json"])
    kinds = [entry.resource.get_resource_type() for entry in bundle.entry]
    assert kinds == ["Patient", "QuestionnaireResponse"]


def test_insights_hold_the_current_report_for_both_outcomes(alice: Any) -> None:
    small_diary(alice, "alicetag")
    insights = json.loads(unzip(archive.build(alice))["insights.json"])
    assert list(insights) == ["twitch_count", "twitch_severity"]
    for outcome, report in insights.items():
        assert report["outcome"] == outcome
        assert {"days_used", "findings", "load", "computed_at"} <= set(report)


def test_appointments_as_client_with_utc_and_local_times(alice: Any, theo: Any) -> None:
    alice.time_zone = "America/New_York"
    alice.save()
    booked_with_theo(alice, theo)
    (appointment,) = json.loads(unzip(archive.build(alice))["appointments.json"])
    assert appointment["therapist"] == "Theo"
    assert appointment["status"] == "booked"
    assert appointment["session_format"] == "Video call"
    assert appointment["shared_with_therapist"] is False
    assert appointment["start_utc"].endswith("Z")
    assert appointment["start_local"][-6:] in ("-05:00", "-04:00")
    assert appointment["time_zone"] == "America/New_York"


def test_alices_export_holds_none_of_charlies_entries(alice: Any, charlie: Any, theo: Any) -> None:
    small_diary(alice, "alicetag")
    small_diary(charlie, "charlietag")
    booked_with_theo(charlie, theo)
    alices = "\n".join(unzip(archive.build(alice)).values())
    charlies = "\n".join(unzip(archive.build(charlie)).values())
    assert "alicetag" in alices and "charlietag" not in alices
    assert "charlie@example.org" not in alices
    assert json.loads(unzip(archive.build(alice))["appointments.json"]) == []
    assert "charlietag" in charlies and "alicetag" not in charlies
