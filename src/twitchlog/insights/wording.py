"""The sentences a person reads: one plain summary per finding and for the stress load.

Effects on a count are told as "% more/fewer twitches", on a rating as points on the 0–10
scale.  A numeric factor is always told in the direction that brings more twitching ("on days
after you sleep an hour less, ... more twitches"), which reads more naturally than a
percentage fewer per extra hour.
"""

from twitchlog.insights.design import MIN_VARIED_DAYS, WINDOW_PATTERNS
from twitchlog.knowledge.factors import FACTORS_BY_NAME

COUNT = "twitch_count"
YEARS_OF_LOGGING = 3 * 365
# A change a person would care about: 30% more or fewer twitches, or 1 point on the 0–10 scale.
MEANINGFUL_RATIO = 1.3
MEANINGFUL_POINTS = 1.0

# Substances and actions whose *more* must never read as a way to calm twitching: when more
# of one goes with less twitching, the sentence says so once, as a pattern, with why it is
# not advice, and the page shows no tag or tip that could be read as "take more".
NOT_ADVICE: dict[str, str] = {
    "alcohol_units": "drinking more alcohol is not a safe way to calm twitching, and drinking "
    "often makes twitching worse as it wears off",
    "nicotine": "nicotine is not a way to calm twitching; the first days without it can "
    "bring twitching from withdrawal, which can make it look calming, and stopping with "
    "support is still worth it",
    "recreational_drugs": "drugs are not a way to calm twitching, and coming down from them "
    "can make twitching worse",
    "caffeine_mg": "more caffeine is not a way to calm twitching; a change in how much you "
    "usually have is worth making slowly",
    "water_l": "drinking well beyond thirst does not calm twitching and can be harmful",
    "magnesium_mg": "taking more of a supplement than the label says is not a way to calm "
    "twitching; ask a pharmacist or doctor before changing the dose",
    "calcium_mg": "taking more of a supplement than the label says is not a way to calm "
    "twitching; ask a pharmacist or doctor before changing the dose",
    "vitamin_d_iu": "taking more of a supplement than the label says is not a way to calm "
    "twitching; ask a pharmacist or doctor before changing the dose",
    "medication_change": "never change a prescribed medicine to calm twitching; talk to the "
    "person who prescribes it",
}

# (more, less) for numeric factors, (yes, no) for yes/no ones, in the past tense.
PHRASES: dict[str, tuple[str, str]] = {
    "sleep_hours": ("slept an hour more", "slept an hour less"),
    "sleep_quality": ("slept a point better", "slept a point worse"),
    "caffeine_mg": ("had 100 mg more caffeine", "had 100 mg less caffeine"),
    "alcohol_units": ("drank one more unit of alcohol", "drank one unit of alcohol less"),
    "nicotine": ("used nicotine", "did not use nicotine"),
    "recreational_drugs": ("took a recreational drug", "did not take a recreational drug"),
    "water_l": ("drank a litre more", "drank a litre less"),
    "missed_meals": ("missed or delayed one more meal", "missed or delayed one meal fewer"),
    "exercise_min": ("exercised 30 minutes more", "exercised 30 minutes less"),
    "stress_level": ("felt a point more stressed", "felt a point less stressed"),
    "anxiety_episodes": ("had one more anxiety episode", "had one anxiety episode fewer"),
    "overbreathing": (
        "had one more bout of over-breathing",
        "had one bout of over-breathing fewer",
    ),
    "magnesium_mg": ("took 100 mg more magnesium", "took 100 mg less magnesium"),
    "calcium_mg": ("took 500 mg more calcium", "took 500 mg less calcium"),
    "vitamin_d_iu": ("took 1,000 IU more vitamin D", "took 1,000 IU less vitamin D"),
    "medication_change": ("changed a medicine", "did not change a medicine"),
    "menstruating": (
        "were on your period or noticed a hormonal change",
        "were not on your period",
    ),
    "resting_hr": (
        "had a resting heart rate 5 beats higher",
        "had a resting heart rate 5 beats lower",
    ),
    "before_period": ("were in the last days before a period", "were not about to have a period"),
}
# Factors the analysis makes itself (not logged as such), by name.
DERIVED_LABELS = {"before_period": "The days before a period"}
# How an effect of a derived yes/no factor is counted, in words ("on days with ..." would read
# "on days with the days before a period").
DERIVED_PER = {"before_period": "in the days before a period"}


