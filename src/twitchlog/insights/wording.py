"""The sentences a person reads: one plain summary per finding and for the stress load.

Effects on a count are told as "% more/fewer twitches", on a rating as points on the 0–10
scale.  A numeric factor is always told in the direction that brings more twitching ("on days
after you sleep an hour less, ... more twitches"), which reads more naturally than a
percentage fewer per extra hour.
"""

from twitchlog.knowledge.factors import FACTORS_BY_NAME

COUNT = "twitch_count"
YEARS_OF_LOGGING = 3 * 365

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
}


def label(factor: str) -> str:
    known = FACTORS_BY_NAME.get(factor)
    return known.label if known else factor.replace("_", " ").strip().capitalize()


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def per_label(factor: str, binary: bool) -> str:
    known = FACTORS_BY_NAME.get(factor)
    if known:
        return known.per_label
    return f"on days with {_lower(label(factor))}" if binary else "per unit"


def per_value(factor: str) -> float:
    known = FACTORS_BY_NAME.get(factor)
    return float(known.per) if known else 1.0


def effect_unit(outcome: str, factor: str, binary: bool) -> str:
    per = per_label(factor, binary)
    if binary:
        per = f"{per} vs without"
    if outcome == COUNT:
        return f"rate ratio {per}"
    return f"points on the 0–10 scale {per}"


def _phrases(factor: str, binary: bool) -> tuple[str, str]:
    if factor in PHRASES:
        return PHRASES[factor]
    name = _lower(label(factor))
    if binary:
        return (f"logged {name}", f"did not log {name}")
    return (f"logged one unit more of {name}", f"logged one unit less of {name}")


def _when(lag: int) -> str:
    return "On days when you" if lag == 0 else "On the day after you"


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


def driver_summary(
    outcome: str, factor: str, lag: int, binary: bool, effect: float, low: float, high: float
) -> str:
    more, less = _phrases(factor, binary)
    if outcome == COUNT:
        if effect >= 1:
            return f"{_when(lag)} {more}, you log {_more_twitches(effect, low, high)}."
        if binary:
            return (
                f"{_when(lag)} {more}, you log about {_percent(effect)} fewer twitches "
                f"(likely between {_percent(high)} and {_percent(low)} fewer)."
            )
        return f"{_when(lag)} {less}, you log {_more_twitches(1 / effect, 1 / high, 1 / low)}."
    if effect >= 0 or binary:
        word = "higher" if effect >= 0 else "lower"
        low, high = sorted((abs(low), abs(high)))
        return (
            f"{_when(lag)} {more}, your twitching rates about {abs(effect):.1f} points {word} "
            f"on the 0–10 scale (likely between {low:.1f} and {high:.1f} points)."
        )
    return (
        f"{_when(lag)} {less}, your twitching rates about {-effect:.1f} points higher on the "
        f"0–10 scale (likely between {-high:.1f} and {-low:.1f} points)."
    )


def size_phrase(outcome: str, factor: str, binary: bool) -> str:
    per = per_label(factor, binary)
    return f"a 30% change {per}" if outcome == COUNT else f"a 1-point change {per}"


def _outcome_words(outcome: str) -> str:
    return "how many twitches you log" if outcome == COUNT else "how strong your twitching is"


def power_sentence(size: str, more_days: int | None) -> str:
    if more_days is None:
        return ""
    if more_days == 0:
        return f" Your diary could already have shown {size}, so any effect is probably smaller."
    if more_days > YEARS_OF_LOGGING:
        return f" Even {size} would take years more logging to see, so any effect is small."
    return f" About {more_days} more days of logging would show {size} if there is one."


def unclear_summary(
    outcome: str, factor: str, lag: int, binary: bool, more_days: int | None
) -> str:
    when = "on the same day" if lag == 0 else "on the day after"
    head = (
        f"No clear link yet between {_lower(label(factor))} and {_outcome_words(outcome)} {when}."
    )
    return head + power_sentence(size_phrase(outcome, factor, binary), more_days)


def reverse_summary(factor: str) -> str:
    return (
        f"{label(factor)} tends to rise after days with more twitching, so the link may be a "
        "response to twitching rather than a cause. It is not counted as a driver."
    )


def counted_elsewhere_summary(factor: str, counted_lag: int) -> str:
    when = "on the same day" if counted_lag == 0 else "on the day after"
    return (
        f"{label(factor)} is tested once over both days; its link shows most clearly {when}, "
        "where it is counted."
    )


def not_enough_summary(factor: str, reason: str, days: int, needed: int) -> str:
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
    fading = f"fading by half about every {half_life:.0f} day{'s' if half_life >= 1.5 else ''}"
    if verdict in ("raises", "lowers") and outcome == COUNT:
        word = "more" if effect >= 1 else "fewer"
        low, high = (low, high) if effect >= 1 else (high, low)
        return (
            f"Anxiety episodes build up: each one goes with about {_percent(effect)} {word} "
            f"twitches (likely between {_percent(low)} and {_percent(high)}), {fading}."
        )
    if verdict in ("raises", "lowers"):
        word = "higher" if effect >= 0 else "lower"
        low, high = sorted((abs(low), abs(high)))
        return (
            f"Anxiety episodes build up: each one goes with twitching about {abs(effect):.1f} "
            f"points {word} on the 0–10 scale (likely between {low:.1f} and {high:.1f}), "
            f"{fading}."
        )
    size = "a 30% change per episode" if outcome == COUNT else "a 1-point change per episode"
    return "No clear build-up from anxiety episodes to your twitching yet." + power_sentence(
        size, more_days
    )


def load_unavailable_summary(reason: str) -> str:
    if reason == "missing":
        return "Log anxiety or panic episodes to see whether they build up into more twitching."
    return (
        "Not enough days with anxiety episodes logged yet to see whether they build up into "
        "more twitching."
    )
