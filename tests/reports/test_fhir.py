"""The FHIR bundle: R4B, a collection, parses back, and holds the right resources."""

import json
from collections import Counter
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from tests.reports.helpers import CHECKIN, small_diary
from twitchlog.diary import transfer
from twitchlog.reports import bundle as fhir

DIARY = "https://twitchlog.example/fhir/CodeSystem/diary"


def _parsed(user: Any) -> Bundle:
    return Bundle.model_validate_json(fhir.to_json(fhir.bundle(user)))


def _resources(user: Any) -> list[dict[str, Any]]:
    return [entry["resource"] for entry in json.loads(fhir.to_json(fhir.bundle(user)))["entry"]]


def _observation(resources: list[dict[str, Any]], id_end: str) -> dict[str, Any]:
    (found,) = [
        r for r in resources if r["resourceType"] == "Observation" and r["id"].endswith(id_end)
    ]
    return found


def test_it_parses_back_as_an_r4b_collection_with_the_right_counts(alice: Any) -> None:
    small_diary(alice, "alicetag")
    parsed = _parsed(alice)
    assert parsed.type == "collection"
    counts = Counter(entry.resource.get_resource_type() for entry in parsed.entry)
    # 2 twitches + 1 stress moment + the check-in's 5 values and 1 custom value.
    assert counts == {
        "Patient": 1,
        "QuestionnaireResponse": 1,
        "Observation": 2 + 1 + len(CHECKIN) + 1,
    }


def test_an_empty_account_is_a_patient_alone(alice: Any) -> None:
    parsed = _parsed(alice)
    assert [e.resource.get_resource_type() for e in parsed.entry] == ["Patient"]


def test_the_patient_has_no_more_identity_than_the_account(alice: Any) -> None:
    patient = _resources(alice)[0]
    assert patient == {
        "resourceType": "Patient",
        "id": "patient",
        "name": [{"text": "Alice"}],
        "telecom": [{"system": "email", "value": "alice@example.org"}],
    }


def test_every_reference_points_at_the_patient_entry(alice: Any) -> None:
    small_diary(alice, "alicetag")
    data = json.loads(fhir.to_json(fhir.bundle(alice)))
    patient_url = data["entry"][0]["fullUrl"]
    assert patient_url.startswith("urn:uuid:")
    for entry in data["entry"][1:]:
        assert entry["resource"]["subject"] == {"reference": patient_url}
    urls = [entry["fullUrl"] for entry in data["entry"]]
    assert len(set(urls)) == len(urls)


def test_identifiers_are_the_same_on_every_export(alice: Any) -> None:
    small_diary(alice, "alicetag")
    first = [e["fullUrl"] for e in json.loads(fhir.to_json(fhir.bundle(alice)))["entry"]]
    second = [e["fullUrl"] for e in json.loads(fhir.to_json(fhir.bundle(alice)))["entry"]]
    assert first == second


def test_a_twitch_has_its_place_time_feeling_and_strength(alice: Any) -> None:
    small_diary(alice, "alicetag")
    resources = _resources(alice)
    episodes = [r for r in resources if r["id"].startswith("episode-")]
    first = episodes[0]
    assert first["code"]["coding"] == [
        {"system": DIARY, "code": "twitch-episode", "display": "Twitch episode"}
    ]
    assert first["bodySite"] == {"text": "Left eyelid or around the eye"}
    assert first["effectiveDateTime"] == "2026-11-20T12:00:00Z"
    components = {c["code"]["coding"][0]["code"]: c for c in first["component"]}
    assert (
        components["sensation"]["valueCodeableConcept"]["coding"][0]["code"] == "sensation-twitch"
    )
    assert components["strength"]["valueInteger"] == 4
    assert first["note"] == [{"text": "alicetag-episode"}]
    second = episodes[1]
    assert second["bodySite"] == {"text": "Right calf"}
    assert "strength" not in {c["code"]["coding"][0]["code"] for c in second["component"]}


def test_sleep_uses_loinc_and_the_rest_our_own_codes(alice: Any) -> None:
    small_diary(alice, "alicetag")
    resources = _resources(alice)
    sleep = _observation(resources, "-sleep-hours")
    assert sleep["code"]["coding"] == [
        {"system": "http://loinc.org", "code": "93832-4", "display": "Sleep duration"}
    ]
    assert sleep["valueQuantity"] == {
        "value": 6.5, "unit": "hours", "system": "http://unitsofmeasure.org", "code": "h"
    }  # fmt: skip
    assert sleep["effectiveDateTime"] == "2026-11-20"
    caffeine = _observation(resources, "-caffeine-mg")
    assert caffeine["code"]["coding"][0]["system"] == DIARY
    assert caffeine["valueQuantity"]["code"] == "mg"
    assert _observation(resources, "-nicotine")["valueBoolean"] is True
    assert _observation(resources, "-stress-level")["valueInteger"] == 4
    assert _observation(resources, "-twitch-severity")["valueInteger"] == 5
    custom = _observation(resources, "-custom-screen-time-alicetag")
    assert custom["code"] == {"text": "Screen time alicetag"}
    assert custom["valueQuantity"] == {"value": 3.0, "unit": "hours"}
    loinc = {c["code"] for r in resources for c in r.get("code", {}).get("coding", [])
             if c["system"] == "http://loinc.org"}  # fmt: skip
    assert loinc == {"93832-4"}


def test_questionnaire_responses_come_from_the_assessments(alice: Any) -> None:
    small_diary(alice, "alicetag")
    (response,) = [r for r in _resources(alice) if r["resourceType"] == "QuestionnaireResponse"]
    assert response["questionnaire"] == "https://twitchlog.example/fhir/Questionnaire/gad7"
    assert response["status"] == "completed"
    total = response["item"][-1]
    assert total["answer"] == [{"valueInteger": 10}]


def test_alices_bundle_holds_none_of_charlies_entries(alice: Any, charlie: Any) -> None:
    small_diary(alice, "alicetag")
    small_diary(charlie, "charlietag")
    text = fhir.to_json(fhir.bundle(alice))
    assert "alicetag" in text
    assert "charlietag" not in text and "charlie@example.org" not in text


def test_a_count_imported_from_a_file_is_an_observation_of_its_day(alice: Any) -> None:
    transfer.import_daily(alice, transfer.read_for(alice, "date,twitch_count\n2026-11-01,4\n"))
    count = _observation(_resources(alice), "-twitch-count")
    assert count["valueInteger"] == 4
    assert count["effectiveDateTime"] == "2026-11-01"