def _window(pattern: str | None) -> str | None:
    """ "in the last three days before a period" for a window pattern (design.WINDOW_PATTERNS)
    of the days before a period, else None."""
    if pattern not in WINDOW_PATTERNS:
        return None
    return f"in the last {pattern.split('_')[0]} days before a period"


def label(factor: str) -> str:
    known = FACTORS_BY_NAME.get(factor)
    if known:
        return known.label
    return DERIVED_LABELS.get(factor) or factor.replace("_", " ").strip().capitalize()


def more_calms(outcome: str, effect: float) -> bool:
    """Whether more of the factor (or having it) goes with less twitching."""
    return effect < 1 if outcome == COUNT else effect < 0


def is_pattern_not_advice(factor: str, outcome: str, effect: float) -> bool:
    return factor in NOT_ADVICE and more_calms(outcome, effect)


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def per_label(factor: str, binary: bool) -> str:
    known = FACTORS_BY_NAME.get(factor)
    if known:
        return known.per_label
    if factor in DERIVED_PER:
        return DERIVED_PER[factor]
    return f"on days with {_lower(label(factor))}" if binary else "per unit"


def per_value(factor: str) -> float:
    known = FACTORS_BY_NAME.get(factor)
    return float(known.per) if known else 1.0


def effect_unit(outcome: str, factor: str, binary: bool, pattern: str | None = None) -> str:
    per = per_label(factor, binary)
    window = _window(pattern)
    if window:
        per = f"{window} vs other days"
    elif pattern == "any":
        per = f"on days with any {_lower(label(factor))} vs none"
    elif binary:
        per = f"{per} vs other days" if factor in DERIVED_PER else f"{per} vs without"
    if pattern == "three_days":
        per = f"{per}, as a mean over three days in a row"
    if outcome == COUNT:
        return f"rate ratio {per}"
    return f"points on the 0–10 scale {per}"


def _phrases(factor: str, binary: bool, pattern: str | None = None) -> tuple[str, str]:
    window = _window(pattern)
    if window:
        return (f"were {window}", "were not about to have a period")
    if pattern == "any":
        name = _lower(label(factor))
        return (f"logged any {name}", f"logged no {name}")
    if factor in PHRASES:
        return PHRASES[factor]
    name = _lower(label(factor))
    if binary:
        return (f"logged {name}", f"did not log {name}")
    return (f"logged one unit more of {name}", f"logged one unit less of {name}")


def _when(lag: int, pattern: str | None, what: str) -> str:
    """ "On days when you slept an hour less", and the like for the other patterns."""
    if pattern == "three_days":
        return f"When you {what} on average over three days in a row"
    return f"On days when you {what}" if lag == 0 else f"On the day after you {what}"


def _when_unclear(lag: int, pattern: str | None = None) -> str:
    window = _window(pattern)
    if window:
        return window
    if pattern == "three_days":
        return "over three days in a row"
    if pattern == "any":
        return "on days with any of it"
    return "on the same day" if lag == 0 else "on the day after"


def _percent(ratio: float) -> str:
    return f"{round(abs(ratio - 1) * 100)}%"


def _more_twitches(ratio: float, low: float, high: float) -> str:
    """ "about 50% more twitches (likely between 17% and 94% more)", for ratios above 1."""
    if ratio >= 2:
        return (
            f"about {ratio:.1f} times as many twitches "
            f"(likely between {low:.1f} and {high:.1f} times as many)"
        )
    return (
        f"about {_percent(ratio)} more twitches "
        f"(likely between {_percent(low)} and {_percent(high)} more)"
    )


