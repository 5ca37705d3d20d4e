"""Questionnaires and results survive a round trip through fhir.resources' R4B models."""

import json
from typing import Any

import pytest
from django.urls import reverse
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from twitchlog.assessments import fhir
from twitchlog.assessments.instruments import INSTRUMENTS

LOINC = "http://loinc.org"


def _codes(entries: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(c["system"], c["code"]) for entry in entries for c in entry.get("code", [])}


@pytest.mark.parametrize("slug", sorted(INSTRUMENTS))
def test_every_questionnaire_parses_back(slug: str) -> None:
    instrument = INSTRUMENTS[slug]
    text = fhir.to_json(fhir.questionnaire(instrument))
    parsed = Questionnaire.model_validate_json(text)
    assert parsed.url == f"https://twitchlog.example/fhir/Questionnaire/{slug}"
    choices = [i for i in parsed.item if i.type == "choice" and i.linkId.startswith(slug[:3])]
    texts = [i.text for i in parsed.item]
    for item in instrument.items:
        assert item.text in texts
    assert len([i for i in parsed.item if i.type == "choice"]) >= len(choices)
    assert parsed.copyright == instrument.licence


def test_gad7_questionnaire_carries_the_loinc_codes() -> None:
    data = json.loads(fhir.to_json(fhir.questionnaire(INSTRUMENTS["gad7"])))
    assert data["code"] == [{"system": LOINC, "code": "69737-5", "display": "GAD-7"}]
    codes = _codes(data["item"])
    for code in ("69725-0", "69736-7", "70274-6", "69722-7"):
        assert (LOINC, code) in codes
    first = data["item"][1]
    assert first["answerOption"][3]["valueCoding"]["code"] == "LA6571-9"
    assert first["answerOption"][3]["extension"][0]["valueDecimal"] == 3


def test_pss10_reverse_items_carry_reversed_weights() -> None:
    data = json.loads(fhir.to_json(fhir.questionnaire(INSTRUMENTS["pss10"])))
    items = {i["linkId"]: i for i in data["item"]}
    weights = [o["extension"][0]["valueDecimal"] for o in items["pss10-4"]["answerOption"]]
    assert weights == [4, 3, 2, 1, 0]
    weights = [o["extension"][0]["valueDecimal"] for o in items["pss10-3"]["answerOption"]]
    assert weights == [0, 1, 2, 3, 4]


def test_the_checklist_says_it_is_not_validated_and_uses_our_codes() -> None:
    data = json.loads(fhir.to_json(fhir.questionnaire(INSTRUMENTS["hyperstim"])))
    assert (
        "Not a validated test — our own checklist to follow your change over time."
        in (data["description"])
    )
    assert all(system != LOINC for system, _ in _codes(data["item"]))


def test_a_phq9_result_round_trips_with_loinc_codes(alice: Any, result_for: Any) -> None:
    result = result_for(alice, "phq9", "210000001", difficulty=2)
    text = fhir.to_json(fhir.questionnaire_response(result))
    parsed = QuestionnaireResponse.model_validate_json(text)
    assert parsed.status == "completed"
    assert parsed.questionnaire == "https://twitchlog.example/fhir/Questionnaire/phq9"
    answers = {item.linkId: item.answer[0] for item in parsed.item}
    assert answers["phq9-1"].valueCoding.code == "LA6570-1"
    assert answers["phq9-1"].valueCoding.system == LOINC
    assert answers["phq9-9"].valueCoding.code == "LA6569-3"
    assert answers["phq9-difficulty"].valueCoding.code == "LA6575-0"
    assert answers["phq9-total"].valueInteger == 4
    # Every linkId answered is one the questionnaire asks.
    asked = {i.linkId for i in fhir.questionnaire(INSTRUMENTS["phq9"]).item}
    assert set(answers) <= asked


def test_a_skipped_phq15_item_is_left_out(alice: Any, result_for: Any) -> None:
    result = result_for(alice, "phq15", "111-11111111111")
    data = json.loads(fhir.to_json(fhir.questionnaire_response(result)))
    linked = [i["linkId"] for i in data["item"]]
    assert "phq15-4" not in linked and "phq15-5" in linked
    assert data["item"][-1]["answer"] == [{"valueInteger": 14}]
    assert data["item"][0]["answer"][0]["valueCoding"]["code"] == "LA18335-2"


def test_phq4_result_carries_both_halves(alice: Any, result_for: Any) -> None:
    result = result_for(alice, "phq4", "2101")
    data = json.loads(fhir.to_json(fhir.questionnaire_response(result)))
    by_link = {i["linkId"]: i["answer"][0] for i in data["item"]}
    assert by_link["phq4-anxiety"] == {"valueInteger": 3}
    assert by_link["phq4-depression"] == {"valueInteger": 1}
    assert by_link["gad7-1"]["valueCoding"]["system"] == LOINC


def test_the_questionnaire_download_is_public(client: Any, db: Any) -> None:
    response = client.get(reverse("assessments:questionnaire", args=["gad7"]))
    assert response.status_code == 200
    assert 'filename="gad7-questionnaire.json"' in response["Content-Disposition"]
    assert Questionnaire.model_validate_json(response.content).id == "gad7"
