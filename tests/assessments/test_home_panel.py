from typing import Any

from django.urls import reverse

from tests.assessments.conftest import page
from twitchlog.core.registry import home_panels, nav_links


def test_tests_are_in_the_main_navigation(client: Any, db: Any) -> None:
    assert any(link.url_name == "assessments:index" for link in nav_links())
    html = page(client.get(reverse("assessments:index")))
    assert f'href="{reverse("assessments:index")}" aria-current="page"' in html


def test_a_newcomer_is_offered_the_gad7(alice_client: Any) -> None:
    assert any(panel.name == "assessments" for panel in home_panels())
    html = page(alice_client.get(reverse("core:home")))
    assert "Your tests" in html
    assert reverse("assessments:take", args=["gad7"]) in html


def test_home_lists_the_latest_result_of_each(
    alice_client: Any, alice: Any, result_for: Any
) -> None:
    result_for(alice, "gad7", "3333300", days_ago=9)
    latest = result_for(alice, "gad7", "1100000", days_ago=2)
    result_for(alice, "phq9", "100000000", days_ago=1)
    html = page(alice_client.get(reverse("core:home")))
    assert "GAD-7: 2 of 21, minimal" in html
    assert "GAD-7: 15 of 21" not in html
    assert html.index("PHQ-9: 1 of 27") < html.index("GAD-7: 2 of 21")
    assert reverse("assessments:result", args=[latest.pk]) in html
    # GAD-7 is recent, so the suggestion moves on to the stress build-up checklist.
    assert reverse("assessments:take", args=["hyperstim"]) in html


def test_an_old_gad7_is_suggested_again(alice_client: Any, alice: Any, result_for: Any) -> None:
    result_for(alice, "gad7", "1100000", days_ago=40)
    html = page(alice_client.get(reverse("core:home")))
    assert "It has been a few weeks since your last GAD-7." in html