def _pattern_not_advice(
    outcome: str,
    factor: str,
    lag: int,
    effect: float,
    low: float,
    high: float,
    pattern: str | None = None,
) -> str:
    """More of a substance went with less twitching: said once, from the "more" side, as a
    pattern and never as advice."""
    more, _less = _phrases(factor, False, pattern)
    if outcome == COUNT:
        size = (
            f"about {_percent(effect)} fewer twitches "
            f"(likely between {_percent(high)} and {_percent(low)} fewer)"
        )
    else:
        low, high = sorted((abs(low), abs(high)))
        size = (
            f"twitching rated about {abs(effect):.1f} points lower on the 0–10 scale "
            f"(likely between {low:.1f} and {high:.1f} points)"
        )
    return (
        f"{_when(lag, pattern, more)}, you logged {size}. This is a pattern in your diary, "
        "not advice: "
        f"{NOT_ADVICE[factor]}."
    )


def driver_summary(
    outcome: str,
    factor: str,
    lag: int,
    binary: bool,
    effect: float,
    low: float,
    high: float,
    pattern: str | None = None,
) -> str:
    """The sentence for a driver; ``pattern`` "three_days" or "any" (design.PATTERNS) when
    the factor showed most clearly as its mean over three days or as any vs none."""
    if is_pattern_not_advice(factor, outcome, effect):
        return _pattern_not_advice(outcome, factor, lag, effect, low, high, pattern)
    more, less = _phrases(factor, binary, pattern)
    binary = binary or pattern == "any"
    if outcome == COUNT:
        if effect >= 1:
            return f"{_when(lag, pattern, more)}, you log {_more_twitches(effect, low, high)}."
        if binary:
            return (
                f"{_when(lag, pattern, more)}, you log about {_percent(effect)} fewer twitches "
                f"(likely between {_percent(high)} and {_percent(low)} fewer)."
            )
        return (
            f"{_when(lag, pattern, less)}, you log {_more_twitches(1 / effect, 1 / high, 1 / low)}."
        )
    if effect >= 0 or binary:
        word = "higher" if effect >= 0 else "lower"
        low, high = sorted((abs(low), abs(high)))
        return (
            f"{_when(lag, pattern, more)}, your twitching rates about {abs(effect):.1f} points "
            f"{word} "
            f"on the 0–10 scale (likely between {low:.1f} and {high:.1f} points)."
        )
    return (
        f"{_when(lag, pattern, less)}, your twitching rates about {-effect:.1f} points higher "
        "on the "
        f"0–10 scale (likely between {-high:.1f} and {-low:.1f} points)."
    )


def size_phrase(outcome: str, factor: str, binary: bool, pattern: str | None = None) -> str:
    # "Any vs none" is tested as a yes/no: its size is a change on days with any of it.
    per = "on days with any of it" if pattern == "any" else per_label(factor, binary)
    per = _window(pattern) or per
    return f"a 30% change {per}" if outcome == COUNT else f"a 1-point change {per}"


def _outcome_words(outcome: str) -> str:
    return "how many twitches you log" if outcome == COUNT else "how strong your twitching is"


def rules_out(outcome: str, low: float | None, high: float | None) -> bool:
    """Whether the whole interval lies inside a change nobody would care about."""
    if low is None or high is None:
        return False
    if outcome == COUNT:
        return low > 1 / MEANINGFUL_RATIO and high < MEANINGFUL_RATIO
    return low > -MEANINGFUL_POINTS and high < MEANINGFUL_POINTS


def power_sentence(size: str, more_days: int | None, ruled_out: bool = False) -> str:
    """What a "no clear effect" means here.  It says an effect is small only when the
    interval itself rules out ``size``; otherwise it says that this cannot be told yet."""
    if ruled_out:
        return f" Your diary already rules out {size}: if there is an effect, it is smaller."
    if more_days is None:
        return " It cannot be told yet either way."
    if more_days > YEARS_OF_LOGGING:
        return (
            f" Telling {size} from chance would take years more logging, so this diary cannot "
            "say either way."
        )
    if more_days == 0:
        return " It cannot be told yet either way."
    return (
        f" It cannot be told yet either way; about {more_days} more days of logging would "
        f"likely show {size} if there is one."
    )


