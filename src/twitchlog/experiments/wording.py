"""A self-experiment's plan and result in plain, calm words (pages, report, command line).
Pure."""

import datetime as dt

from twitchlog.experiments.analysis import Comparison, Result
from twitchlog.experiments.design import TARGET_POWER

# Below this chance of showing the difference, a test is called "probably too short".
PROBABLY_TOO_SHORT = 0.5

VERDICT_LABELS = {
    "likely_helps": "Likely helps",
    "likely_worsens": "Likely worsens",
    "no_meaningful_difference": "Little or no difference",
    "could_not_tell": "Could not tell",
    "too_little_data": "Too little data",
}

VERDICT_MEANING = {
    "likely_helps": (
        "Twitching was lower during the change than on your usual days, by more than chance "
        "would easily explain. If the change suits you, it is reasonable to keep it."
    ),
    "likely_worsens": (
        "Twitching was higher during the change than on your usual days, by more than chance "
        "would easily explain. Going back to your usual is reasonable."
    ),
    "no_meaningful_difference": (
        "Twitching was much the same with the change as on your usual days. The interval "
        "below, the range of effects that still fit your diary, stays inside the difference "
        "you said would matter, either way. So this change is unlikely to be a real lever for "
        "your twitching, though a smaller effect is still possible."
    ),
    "could_not_tell": (
        "This test could not tell whether the change makes a difference for you. The "
        "interval below, the range of effects that still fit your diary, holds both no change "
        "and the difference you said would matter. That is not a sign that the change does "
        "nothing: the test was too short, or your days varied too much, to show it either way."
    ),
    "too_little_data": (
        "There were not enough logged days in each kind of block to compare them (at least "
        "two blocks of each, with three logged days in each block)."
    ),
}

# "Could not tell" for other reasons than a wide interval.
COULD_NOT_TELL_STOPPED = (
    "This test could not tell. During it twitching was lower with the change, but the test "
    "was stopped early, and a result read at the moment it happens to look good is too "
    "easily chance."
)
COULD_NOT_TELL_NO_MARGIN = (
    "This test could not tell whether the change makes a difference. The interval below, "
    "the range of effects that still fit the diary, holds no change, and without a "
    "difference that matters to compare it with, nothing can be ruled out."
)


def verdict_meaning(result: Result) -> str:
    """What the verdict means, in a few calm sentences."""
    if result.verdict == "could_not_tell":
        if result.stopped_early_changed_verdict:
            return COULD_NOT_TELL_STOPPED
        if result.meaningful is None:
            return COULD_NOT_TELL_NO_MARGIN
    return VERDICT_MEANING[result.verdict]


STOPPED_EARLY = (
    "The test was stopped early. Stopping when things look good is how chance results are "
    "made, so a test stopped early is never read as “likely helps”."
)


def effect_sentence(comparison: Comparison, outcome: str) -> str:
    """What the numbers were, e.g. "4.1 twitches a day during the change, 6.0 on usual
    days: 0.68 times as many (95% interval 0.50 to 0.93)"."""
    if comparison.mean_a is None or comparison.mean_b is None:
        return "Not enough logged days to compare."
    if outcome == "twitch_count":
        means = (
            f"{comparison.mean_b:.1f} twitches a day during the change, "
            f"{comparison.mean_a:.1f} on usual days"
        )
        if comparison.effect is None:
            return means + "."
        return (
            f"{means}: {comparison.effect:.2f} times as many "
            f"(95% interval {comparison.ci_low:.2f} to {comparison.ci_high:.2f})."
        )
    means = (
        f"an average rating of {comparison.mean_b:.1f} during the change, "
        f"{comparison.mean_a:.1f} on usual days"
    )
    if comparison.effect is None:
        return means[0].upper() + means[1:] + "."
    return (
        f"{means[0].upper()}{means[1:]}: a difference of {comparison.effect:+.1f} points "
        f"(95% interval {comparison.ci_low:+.1f} to {comparison.ci_high:+.1f})."
    )


NO_ANSWERS = "No answers yet to “kept to the plan today?”."
NO_ANSWERS_COUNTED = "No answers to “kept to the plan today?” on the days the result covers."


def day_words(day: dt.date) -> str:
    """E.g. "1 Dec 2026", as the pages write a date."""
    return f"{day.day} {day:%b %Y}"


