"""The changes a person can test, as data. Pure.

Each is written as what to do, never as "more of" a substance: a test compares doing it
with one's usual, and the wording leaves the choice with the person.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    key: str
    label: str  # what to do on change (B) days
    factor: str  # the diary factor it belongs to ("" for none); insights "test it" links by it
    note: str  # a practical word shown when planning


CHANGES = (
    Change(
        "no-caffeine-after-noon",
        "No caffeine after noon",
        "caffeine_mg",
        "Coffee, tea, cola and energy drinks all count. Your usual days stay as they are.",
    ),
    Change(
        "eight-hours-in-bed",
        "Eight hours in bed",
        "sleep_hours",
        "Time in bed with the light off, whether or not sleep comes quickly.",
    ),
    Change(
        "no-alcohol",
        "No alcohol",
        "alcohol_units",
        "If you usually drink a lot, stopping suddenly can be unsafe; talk to a doctor first.",
    ),
    Change(
        "regular-meals",
        "Regular meals, none skipped",
        "missed_meals",
        "Three meals at roughly the same times.",
    ),
    Change(
        "relaxation-practice",
        "A daily 15-minute relaxation practice",
        "stress_level",
        "Any calm practice you like: slow breathing, a body scan, a quiet walk.",
    ),
    # Not linked from a magnesium finding: a page should never point anyone towards taking
    # more of a substance. Someone who wants to test it chooses it themselves.
    Change(
        "evening-magnesium",
        "250 mg magnesium in the evening",
        "",
        "Only if it is right for you: ask a pharmacist if you take other medicines or have "
        "kidney problems. A test compares it with your usual; it never asks for more.",
    ),
    Change(
        "no-screens-before-bed",
        "No screens in the last hour before bed",
        "",
        "Phones, tablets, television and computers.",
    ),
)

CHANGES_BY_KEY = {change.key: change for change in CHANGES}
CUSTOM = "custom"


def change_for_factor(factor: str) -> Change | None:
    """The change that tests a diary factor, for the insights page's "test it" link."""
    return next((c for c in CHANGES if c.factor and c.factor == factor), None)


# The effect sizes a person can ask the test to detect.
EFFECT_CHOICES = {
    "twitch_count": (
        ("0.5", "Half as many twitches"),
        ("0.67", "A third fewer twitches"),
        ("0.75", "A quarter fewer twitches"),
    ),
    "twitch_severity": (
        ("-2", "Two points lower on the 0–10 scale"),
        ("-1", "One point lower on the 0–10 scale"),
    ),
}
