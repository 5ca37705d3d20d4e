"""PHQ-4: GAD-2 plus PHQ-2, four questions about anxiety and mood.

The items are the first two of GAD-7 and the first two of PHQ-9, shared rather than restated.
Each half is also scored on its own; 3 or more on either half is a positive screen.
"""

from twitchlog.assessments.instruments import gad7, phq9
from twitchlog.assessments.instruments.base import (
    PHQ_GAD_LICENCE,
    Band,
    Instrument,
    Screen,
    Subscale,
    ours,
)

INSTRUMENT = Instrument(
    slug="phq4",
    name="PHQ-4",
    title="Patient Health Questionnaire 4",
    checks="Anxiety and mood, quick check",
    about=(
        "Four questions: two about anxiety and two about mood. A quick way to see which one "
        "to look at more closely."
    ),
    stem=gad7.STEM,
    recall="the last 2 weeks",
    items=gad7.ITEMS[:2] + phq9.ITEMS[:2],
    options=gad7.OPTIONS,
    bands=(
        Band(0, 2, "normal", "Few signs of anxiety or low mood over the last two weeks."),
        Band(
            3,
            5,
            "mild",
            "Some anxiety or low mood, at a level many people go through at times. The "
            "anxiety and mood parts below show which one is behind it.",
        ),
        Band(
            6,
            8,
            "moderate",
            "A fair amount of anxiety or low mood. The parts below show which one; the full "
            "GAD-7 or PHQ-9 gives a clearer picture, and talking to a doctor or therapist is "
            "a good next step.",
        ),
        Band(
            9,
            12,
            "severe",
            "Anxiety or low mood is weighing on you a lot. Please talk to a doctor or a "
            "therapist soon.",
        ),
    ),
    subscales=(
        Subscale(
            "anxiety",
            "Anxiety (the GAD-2 questions)",
            (0, 1),
            ours("phq4-anxiety"),
            Screen(3, "3 or more on the anxiety questions is a positive screen for anxiety."),
        ),
        Subscale(
            "depression",
            "Mood (the PHQ-2 questions)",
            (2, 3),
            ours("phq4-depression"),
            Screen(3, "3 or more on the mood questions is a positive screen for depression."),
        ),
    ),
    code=ours("phq4"),
    total_code=ours("phq4-total"),
    source="Kroenke, Spitzer, Williams, Löwe 2009 (built from GAD-2 and PHQ-2)",
    licence=PHQ_GAD_LICENCE,
)
