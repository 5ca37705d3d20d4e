"""The planner's and the result's sentences."""

import pytest

from twitchlog.experiments.analysis import VERDICTS
from twitchlog.experiments.wording import (
    VERDICT_LABELS,
    VERDICT_MEANING,
    answers_so_far,
    length_shortfall,
)


@pytest.mark.parametrize(
    ("power", "from_diary", "says", "never"),
    [
        (0.76, False, "falls short of the 80% chance", "probably"),
        (0.5, True, "falls short of the 80% chance", "probably"),
        (0.49, False, "would probably be too short to tell", "falls short"),
        (0.21, True, "would probably be too short to tell", "falls short"),
    ],
)
def test_a_short_test_is_called_probably_too_short_only_below_an_even_chance(
    power: float, from_diary: bool, says: str, never: str
) -> None:
    text = length_shortfall(6, power, from_diary)
    assert says in text and never not in text
    assert f"about a {power:.0%} chance" in text
    assert "6 pairs of blocks" in text


def test_only_a_measured_diary_is_said_to_vary_a_lot() -> None:
    assert "Your days vary a lot" in length_shortfall(6, 0.3, from_diary=True)
    assert "vary" not in length_shortfall(6, 0.3, from_diary=False)


def test_answers_so_far_count_days() -> None:
    assert answers_so_far(0, 0) == "No answers yet to “kept to the plan today?”."
    assert answers_so_far(1, 1) == "So far you kept to the plan on 1 of 1 day answered."
    assert answers_so_far(3, 4) == "So far you kept to the plan on 3 of 4 days answered."


def test_could_not_tell_is_never_worded_as_no_difference() -> None:
    # Before, a test that could not tell was labelled "No clear difference" on its page, in
    # the list and in the therapist's summary, where it reads as "no effect".
    assert set(VERDICT_LABELS) == set(VERDICTS) == set(VERDICT_MEANING)
    assert VERDICT_LABELS["could_not_tell"] == "Could not tell"
    label = VERDICT_LABELS["could_not_tell"].lower()
    meaning = VERDICT_MEANING["could_not_tell"].lower()
    assert "difference" not in label and "no effect" not in meaning
    assert "not a sign that the change does nothing" in meaning
    assert "rule out" not in meaning and "unlikely" not in meaning
    ruled_out = VERDICT_MEANING["no_meaningful_difference"]
    assert "inside the difference you said would matter" in ruled_out


def test_a_period_never_ends_before_it_starts() -> None:
    import datetime as dt

    from twitchlog.experiments.wording import period

    start, end = dt.date(2026, 12, 1), dt.date(2027, 3, 5)
    assert period(start, end, None) == "1 Dec 2026 to 5 Mar 2027"
    assert period(start, end, start) == "started and stopped on 1 Dec 2026"
    assert period(start, end, dt.date(2026, 12, 9)) == "started 1 Dec 2026, stopped on 9 Dec 2026"
    before = period(start, end, dt.date(2026, 11, 28))
    assert before == "stopped on 28 Nov 2026, before its start on 1 Dec 2026"
    for text in (period(start, end, start), before):
        assert "5 Mar 2027" not in text and "30 Nov" not in text