def period(start: dt.date, end: dt.date, stopped_on: dt.date | None) -> str:
    """When a test ran: "1 Dec 2026 to 5 Mar 2027", or for one stopped early the day it was
    stopped rather than the planned end (never an end before the start)."""
    if stopped_on is None:
        return f"{day_words(start)} to {day_words(end)}"
    if stopped_on < start:
        return f"stopped on {day_words(stopped_on)}, before its start on {day_words(start)}"
    if stopped_on == start:
        return f"started and stopped on {day_words(start)}"
    return f"started {day_words(start)}, stopped on {day_words(stopped_on)}"


def no_days(start: dt.date, stopped_on: dt.date) -> str:
    """The result of a test stopped before any day of it was over."""
    when = "before it began" if stopped_on < start else "on its first day, before that day was over"
    return (
        f"The test was stopped {when}, so there are no days to compare. It says nothing either "
        "way about the change."
    )


def stop_day_answer(day: dt.date, kept: bool) -> str:
    """An answer given on the day a test was stopped: kept, and said to be left out. In words
    that read true to the person and in the therapist's shared summary alike."""
    return (
        f"The answer for {day_words(day)}, the day the test was stopped "
        f"(“{'yes' if kept else 'no'}”), is kept but not counted: the result covers only the "
        "days before it, as that day was not over when the test was stopped."
    )


def answers_so_far(kept: int, answered: int) -> str:
    """While a test runs: its answers to "kept to the plan today?" so far, today's included,
    as the schedule counts them. (The result leaves today out until the test ends, as
    today's diary is not complete, so its share would lag a day behind the schedule.)"""
    if not answered:
        return NO_ANSWERS
    return (
        f"So far you kept to the plan on {kept} of {answered} "
        f"day{'' if answered == 1 else 's'} answered."
    )


def adherence_sentence(result: Result, left_out: tuple[tuple[dt.date, bool], ...] = ()) -> str:
    """The share of answered days kept to the plan; ``left_out``: answers given on days the
    result does not cover (the day a test was stopped), said so rather than lost."""
    if result.adherence is None:
        counted = NO_ANSWERS_COUNTED if left_out else NO_ANSWERS
    else:
        counted = (
            f"Kept to the plan on {result.adherence:.0%} of the days answered "
            f"({result.days_not_kept} day{'' if result.days_not_kept == 1 else 's'} not kept)."
        )
    return " ".join([counted, *(stop_day_answer(day, kept) for day, kept in left_out)])


def diary_sentence(result: Result) -> str:
    """How the diary before the test was used, or "" when it was not."""
    if not result.diary_blocks:
        return ""
    return (
        f"To learn how much your weeks vary anyway, the interval also drew on "
        f"{result.diary_blocks} blocks of your diary from before the test."
    )


def result_text(result: Result) -> str:
    """The whole result as a few lines of text."""
    plan, kept = result.as_planned, result.per_protocol
    lines = [
        f"{VERDICT_LABELS[result.verdict]}.",
        verdict_meaning(result),
        "",
        f"As planned ({plan.blocks_a} usual and {plan.blocks_b} change blocks): "
        + effect_sentence(plan, result.outcome),
        f"Only days kept to the plan ({VERDICT_LABELS[kept.verdict].lower()}): "
        + effect_sentence(kept, result.outcome),
        adherence_sentence(result),
    ]
    if result.diary_blocks:
        lines.append(diary_sentence(result))
    if result.stopped_early:
        lines.append(STOPPED_EARLY)
    return "\n".join(lines)


def length_shortfall(pairs: int, power: float, from_diary: bool) -> str:
    """When even the longest test (``pairs`` pairs of blocks) has less than TARGET_POWER:
    what its ``power`` means, and why (``from_diary``: the spread was measured from the
    diary; otherwise a typical one was assumed, and the page says so already)."""
    chance = (
        f"if the change really makes the difference you chose, a test that long would show "
        f"it with {'only ' if power < PROBABLY_TOO_SHORT else ''}about a {power:.0%} chance"
    )
    if power < PROBABLY_TOO_SHORT:
        head = (
            f"Even the longest test, {pairs} pairs of blocks, would probably be too short to tell"
        )
    else:
        head = (
            f"Even the longest test, {pairs} pairs of blocks, falls short of the "
            f"{TARGET_POWER:.0%} chance we aim for"
        )
    why = (
        "Your days vary a lot for a difference of this size, so a larger one would be easier "
        "to see."
        if from_diary
        else "A larger difference would be easier to see."
    )
    return (
        f"{head}: {chance}. {why} You can still run it; the result will say honestly if it "
        f"cannot tell."
    )
