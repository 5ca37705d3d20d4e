import re
from typing import Any

import pytest
from django.urls import reverse

from tests.assessments.conftest import page
from twitchlog.assessments import views
from twitchlog.assessments.instruments import INSTRUMENTS
from twitchlog.assessments.models import AssessmentResult

ALL_ZERO = {slug: "0" * len(i.items) for slug, i in INSTRUMENTS.items()}


def _result_page(client: Any, result: AssessmentResult) -> str:
    response = client.get(reverse("assessments:result", args=[result.pk]))
    assert response.status_code == 200
    return page(response)


def _main(html: str) -> str:
    return html.split('<main id="main" tabindex="-1">', 1)[1]


@pytest.mark.parametrize("slug", sorted(INSTRUMENTS))
def test_every_result_page_says_it_is_a_screening_aid(
    slug: str, alice_client: Any, alice: Any, result_for: Any
) -> None:
    html = _result_page(alice_client, result_for(alice, slug, ALL_ZERO[slug]))
    assert "A screening aid, not a diagnosis." in html
    assert f"Your {INSTRUMENTS[slug].name} result" in html


def test_it_shows_score_band_and_meaning(alice_client: Any, alice_gad7: Any) -> None:
    html = _result_page(alice_client, alice_gad7)
    assert '<strong>10</strong> <span class="muted">out of 21</span>' in html
    assert "Band: <strong>Moderate</strong>" in html
    assert "Anxiety is taking up a fair part of your days." in html
    assert "positive screen" in html


def test_phq9_item_9_shows_crisis_lines_before_anything_else(
    alice_client: Any, alice: Any, result_for: Any
) -> None:
    alice.country = "GB"
    alice.save()
    result = result_for(alice, "phq9", "000000001")
    main = _main(_result_page(alice_client, result))
    shown = [
        tag
        for tag in re.findall(r"<(?:section|p|h1|h2|div|a)\b[^>]*>", main)
        if not re.search(r"\shidden[\s>]", tag)  # e.g. the offline notice, hidden when online
    ]
    assert shown and 'role="alert"' in shown[0]
    assert main.index("Samaritans") < main.index("Your PHQ-9 result")
    assert main.index('Call <a href="tel:116123">116 123</a>') < main.index("out of 27")
    assert "<strong>1</strong>" in main  # total 1, still shown after the alert
    assert AssessmentResult.objects.filter(pk=result.pk, safety_alert=True).exists()


def test_crisis_lines_come_from_settings_by_country(
    alice_client: Any, alice: Any, result_for: Any, settings: Any
) -> None:
    settings.CRISIS_LINES = {
        "default": [{"name": "Default line", "detail": "Call 000-DEFAULT"}],
        "NZ": [{"name": "Need to talk?", "detail": "Call or text 1737"}],
    }
    result = result_for(alice, "phq9", "000000002")
    assert "Default line" in _result_page(alice_client, result)
    alice.country = "NZ"
    alice.save()
    html = _result_page(alice_client, result)
    assert 'Call or text <a href="tel:1737">1737</a>' in html and "Default line" not in html


def test_every_phq9_result_shows_crisis_lines_without_an_alert(
    alice_client: Any, alice: Any, result_for: Any
) -> None:
    html = _result_page(alice_client, result_for(alice, "phq9", "000000000"))
    assert 'role="alert"' not in html
    assert "Find a helpline" in html  # the default list: alice has no country set


def test_other_results_do_not_show_crisis_lines(alice_client: Any, alice_gad7: Any) -> None:
    html = _result_page(alice_client, alice_gad7)
    assert "Find a helpline" not in html and 'role="alert"' not in html


def test_it_shows_the_change_since_last_time(
    alice_client: Any, alice: Any, result_for: Any
) -> None:
    result_for(alice, "gad7", "3333300", days_ago=30)  # 15
    result_for(alice, "phq9", "000000000", days_ago=1)  # another questionnaire: ignored
    latest = result_for(alice, "gad7", "3331000")  # 10
    html = _result_page(alice_client, latest)
    assert "your GAD-7 score was 15 (severe)" in html
    assert "5 points lower" in html


def test_it_says_when_there_is_nothing_to_compare(alice_client: Any, alice_gad7: Any) -> None:
    assert "This is your first GAD-7." in _result_page(alice_client, alice_gad7)


def test_a_positive_gad2_offers_the_gad7(alice_client: Any, alice: Any, result_for: Any) -> None:
    positive = result_for(alice, "gad2", "21")
    link = reverse("assessments:take", args=["gad7"]) + f"?from={positive.pk}"
    assert link in _result_page(alice_client, positive)
    html = _result_page(alice_client, positive)
    assert "only 5 are left" in html
    assert html.index("Take the full GAD-7 next") < html.index("A screening aid, not a diagnosis.")
    negative = result_for(alice, "gad2", "11")
    assert "Take the full GAD-7 next" not in _result_page(alice_client, negative)


def test_without_a_country_it_says_how_to_get_local_crisis_lines(
    alice_client: Any, alice: Any, result_for: Any
) -> None:
    result = result_for(alice, "phq9", "000000001")
    assert "Add your country</a> and we will show the lines" in _result_page(alice_client, result)
    alice.country = "GB"
    alice.save()
    assert "Add your country" not in _result_page(alice_client, result)


