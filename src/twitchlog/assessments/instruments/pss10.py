"""PSS-10: ten questions about how stressful the last month has felt.

Items and options are copied word for word from INSTRUMENTS.md. Items 4, 5, 7 and 8 ask about
coping well, so they are reverse-scored (4 - answer). The scale has no official cut-offs; the
bands are a common convention and are labelled as one. No LOINC codes: ours throughout.
"""

from twitchlog.assessments.instruments.base import Band, Instrument, Item, Option, ours

_TEXTS = (
    "been upset because of something that happened unexpectedly?",
    "felt that you were unable to control the important things in your life?",
    'felt nervous and "stressed"?',
    "felt confident about your ability to handle your personal problems?",
    "felt that things were going your way?",
    "found that you could not cope with all the things that you had to do?",
    "been able to control irritations in your life?",
    "felt that you were on top of things?",
    "been angered because of things that were outside of your control?",
    "felt difficulties were piling up so high that you could not overcome them?",
)
REVERSED = (3, 4, 6, 7)

ITEMS = tuple(
    Item(f"pss10-{n}", text, ours(f"pss10-{n}"), reverse=n - 1 in REVERSED)
    for n, text in enumerate(_TEXTS, start=1)
)

INSTRUMENT = Instrument(
    slug="pss10",
    name="PSS-10",
    title="Perceived Stress Scale",
    checks="Stress",
    about=(
        "Ten questions about how unpredictable and overloaded life has felt over the last "
        "month. Useful because lasting stress is one of the main drivers of twitching."
    ),
    stem="In the last month, how often have you ...",
    recall="the last month",
    items=ITEMS,
    options=tuple(
        Option(value, label, ours(f"pss10-answer-{value}"))
        for value, label in enumerate(
            ("Never", "Almost never", "Sometimes", "Fairly often", "Very often")
        )
    ),
    bands=(
        Band(0, 13, "low", "Life has felt fairly manageable over the last month."),
        Band(
            14,
            26,
            "moderate",
            "A fair amount of stress over the last month. That level of load can keep the "
            "body's stress response switched on, and twitching with it.",
        ),
        Band(
            27,
            40,
            "high",
            "Life has felt very stressful over the last month. Lowering the load where you "
            "can, and getting support, is likely to help both how you feel and the twitching.",
        ),
    ),
    bands_note=(
        "The PSS-10 has no official cut-offs. These bands are a common convention, not a "
        "clinical threshold."
    ),
    code=ours("pss10"),
    total_code=ours("pss10-total"),
    source="Cohen, Kamarck, Mermelstein 1983 (10-item form 1988)",
    licence="Free for non-commercial use.",
)
