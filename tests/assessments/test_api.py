from typing import Any

from django.test import Client

from twitchlog.assessments.models import AssessmentResult

URL = "/api/assessments"


def test_instruments_are_listed_with_their_items(client: Any, db: Any) -> None:
    data = client.get(f"{URL}/instruments").json()
    by_slug = {i["slug"]: i for i in data}
    assert list(by_slug) == ["gad7", "gad2", "phq4", "phq9", "phq15", "pss10", "hyperstim"]
    assert by_slug["gad7"]["items"][3] == {
        "number": 4,
        "text": "Trouble relaxing",
        "reverse_scored": False,
        "skip_label": "",
    }
    assert by_slug["pss10"]["items"][3]["reverse_scored"] is True
    assert by_slug["phq15"]["items"][3]["skip_label"] == "Does not apply"
    assert by_slug["gad7"]["positive_screen_at"] == 10
    assert by_slug["hyperstim"]["validated"] is False
    assert "not a validated test" in by_slug["hyperstim"]["validation_note"]


def test_submitting_answers_returns_the_saved_result(alice_client: Any, alice: Any) -> None:
    response = alice_client.post(
        f"{URL}/results",
        {"instrument": "phq4", "answers": [2, 1, 0, 1]},
        content_type="application/json",
    )
    assert response.status_code == 201
    data = response.json()
    assert (data["score"], data["band"], data["positive_screen"]) == (4, "mild", True)
    assert data["subscales"]["anxiety"]["positive_screen"] is True
    assert data["crisis_lines"] == []
    assert AssessmentResult.objects.get(pk=data["id"]).user == alice


def test_a_phq9_result_carries_crisis_lines(alice_client: Any) -> None:
    response = alice_client.post(
        f"{URL}/results",
        {"instrument": "phq9", "answers": [0] * 8 + [1]},
        content_type="application/json",
    )
    data = response.json()
    assert data["safety_alert"] is True and data["score"] == 1
    assert data["crisis_lines"][0]["name"] == "Emergency services"


def test_bad_answers_get_the_same_messages(alice_client: Any) -> None:
    response = alice_client.post(
        f"{URL}/results",
        {"instrument": "gad7", "answers": [0, 1, 5, 0, 0, 0, 0]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == ["item 3: 5 is not one of 0, 1, 2, 3"]
    response = alice_client.post(
        f"{URL}/results",
        {"instrument": "gad7", "answers": [0, 1]},
        content_type="application/json",
    )
    assert response.json()["errors"] == [
        "GAD-7 has 7 questions, so it needs 7 answers; 2 were given"
    ]
    response = alice_client.post(
        f"{URL}/results", {"instrument": "dass21", "answers": []}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "dass21 is not one of gad7" in response.json()["errors"][0]
    assert not AssessmentResult.objects.exists()


def test_results_list_only_your_own(
    alice_client: Any, charlie_client: Any, alice: Any, result_for: Any
) -> None:
    older = result_for(alice, "gad7", "1111000", days_ago=3)
    newer = result_for(alice, "gad2", "11")
    assert [r["id"] for r in alice_client.get(f"{URL}/results").json()] == [newer.pk, older.pk]
    assert [r["id"] for r in alice_client.get(f"{URL}/results?instrument=gad7").json()] == [
        older.pk
    ]
    assert charlie_client.get(f"{URL}/results").json() == []


def test_results_come_in_bounded_slices(alice_client: Any, alice: Any, result_for: Any) -> None:
    made = [result_for(alice, "gad2", "11", days_ago=d) for d in (3, 2, 1)]
    newest_first = [r.pk for r in reversed(made)]
    assert [r["id"] for r in alice_client.get(f"{URL}/results?limit=2").json()] == (
        newest_first[:2]
    )
    page = alice_client.get(f"{URL}/results?limit=2&offset=2").json()
    assert [r["id"] for r in page] == newest_first[2:]
    for bad in ("limit=0", "limit=1001", "offset=-1", "limit=lots"):
        assert alice_client.get(f"{URL}/results?{bad}").status_code == 422


def test_one_result_is_404_for_a_stranger(
    alice_client: Any, charlie_client: Any, alice_gad7: Any
) -> None:
    assert alice_client.get(f"{URL}/results/{alice_gad7.pk}").json()["score"] == 10
    assert charlie_client.get(f"{URL}/results/{alice_gad7.pk}").status_code == 404
    assert Client().get(f"{URL}/results/{alice_gad7.pk}").status_code == 401


def test_a_token_works(alice: Any) -> None:
    from twitchlog.accounts.services import create_token

    _, raw = create_token(alice, "script")
    response = Client().post(
        f"{URL}/results",
        {"instrument": "gad2", "answers": [0, 0]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 201
