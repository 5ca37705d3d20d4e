"""Our own checklist of signs that the stress response is not switching off.

Written for Twitchlog; not a validated test — a way to follow your own change over time.
The bands are simply thirds of the range, so a score can be read at a glance; they are not
cut-offs from research and the pages say so. Our own codes throughout, never LOINC.
"""

from twitchlog.assessments.instruments.base import (
    Band,
    Instrument,
    Item,
    Option,
    ours,
)

_TEXTS = (
    "Muscles twitching, jumping or flickering",
    "Muscles feeling tight, tense or achy for no clear reason",
    "Feeling keyed up in your body, even when your mind is calm",
    "Jumping at small noises or surprises",
    "Your heart racing or pounding while you sit or lie still",
    "Lying awake because your body will not settle",
    "Waking up feeling as tired as when you went to bed",
    "Tingling, buzzing or pins and needles",
    "An upset, churning or queasy stomach",
    "Tiredness that rest does not fix",
    "Feeling shaky or trembly inside",
    "Taking a long time to calm down after something stressful is over",
)

ITEMS = tuple(
    Item(f"hyperstim-{n}", text, ours(f"hyperstim-{n}")) for n, text in enumerate(_TEXTS, start=1)
)

INSTRUMENT = Instrument(
    slug="hyperstim",
    name="Stress build-up checklist",
    title="Twitchlog stress build-up (hyperstimulation) checklist",
    checks="Signs of a stress response that will not switch off",
    about=(
        "Twelve body signs that tend to show up when stress has built up and the body has "
        "not had time to recover. Written by Twitchlog."
    ),
    stem="Over the past 2 weeks, how often have you noticed ...",
    recall="the past 2 weeks",
    items=ITEMS,
    options=tuple(
        Option(value, label, ours(f"hyperstim-answer-{value}"))
        for value, label in enumerate(
            ("Not at all", "On a few days", "On most days", "Nearly every day")
        )
    ),
    bands=(
        Band(
            0,
            11,
            "few signs",
            "Few signs of a stress build-up right now.",
        ),
        Band(
            12,
            23,
            "some signs",
            "Some signs that your body is staying on alert between stressful moments. Rest, "
            "regular sleep, relaxation and gentle exercise are what the guides suggest for "
            "bringing this down.",
        ),
        Band(
            24,
            36,
            "many signs",
            "Many signs that your body is staying on alert, which can go with twitching even "
            "on calm days. A steady routine of rest, sleep, relaxation and gentle exercise is "
            "the usual advice, and a therapist can help you build it.",
        ),
    ),
    bands_note=(
        "These bands are simply thirds of the range, to make a score easy to read. They are "
        "not cut-offs from research."
    ),
    validated=False,
    code=ours("hyperstim"),
    total_code=ours("hyperstim-total"),
    source="Written for Twitchlog",
    licence="Part of Twitchlog, under the project's licence.",
)
