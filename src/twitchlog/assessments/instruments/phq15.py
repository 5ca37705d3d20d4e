"""PHQ-15: fifteen bodily symptoms over the past four weeks.

Items and options are copied word for word from INSTRUMENTS.md. The menstrual item may be
answered "does not apply", which scores 0. LOINC codes the panel and the answers; the items and
the total carry our own codes.
"""

from twitchlog.assessments.instruments.base import (
    PHQ_GAD_LICENCE,
    Band,
    Instrument,
    Item,
    Option,
    loinc,
    ours,
)

MENSTRUAL_ITEM = 3

_TEXTS = (
    "Stomach pain",
    "Back pain",
    "Pain in your arms, legs, or joints (knees, hips, etc.)",
    "Menstrual cramps or other problems with your periods",
    "Headaches",
    "Chest pain",
    "Dizziness",
    "Fainting spells",
    "Feeling your heart pound or race",
    "Shortness of breath",
    "Pain or problems during sexual intercourse",
    "Constipation, loose bowels, or diarrhea",
    "Nausea, gas, or indigestion",
    "Feeling tired or having low energy",
    "Trouble sleeping",
)

ITEMS = tuple(
    Item(
        f"phq15-{n}",
        text,
        ours(f"phq15-{n}"),
        skip_label="Does not apply" if n - 1 == MENSTRUAL_ITEM else "",
    )
    for n, text in enumerate(_TEXTS, start=1)
)

INSTRUMENT = Instrument(
    slug="phq15",
    name="PHQ-15",
    title="Patient Health Questionnaire 15",
    checks="Bodily symptoms",
    about=(
        "Fifteen common bodily symptoms, such as a racing heart, stomach upset and tiredness, "
        "over the past four weeks. Stress often shows up in the body this way."
    ),
    stem=(
        "During the past 4 weeks, how much have you been bothered by any of the following problems?"
    ),
    recall="the past 4 weeks",
    items=ITEMS,
    options=(
        Option(0, "Not bothered at all", loinc("LA18334-5")),
        Option(1, "Bothered a little", loinc("LA18335-2")),
        Option(2, "Bothered a lot", loinc("LA18336-0")),
    ),
    bands=(
        Band(0, 4, "minimal", "Few bodily symptoms have bothered you over the past four weeks."),
        Band(
            5,
            9,
            "low",
            "A few bodily symptoms have bothered you. This is common, especially in a "
            "stressful stretch.",
        ),
        Band(
            10,
            14,
            "medium",
            "A fair number of bodily symptoms have bothered you. Stress and anxiety often show "
            "up like this; if any symptom is new or worrying, have a doctor look at it once.",
        ),
        Band(
            15,
            30,
            "high",
            "Many bodily symptoms have bothered you a lot. Please see a doctor to check them, "
            "and to talk about how stress may be adding to them.",
        ),
    ),
    code=loinc("69728-4"),
    total_code=ours("phq15-total"),
    source="Kroenke, Spitzer, Williams 2002",
    licence=PHQ_GAD_LICENCE,
)
