"""GAD-2: the first two GAD-7 questions, a quick first check for anxiety.

There are no severity bands, only a cut-off, so the two bands here are the two sides of it.
"""

from twitchlog.assessments.instruments import gad7
from twitchlog.assessments.instruments.base import Band, Instrument, Screen, ours

INSTRUMENT = Instrument(
    slug="gad2",
    name="GAD-2",
    title="Generalized Anxiety Disorder 2",
    checks="Anxiety, quick check",
    about=(
        "The first two GAD-7 questions. A very quick check: if it comes out high, take the "
        "full GAD-7 next."
    ),
    stem=gad7.STEM,
    recall=gad7.INSTRUMENT.recall,
    items=gad7.ITEMS[:2],
    options=gad7.OPTIONS,
    bands=(
        Band(
            0,
            2,
            "below the cut-off",
            "Your answers are below the point where the GAD-2 suggests a closer look at anxiety.",
        ),
        Band(
            3,
            6,
            "at or above the cut-off",
            "Your answers reach the point where a closer look at anxiety makes sense. The full "
            "GAD-7 gives a clearer picture, and takes about a minute.",
        ),
    ),
    bands_note="The GAD-2 has no severity bands, only a cut-off at 3.",
    screen=Screen(
        3,
        "A total of 3 or more is a positive screen. At that cut-off the GAD-2 picks up about "
        "86 in 100 people who have generalized anxiety disorder and correctly passes over "
        "about 83 in 100 who do not.",
    ),
    next_if_positive="gad7",
    code=ours("gad2"),
    total_code=ours("gad2-total"),
    source=gad7.INSTRUMENT.source,
    licence=gad7.INSTRUMENT.licence,
)
