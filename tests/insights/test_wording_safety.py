"""What a driver's words and tag say, for every factor and direction (issue 9, point 7).

More of a substance going with less twitching must never read as advice to take more of it;
a "no clear effect" must say "cannot tell yet" unless the interval rules out a meaningful
change; tag and sentence must tell the same direction.
"""

import itertools

import pytest

from twitchlog.insights import wording
from twitchlog.insights.presenting import page
from twitchlog.knowledge.factors import FACTORS

FACTOR_NAMES = [f.name for f in FACTORS if f.name != "anxiety_episodes"] + [
    "before_period",
    "evening_walk",
]
BINARY = {f.name for f in FACTORS if f.kind == "binary"} | {"before_period"}
OUTCOMES = ("twitch_count", "twitch_severity")
# (effect, low, high) per outcome and direction of "more of it".
EFFECTS = {
    ("twitch_count", "raises"): (1.6, 1.2, 2.1),
    ("twitch_count", "lowers"): (0.7, 0.55, 0.85),
    ("twitch_severity", "raises"): (1.2, 0.5, 1.9),
    ("twitch_severity", "lowers"): (-1.2, -1.9, -0.5),
}
# Words that would turn a pattern into a nudge to take more.
NUDGES = (
    "drank one unit of alcohol less",
    "did not use nicotine",
    "did not take a recreational",
    "had 100 mg less caffeine",
    "drank a litre less",
    "less magnesium",
    "less calcium",
    "less vitamin d",
    "did not change a medicine",
)


def shown(factor: str, outcome: str, verdict: str, lag: int) -> tuple[str, str, str | None]:
    """(sentence, tag, tip) as the page shows a driver."""
    effect, low, high = EFFECTS[(outcome, verdict)]
    binary = factor in BINARY
    summary = wording.driver_summary(outcome, factor, lag, binary, effect, low, high)
    finding = {
        "factor": factor,
        "lag_days": lag,
        "kind": "binary" if binary else "linear",
        "effect": effect,
        "effect_unit": "",
        "ci_low": low,
        "ci_high": high,
        "p_value": 0.001,
        "q_value": 0.01,
        "verdict": verdict,
        "summary": summary,
        "more_days_needed": None,
    }
    report = {
        "outcome": outcome,
        "days_used": 120,
        "days_left_out": 0,
        "load": {},
        "findings": [finding],
    }
    (item,) = page(report, {}).drivers
    return item.summary, item.direction, item.advice


CASES = list(itertools.product(FACTOR_NAMES, OUTCOMES, ("raises", "lowers"), (0, 1)))


@pytest.mark.parametrize(("factor", "outcome", "verdict", "lag"), CASES)
def test_every_driver_sentence_tag_and_tip(
    factor: str, outcome: str, verdict: str, lag: int
) -> None:
    sentence, tag, tip = shown(factor, outcome, verdict, lag)
    lowered = sentence.lower()
    if factor in wording.NOT_ADVICE and verdict == "lowers":
        # Said once, from the "more" side, as a pattern with why it is not advice.
        assert "not advice" in lowered
        assert wording.NOT_ADVICE[factor] in sentence
        assert not any(nudge in lowered for nudge in NUDGES)
        assert "more twitches" not in lowered and "higher" not in lowered
        assert tag == "a pattern, not advice" and tip is None
        return
    assert "not advice" not in lowered
    # The tag tells the direction the sentence tells.
    more_twitching = (
        "more twitches" in lowered or "times as many" in lowered or "points higher" in lowered
    )
    assert tag.endswith(("more twitching", "more twitching the next day")) == more_twitching
    if factor in BINARY:
        assert tag.startswith("after a day with it" if lag else "on days with it")
    else:
        _more, less = wording._phrases(factor, False)
        assert tag.startswith("less of it" if less in sentence else "more of it")
    assert tag.endswith("the next day") == (lag == 1 and factor not in BINARY)


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_no_clear_effect_says_cannot_tell_unless_the_interval_rules_it_out(outcome: str) -> None:
    wide = (0.6, 1.9) if outcome == "twitch_count" else (-2.5, 2.0)
    narrow = (0.9, 1.12) if outcome == "twitch_count" else (-0.4, 0.5)
    for more_days in (0, 40, 5000, None):
        text = wording.unclear_summary(outcome, "caffeine_mg", 0, False, more_days, *wide)
        assert "cannot" in text
        assert "small" not in text and "smaller" not in text and "by now" not in text
    text = wording.unclear_summary(outcome, "caffeine_mg", 0, False, 0, *narrow)
    assert "rules out" in text and "smaller" in text
    load = wording.load_summary(outcome, "no_clear_effect", 3.0, 1.0, *wide, 5000)
    assert "cannot" in load and "small" not in load


def test_the_load_says_how_fast_it_fades_in_plain_words() -> None:
    text = wording.load_summary("twitch_count", "raises", 3.4, 1.4, 1.2, 1.6, None)
    assert "fades by half in about 3 days" in text
    assert "fades by half in about 1 day." in wording.load_summary(
        "twitch_count", "raises", 0.7, 1.4, 1.2, 1.6, None
    )


def test_the_welcome_page_does_not_promise_that_no_trigger_is_ever_invented(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/").content.decode()
    assert "never invent" not in page
    assert "not real" in page


@pytest.mark.parametrize("outcome", OUTCOMES)
@pytest.mark.parametrize("factor", ["before_period", "menstruating", "evening_walk"])
def test_a_yes_no_factor_reads_as_plain_english(outcome: str, factor: str) -> None:
    # "on days with the days before a period" was what the page said for the cycle factor.
    wide = (0.6, 1.9) if outcome == "twitch_count" else (-2.5, 2.0)
    unclear = wording.unclear_summary(outcome, factor, 0, True, 300, *wide)
    unit = wording.effect_unit(outcome, factor, True)
    for text in (unclear, unit):
        assert "with the days" not in text and "with days" not in text
    if factor == "before_period":
        assert "in the days before a period" in unclear
        assert "vs other days" in unit


def test_a_pattern_counted_elsewhere_names_the_pattern_that_counts() -> None:
    text = wording.counted_elsewhere_summary("sleep_hours", 0, "three_days")
    assert "over three days in a row" in text and "same day" not in text
    assert "over both days" not in text  # three or four patterns are tested, not two days
    assert "on the day after" in wording.counted_elsewhere_summary("sleep_hours", 1, "next_day")


def test_an_any_or_none_pattern_sizes_its_power_as_a_yes_or_no() -> None:
    text = wording.unclear_summary("twitch_count", "caffeine_mg", 0, False, 300, 0.6, 1.9, "any")
    assert "per 100 mg" not in text
    assert text.count("on days with any of it") == 2
