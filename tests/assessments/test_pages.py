from typing import Any

from django.urls import reverse

from tests.assessments.conftest import page
from twitchlog.assessments.instruments import INSTRUMENTS


def test_the_index_lists_every_questionnaire_honestly(client: Any, db: Any) -> None:
    html = page(client.get(reverse("assessments:index")))
    for instrument in INSTRUMENTS.values():
        assert reverse("assessments:take", args=[instrument.slug]) in html
    assert html.count("validated questionnaire") == 6
    assert "not a validated test — our own checklist to follow your change over time" in html
    assert "7 questions · about a minute" in html
    assert "a screening aid, not a diagnosis" in html
    assert reverse("accounts:login") in html


def test_the_index_shows_your_last_result(alice_client: Any, alice_gad7: Any) -> None:
    html = page(alice_client.get(reverse("assessments:index")))
    assert "<strong>10</strong> of 21 (moderate)" in html
    assert reverse("assessments:history", args=["gad7"]) in html


def test_the_about_page_shows_scoring_source_and_licence(client: Any, db: Any) -> None:
    html = page(client.get(reverse("assessments:about", args=["pss10"])))
    assert "These bands are a common convention" in html
    assert html.count("(reverse-scored)") == 4
    assert "Free for non-commercial use." in html
    assert reverse("assessments:questionnaire", args=["pss10"]) in html
    html = page(client.get(reverse("assessments:about", args=["phq9"])))
    assert "question 9 brings up ways to reach someone" in html
    assert "No permission required to reproduce" in html
    assert "LOINC 44249-1" in html


def test_unknown_questionnaires_are_not_found(client: Any, db: Any) -> None:
    for name in ("assessments:about", "assessments:questionnaire"):
        assert client.get(reverse(name, args=["isi"])).status_code == 404
