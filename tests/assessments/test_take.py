from typing import Any

from django.urls import reverse

from tests.assessments.conftest import page
from twitchlog.assessments.models import AssessmentResult
from twitchlog.core.models import AuditEntry


def _post(client: Any, slug: str, answers: dict[str, str]) -> Any:
    return client.post(reverse("assessments:take", args=[slug]), answers)


def test_it_shows_every_question_word_for_word(alice_client: Any) -> None:
    html = page(alice_client.get(reverse("assessments:take", args=["phq9"])))
    assert "Over the last 2 weeks, how often have you been bothered by any of the following" in html
    assert (
        "9. Thoughts that you would be better off dead or of hurting yourself in some way" in html
    )
    assert html.count('type="radio"') == 9 * 4 + 4  # nine items and the difficulty question


def test_it_saves_and_shows_the_result(alice_client: Any, alice: Any) -> None:
    answers = {f"q{n}": v for n, v in enumerate("3331000", start=1)}
    response = _post(alice_client, "gad7", {**answers, "difficulty": "1"})
    result = AssessmentResult.objects.get()
    assert response["Location"] == reverse("assessments:result", args=[result.pk])
    assert (result.user, result.score, result.band, result.positive_screen) == (
        alice,
        10,
        "moderate",
        True,
    )
    assert result.answers == [3, 3, 3, 1, 0, 0, 0]
    assert result.difficulty == 1
    # The redirect carries an id, never the score.
    assert "10" not in response["Location"].replace(str(result.pk), "")


def test_it_names_missing_answers_and_keeps_the_given_ones(alice_client: Any) -> None:
    response = _post(alice_client, "gad7", {"q1": "2", "q2": "3", "q4": "1", "q6": "0"})
    assert response.status_code == 200
    html = page(response)
    assert "Questions 3, 5 and 7 still need an answer." in html
    # By each of the three questions, and once more in the summary's link to each of them.
    assert html.count("Please pick an answer for this question.") == 6
    assert html.count('<a href="#id_q3_0">') == 1
    for name, value in (("q1", "2"), ("q2", "3"), ("q4", "1"), ("q6", "0")):
        assert _checked(html, name) == value
    assert _checked(html, "q3") is None
    assert not AssessmentResult.objects.exists()


def _checked(html: str, name: str) -> str | None:
    for tag in html.split("<input")[1:]:
        tag = tag.split(">", 1)[0]
        if f'name="{name}"' in tag and "checked" in tag:
            return tag.split('value="', 1)[1].split('"', 1)[0]
    return None


def test_one_missing_answer_is_named_in_the_singular(alice_client: Any) -> None:
    html = page(_post(alice_client, "gad2", {"q1": "1"}))
    assert "Question 2 still needs an answer." in html
    assert _checked(html, "q1") == "1"


def test_the_difficulty_question_may_be_left_out(alice_client: Any) -> None:
    _post(alice_client, "phq9", {f"q{n}": "0" for n in range(1, 10)})
    assert AssessmentResult.objects.get().difficulty is None


def test_phq15_menstrual_item_can_be_answered_does_not_apply(alice_client: Any) -> None:
    html = page(alice_client.get(reverse("assessments:take", args=["phq15"])))
    assert "Does not apply" in html
    answers = {f"q{n}": "1" for n in range(1, 16)}
    answers["q4"] = "na"
    _post(alice_client, "phq15", answers)
    result = AssessmentResult.objects.get()
    assert result.answers[3] is None
    assert result.score == 14


def test_only_the_menstrual_item_can_be_skipped(alice_client: Any) -> None:
    answers = {f"q{n}": "1" for n in range(1, 16)}
    answers["q5"] = "na"
    response = _post(alice_client, "phq15", answers)
    assert response.status_code == 200
    assert not AssessmentResult.objects.exists()


def test_a_made_up_value_is_refused_and_the_rest_kept(alice_client: Any) -> None:
    html = page(_post(alice_client, "gad2", {"q1": "7", "q2": "2"}))
    assert "Select a valid choice" in html
    assert _checked(html, "q2") == "2"
    assert not AssessmentResult.objects.exists()


def test_a_phq9_with_item_9_is_still_saved(alice_client: Any) -> None:
    answers = {f"q{n}": "0" for n in range(1, 10)}
    answers["q9"] = "1"
    response = _post(alice_client, "phq9", answers)
    result = AssessmentResult.objects.get()
    assert result.safety_alert is True
    assert response.status_code == 302


def test_the_audit_log_names_the_row_but_not_the_score(alice_client: Any, alice: Any) -> None:
    _post(alice_client, "gad2", {"q1": "3", "q2": "2"})
    entry = AuditEntry.objects.get(action="assessment.taken")
    result = AssessmentResult.objects.get()
    assert entry.actor == alice
    assert (entry.object_type, entry.object_id) == ("assessments.assessmentresult", str(result.pk))
    assert entry.details == {}


def test_an_unknown_questionnaire_is_not_found(alice_client: Any) -> None:
    assert alice_client.get(reverse("assessments:take", args=["dass21"])).status_code == 404


def test_a_positive_gad2_carries_its_answers_into_the_gad7(
    alice_client: Any, alice: Any, result_for: Any
) -> None:
    gad2 = result_for(alice, "gad2", "21")
    url = reverse("assessments:take", args=["gad7"]) + f"?from={gad2.pk}"
    html = page(alice_client.get(url))
    assert (_checked(html, "q1"), _checked(html, "q2"), _checked(html, "q3")) == ("2", "1", None)
    assert "2 answers from your earlier result are already filled in." in html


def test_someone_elses_result_prefills_nothing(
    charlie_client: Any, alice: Any, result_for: Any
) -> None:
    gad2 = result_for(alice, "gad2", "33")
    url = reverse("assessments:take", args=["gad7"]) + f"?from={gad2.pk}"
    html = page(charlie_client.get(url))
    assert _checked(html, "q1") is None
    assert "already filled in" not in html


def test_an_odd_earlier_result_id_prefills_nothing(alice_client: Any) -> None:
    # "²" and "٣" count as digits to str.isdigit() but not to the database.
    for source in ("%C2%B2", "%D9%A3", "9" * 40, "-1", "abc"):
        url = reverse("assessments:take", args=["gad7"]) + f"?from={source}"
        response = alice_client.get(url)
        assert response.status_code == 200
        assert "already filled in" not in page(response)


def test_the_hyperstimulation_checklist_says_it_is_not_validated(alice_client: Any) -> None:
    html = page(alice_client.get(reverse("assessments:take", args=["hyperstim"])))
    assert "not a validated test — our own checklist to follow your change over time" in html


def test_the_phq9_page_lists_crisis_lines_and_others_do_not(alice_client: Any) -> None:
    assert "Find a helpline" in page(alice_client.get(reverse("assessments:take", args=["phq9"])))
    assert "Find a helpline" not in page(
        alice_client.get(reverse("assessments:take", args=["gad7"]))
    )