def test_phq4_shows_both_halves(alice_client: Any, alice: Any, result_for: Any) -> None:
    html = _result_page(alice_client, result_for(alice, "phq4", "2101"))
    assert "Anxiety (the GAD-2 questions)" in html and "3 of 6" in html
    assert "Mood (the PHQ-2 questions)" in html and "1 of 6" in html


def test_it_links_to_what_helps_next(alice_client: Any, alice_gad7: Any) -> None:
    html = _result_page(alice_client, alice_gad7)
    for name in ("knowledge:causes", "knowledge:topics", "knowledge:doctor"):
        assert f'href="{reverse(name)}"' in html


def test_pages_of_apps_not_built_yet_are_left_out() -> None:
    assert views._url("no_such_app:page") is None
    assert views._url("knowledge:causes") == reverse("knowledge:causes")


def test_the_hyperstimulation_result_says_it_is_not_validated(
    alice_client: Any, alice: Any, result_for: Any
) -> None:
    html = _result_page(alice_client, result_for(alice, "hyperstim", "333300000000"))
    assert "not a validated test — our own checklist to follow your change over time" in html
    assert "Some signs" in html


def test_a_stored_result_keeps_the_band_it_was_given(alice_client: Any, alice_gad7: Any) -> None:
    AssessmentResult.objects.filter(pk=alice_gad7.pk).update(band="an older band name")
    html = _result_page(alice_client, alice_gad7)
    assert "Band: <strong>An older band name</strong>" in html


def test_the_result_can_be_downloaded_as_fhir(alice_client: Any, alice_gad7: Any) -> None:
    html = _result_page(alice_client, alice_gad7)
    assert "Download for another health app (FHIR)</a>" in html  # not a bare "FHIR"
    response = alice_client.get(reverse("assessments:result_fhir", args=[alice_gad7.pk]))
    assert response["Content-Type"] == "application/fhir+json"
    assert "attachment" in response["Content-Disposition"]
    assert response.json()["resourceType"] == "QuestionnaireResponse"


def test_a_stranger_gets_404(charlie_client: Any, alice_gad7: Any) -> None:
    for name in ("assessments:result", "assessments:result_fhir"):
        response = charlie_client.get(reverse(name, args=[alice_gad7.pk]))
        assert response.status_code == 404


def test_item_9_above_zero_shows_no_reassuring_band_text(
    alice_client: Any, alice: Any, result_for: Any
) -> None:
    result = result_for(alice, "phq9", "000000001")  # total 1: the "minimal" band
    html = _result_page(alice_client, result)
    assert "Few signs of low mood" not in html
    assert "below the screening cut-off" not in html
    assert "Band: <strong>Minimal" not in html
    assert "matters more than this score" in html
    calm = _result_page(alice_client, result_for(alice, "phq9", "000000000"))
    assert "Few signs of low mood" in calm


def test_a_safety_answer_is_never_called_minimal_elsewhere(
    alice_client: Any, alice: Any, result_for: Any
) -> None:
    result_for(alice, "phq9", "000000001")  # total 1, the "minimal" band
    home = page(alice_client.get(reverse("core:home")))
    assert "PHQ-9: 1 of 27</strong>" in home and "safety answer" in home
    history = page(alice_client.get(reverse("assessments:history", args=["phq9"])))
    row = history.split("<tbody>")[1].split("</tr>")[0]
    assert "safety answer" in row and "minimal" not in row.lower()
    result_for(alice, "phq9", "000000000", days_ago=-1)  # a later, calm result
    assert "PHQ-9: 0 of 27, minimal" in page(alice_client.get(reverse("core:home")))


def test_after_a_safety_answer_the_next_step_is_someone_to_talk_to(
    alice_client: Any, alice: Any, result_for: Any
) -> None:
    html = _main(_result_page(alice_client, result_for(alice, "phq9", "000000001")))
    steps = html.split('id="next-title"')[1].split("</section>")[0]
    assert steps.count("<li>") == 1
    assert "talk these thoughts through" in steps
    assert "twitch diary" not in steps and "for anxiety" not in steps
    calm = _main(_result_page(alice_client, result_for(alice, "phq9", "000000000")))
    assert calm.split('id="next-title"')[1].split("</section>")[0].count("<li>") > 1


@pytest.mark.parametrize(
    ("detail", "html"),
    [
        ("Call 116 123, free", 'Call <a href="tel:116123">116 123</a>, free'),
        ("Call 112 or 999", 'Call <a href="tel:112">112</a> or <a href="tel:999">999</a>'),
        ("Text SHOUT to 85258", 'Text SHOUT to <a href="sms:85258?body=SHOUT">85258</a>'),
        ("Call 0800 111 0 111", 'Call <a href="tel:08001110111">0800 111 0 111</a>'),
        ("NHS 24 <b>", "NHS 24 &lt;b&gt;"),
        ("findahelpline.com lists lines", "findahelpline.com lists lines"),
    ],
)
def test_crisis_numbers_are_one_tap_on_a_phone(detail: str, html: str) -> None:
    from twitchlog.assessments.templatetags.crisis_tags import dial_links

    assert dial_links(detail) == html


def test_the_checklist_is_labelled_not_validated_wherever_its_score_appears(
    alice_client: Any, alice: Any, result_for: Any
) -> None:
    from twitchlog.reports import pdf

    result_for(alice, "hyperstim", "1" * 12)
    home = alice_client.get(reverse("core:home")).content.decode()
    assert "not a validated test" in home
    assert "not a validated test" in pdf.report_html(alice)
    for html in (home, pdf.report_html(alice)):
        assert "validated questionnaire" not in html
