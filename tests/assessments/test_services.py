from typing import Any

import pytest
from django.http import Http404

from twitchlog.assessments import services
from twitchlog.assessments.instruments import INSTRUMENTS
from twitchlog.assessments.models import AssessmentResult
from twitchlog.assessments.scoring import AnswerError


def test_latest_results_gives_one_per_questionnaire_newest_first(
    alice: Any, charlie: Any, result_for: Any
) -> None:
    result_for(alice, "gad7", "3333300", days_ago=20)
    gad7 = result_for(alice, "gad7", "1100000", days_ago=3)
    pss = result_for(alice, "pss10", "0000000000", days_ago=5)
    phq9 = result_for(alice, "phq9", "000000000", days_ago=1)
    result_for(charlie, "gad2", "00")
    assert services.latest_results(alice) == [phq9, gad7, pss]
    assert services.latest_results(charlie)[0].instrument == "gad2"


def test_get_result_for_user_hides_other_peoples_results(
    alice: Any, charlie: Any, alice_gad7: Any
) -> None:
    assert services.get_result_for_user(alice, alice_gad7.pk) == alice_gad7
    with pytest.raises(Http404):
        services.get_result_for_user(charlie, alice_gad7.pk)
    with pytest.raises(Http404):
        services.get_result_for_user(alice, "not a number")


def test_bad_answers_save_nothing(alice: Any) -> None:
    with pytest.raises(AnswerError, match="item 2: 4 is not one of 0, 1, 2, 3"):
        services.take_assessment(alice, INSTRUMENTS["gad2"], [0, 4])
    with pytest.raises(AnswerError, match="difficulty: 7 is not one of 0, 1, 2, 3"):
        services.take_assessment(alice, INSTRUMENTS["gad7"], [0] * 7, difficulty=7)
    with pytest.raises(AnswerError, match="difficulty"):
        services.take_assessment(alice, INSTRUMENTS["pss10"], [0] * 10, difficulty=1)
    assert not AssessmentResult.objects.exists()


def test_previous_result_is_the_one_just_before(alice: Any, result_for: Any) -> None:
    first = result_for(alice, "gad7", "0000000", days_ago=10)
    second = result_for(alice, "gad7", "1000000", days_ago=5)
    third = result_for(alice, "gad7", "2000000", days_ago=1)
    assert services.previous_result(third) == second
    assert services.previous_result(second) == first
    assert services.previous_result(first) is None


def test_crisis_lines_fall_back_to_the_default(settings: Any) -> None:
    assert services.crisis_lines("gb")[0]["name"] == "Samaritans"
    assert services.crisis_lines("") == settings.CRISIS_LINES["default"]
    assert services.crisis_lines("ZZ") == settings.CRISIS_LINES["default"]


def test_uk_gets_the_gb_crisis_lines_with_shout_and_where_nhs_111_applies() -> None:
    from twitchlog.assessments.services import crisis_lines

    lines = {line["name"]: line["detail"] for line in crisis_lines("UK")}
    assert lines == {line["name"]: line["detail"] for line in crisis_lines("GB")}
    assert "85258" in lines["Shout"]
    assert "Northern Ireland" in lines["NHS 111"]
    assert "NHS 111" not in {line["name"] for line in crisis_lines("US")}