def unclear_summary(
    outcome: str,
    factor: str,
    lag: int,
    binary: bool,
    more_days: int | None,
    low: float | None = None,
    high: float | None = None,
    pattern: str | None = None,
) -> str:
    when = _when_unclear(lag, pattern)
    head = (
        f"No clear link yet between {_lower(label(factor))} and {_outcome_words(outcome)} {when}."
    )
    size = size_phrase(outcome, factor, binary, pattern)
    return head + power_sentence(size, more_days, rules_out(outcome, low, high))


def reverse_summary(factor: str) -> str:
    return (
        f"{label(factor)} tends to rise after days with more twitching, so the link may be a "
        "response to twitching rather than a cause. It is not counted as a driver."
    )


def counted_elsewhere_summary(factor: str, lag: int, pattern: str | None = None) -> str:
    """For a pattern of a factor whose one test counts another pattern (joint.py)."""
    return (
        f"{label(factor)} is tested once over the ways it may act; its link shows most "
        f"clearly {_when_unclear(lag, pattern)}, where it is counted."
    )


def not_enough_summary(
    factor: str, reason: str, days: int, needed: int, *, binary: bool = False
) -> str:
    name = _lower(label(factor))
    if reason == "diary":
        return (
            f"The diary has {days} logged days; at least {needed} are needed before looking "
            "for drivers."
        )
    if reason == "steady":
        return (
            "Your twitching hardly changed from day to day in this diary, so nothing can be "
            "linked to it yet."
        )
    if reason == "few":
        return (
            f"Not enough days with {name} logged to tell ({days} so far; at least {needed} "
            "are needed)."
        )
    if reason == "flat" and binary:
        # "hardly changed from day to day" reads oddly of a yes/no question.
        return (
            f"{label(factor)}: too few days of each answer, yes and no, to compare them (at "
            f"least {MIN_VARIED_DAYS} of each are needed)."
        )
    if reason == "flat":
        return f"{label(factor)} hardly changed from day to day, so its effect cannot be seen."
    return (
        f"{label(factor)} moved in step with other things you logged, so its own effect "
        "cannot be told apart."
    )


def load_summary(
    outcome: str,
    verdict: str,
    half_life: float,
    effect: float,
    low: float,
    high: float,
    more_days: int | None,
) -> str:
    days = max(1, round(half_life))
    fading = f"each one fades by half in about {days} day{'s' if days > 1 else ''}"
    if verdict in ("raises", "lowers") and outcome == COUNT:
        word = "more" if effect >= 1 else "fewer"
        low, high = (low, high) if effect >= 1 else (high, low)
        return (
            f"Anxiety episodes build up: each one goes with about {_percent(effect)} {word} "
            f"twitches (likely between {_percent(low)} and {_percent(high)}); {fading}."
        )
    if verdict in ("raises", "lowers"):
        word = "higher" if effect >= 0 else "lower"
        low, high = sorted((abs(low), abs(high)))
        return (
            f"Anxiety episodes build up: each one goes with twitching about {abs(effect):.1f} "
            f"points {word} on the 0–10 scale (likely between {low:.1f} and {high:.1f}); "
            f"{fading}."
        )
    size = "a 30% change per episode" if outcome == COUNT else "a 1-point change per episode"
    return "No clear build-up from anxiety episodes to your twitching yet." + power_sentence(
        size, more_days, rules_out(outcome, low, high)
    )


def load_unavailable_summary(reason: str) -> str:
    if reason == "missing":
        return "Log anxiety or panic episodes to see whether they build up into more twitching."
    return (
        "Not enough days with anxiety episodes logged yet to see whether they build up into "
        "more twitching."
    )
