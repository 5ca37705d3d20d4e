"""Known answers for every questionnaire, at every band edge, and properties that must hold."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.assessments.conftest import answers_from
from twitchlog.assessments.instruments import INSTRUMENTS
from twitchlog.assessments.instruments.base import Instrument
from twitchlog.assessments.scoring import AnswerError, score

# (instrument, answers, total, band, positive screen)
KNOWN = [
    ("gad7", "0000000", 0, "minimal", False),
    ("gad7", "1111000", 4, "minimal", False),
    ("gad7", "1111100", 5, "mild", False),
    ("gad7", "3330000", 9, "mild", False),
    ("gad7", "3331000", 10, "moderate", True),
    ("gad7", "3333200", 14, "moderate", True),
    ("gad7", "3333300", 15, "severe", True),
    ("gad7", "3333333", 21, "severe", True),
    ("gad2", "00", 0, "below the cut-off", False),
    ("gad2", "20", 2, "below the cut-off", False),
    ("gad2", "21", 3, "at or above the cut-off", True),
    ("gad2", "33", 6, "at or above the cut-off", True),
    ("phq4", "0000", 0, "normal", False),
    ("phq4", "1100", 2, "normal", False),
    ("phq4", "2100", 3, "mild", True),
    ("phq4", "1111", 4, "mild", False),
    ("phq4", "1112", 5, "mild", True),
    ("phq4", "3300", 6, "moderate", True),
    ("phq4", "2222", 8, "moderate", True),
    ("phq4", "3321", 9, "severe", True),
    ("phq4", "3333", 12, "severe", True),
    ("phq9", "000000000", 0, "minimal", False),
    ("phq9", "111100000", 4, "minimal", False),
    ("phq9", "111110000", 5, "mild", False),
    ("phq9", "333000000", 9, "mild", False),
    ("phq9", "333100000", 10, "moderate", True),
    ("phq9", "333320000", 14, "moderate", True),
    ("phq9", "333330000", 15, "moderately severe", True),
    ("phq9", "333333100", 19, "moderately severe", True),
    ("phq9", "333333200", 20, "severe", True),
    ("phq9", "333333333", 27, "severe", True),
    ("phq15", "000000000000000", 0, "minimal", None),
    ("phq15", "220-00000000000", 4, "minimal", None),
    ("phq15", "221-00000000000", 5, "low", None),
    ("phq15", "222-21000000000", 9, "low", None),
    ("phq15", "222-22000000000", 10, "medium", None),
    ("phq15", "222-22220000000", 14, "medium", None),
    ("phq15", "222-22221000000", 15, "high", None),
    ("phq15", "222222222222222", 30, "high", None),
    ("pss10", "0004404400", 0, "low", None),
    ("pss10", "4444414400", 13, "low", None),
    ("pss10", "4444424400", 14, "moderate", None),
    ("pss10", "4442444444", 26, "moderate", None),
    ("pss10", "4441444444", 27, "high", None),
    ("pss10", "4440040044", 40, "high", None),
    ("hyperstim", "000000000000", 0, "few signs", None),
    ("hyperstim", "333200000000", 11, "few signs", None),
    ("hyperstim", "333300000000", 12, "some signs", None),
    ("hyperstim", "333333320000", 23, "some signs", None),
    ("hyperstim", "333333330000", 24, "many signs", None),
    ("hyperstim", "333333333333", 36, "many signs", None),
]


@pytest.mark.parametrize(("slug", "digits", "total", "band", "positive"), KNOWN)
def test_known_answers(
    slug: str, digits: str, total: int, band: str, positive: bool | None
) -> None:
    result = score(INSTRUMENTS[slug], answers_from(digits))
    assert (result.score, result.band, result.positive_screen) == (total, band, positive)


def test_every_band_edge_has_a_known_answer() -> None:
    covered = {(slug, total) for slug, _, total, _, _ in KNOWN}
    for slug, instrument in INSTRUMENTS.items():
        for band in instrument.bands:
            assert (slug, band.low) in covered, (slug, band.low)
            assert (slug, band.high) in covered, (slug, band.high)


def test_pss10_counts_items_4_5_7_and_8_in_reverse() -> None:
    pss10 = INSTRUMENTS["pss10"]
    assert pss10.reverse_items == (3, 4, 6, 7)
    # "Never" on everything: only the four reversed items count, 4 points each.
    assert score(pss10, [0] * 10).score == 16
    assert score(pss10, [4] * 10).score == 24
    # Item 4 alone: answering 1 instead of 0 takes a point off.
    assert score(pss10, answers_from("0001000000")).score == 15


def test_phq4_scores_its_anxiety_and_mood_halves() -> None:
    result = score(INSTRUMENTS["phq4"], answers_from("2101"))
    assert result.to_dict()["subscales"] == {
        "anxiety": {
            "label": "Anxiety (the GAD-2 questions)",
            "score": 3,
            "max_score": 6,
            "positive_screen": True,
        },
        "depression": {
            "label": "Mood (the PHQ-2 questions)",
            "score": 1,
            "max_score": 6,
            "positive_screen": False,
        },
    }
    assert result.positive_screen is True


def test_phq15_menstrual_item_may_be_skipped_and_scores_zero() -> None:
    phq15 = INSTRUMENTS["phq15"]
    assert score(phq15, answers_from("111-11111111111")).score == 14
    assert score(phq15, answers_from("111011111111111")).score == 14
    assert score(phq15, answers_from("111211111111111")).score == 16
    with pytest.raises(AnswerError, match="item 5: no answer is not one of 0, 1, 2"):
        score(phq15, answers_from("1111-1111111111"))


def test_phq9_item_9_alerts_whatever_the_total() -> None:
    phq9 = INSTRUMENTS["phq9"]
    lowest = score(phq9, answers_from("000000001"))
    assert (lowest.score, lowest.band, lowest.safety_alert) == (1, "minimal", True)
    assert score(phq9, answers_from("000000003")).safety_alert is True
    assert score(phq9, answers_from("333333330")).safety_alert is False
    assert score(phq9, answers_from("000000000")).safety_alert is False


def test_only_phq9_has_a_safety_item() -> None:
    assert [s for s, i in INSTRUMENTS.items() if i.safety_item is not None] == ["phq9"]


def test_the_json_shape_is_exactly_the_documented_one() -> None:
    data = score(INSTRUMENTS["gad7"], answers_from("3331000")).to_dict()
    assert data == {
        "instrument": "gad7",
        "score": 10,
        "band": "moderate",
        "positive_screen": True,
        "safety_alert": False,
        "subscales": {},
    }


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ([0, 1, 5, 0, 0, 0, 0], "item 3: 5 is not one of 0, 1, 2, 3"),
        ([0, 1, 2, 0, 0, 0], "GAD-7 has 7 questions, so it needs 7 answers; 6 were given"),
        ([0, 1, 2, 0, 0, 0, 0, 0], "GAD-7 has 7 questions, so it needs 7 answers; 8 were given"),
        ([0, -1, 0, 0, 0, 0, 0], "item 2: -1 is not one of 0, 1, 2, 3"),
        ([0, 0, 0, 0, 0, 0, None], "item 7: no answer is not one of 0, 1, 2, 3"),
        ([True, 0, 0, 0, 0, 0, 0], "item 1: True is not one of 0, 1, 2, 3"),
        ([0, 0, 0, 0, "x", 0, 0], "item 5: x is not one of 0, 1, 2, 3"),
    ],
)
def test_wrong_answers_name_the_item(answers: list, message: str) -> None:
    with pytest.raises(AnswerError) as caught:
        score(INSTRUMENTS["gad7"], answers)
    assert [p.message for p in caught.value.problems] == [message]


def test_every_wrong_item_is_reported_at_once() -> None:
    with pytest.raises(AnswerError) as caught:
        score(INSTRUMENTS["gad2"], [4, 9])
    assert [p.item for p in caught.value.problems] == [1, 2]


# --- Properties ------------------------------------------------------------------------------


def _valid_answers(instrument: Instrument) -> st.SearchStrategy[list[int | None]]:
    values = [option.value for option in instrument.options]
    per_item = [
        st.sampled_from([*values, None]) if item.skip_label else st.sampled_from(values)
        for item in instrument.items
    ]
    return st.tuples(*per_item).map(list)


@st.composite
def _instrument_and_answers(draw: st.DrawFn) -> tuple[Instrument, list[int | None]]:
    instrument = draw(st.sampled_from(list(INSTRUMENTS.values())))
    return instrument, draw(_valid_answers(instrument))


@given(_instrument_and_answers())
def test_every_valid_answer_set_scores_inside_the_range(
    case: tuple[Instrument, list[int | None]],
) -> None:
    instrument, answers = case
    result = score(instrument, answers)
    assert instrument.min_score <= result.score <= instrument.max_score
    band = instrument.band_named(result.band)
    assert band is not None and band.low <= result.score <= band.high
    for sub in result.subscales.values():
        assert 0 <= sub.score <= sub.max_score


@given(_instrument_and_answers(), st.data())
def test_raising_one_answer_moves_the_score_the_right_way(
    case: tuple[Instrument, list[int | None]], data: st.DataObject
) -> None:
    instrument, answers = case
    top = instrument.highest_option
    raisable = [i for i, a in enumerate(answers) if a is not None and a < top]
    if not raisable:
        return
    position = data.draw(st.sampled_from(raisable))
    current = answers[position]
    assert current is not None
    step = data.draw(st.integers(1, top - current))
    raised = list(answers)
    raised[position] = current + step

    change = score(instrument, raised).score - score(instrument, answers).score
    if instrument.items[position].reverse:
        assert change == -step
    else:
        assert change == step >= 0


@given(_valid_answers(INSTRUMENTS["phq9"]))
def test_phq9_alerts_exactly_when_item_9_is_above_zero(answers: list[int | None]) -> None:
    assert score(INSTRUMENTS["phq9"], answers).safety_alert is ((answers[8] or 0) > 0)
