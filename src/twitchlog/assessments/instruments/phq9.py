"""PHQ-9: nine questions about low mood over the last two weeks.

Items are copied word for word from INSTRUMENTS.md; options and the difficulty question are
the GAD-7's. Any answer above 0 on item 9 raises a safety alert, whatever the total.
"""

from twitchlog.assessments.instruments import gad7
from twitchlog.assessments.instruments.base import (
    PHQ_GAD_LICENCE,
    Band,
    Instrument,
    Item,
    Screen,
    loinc,
)

STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?"

ITEMS = (
    Item("phq9-1", "Little interest or pleasure in doing things", loinc("44250-9")),
    Item("phq9-2", "Feeling down, depressed, or hopeless", loinc("44255-8")),
    Item("phq9-3", "Trouble falling or staying asleep, or sleeping too much", loinc("44259-0")),
    Item("phq9-4", "Feeling tired or having little energy", loinc("44254-1")),
    Item("phq9-5", "Poor appetite or overeating", loinc("44251-7")),
    Item(
        "phq9-6",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your "
        "family down",
        loinc("44258-2"),
    ),
    Item(
        "phq9-7",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        loinc("44252-5"),
    ),
    Item(
        "phq9-8",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        loinc("44253-3"),
    ),
    Item(
        "phq9-9",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
        loinc("44260-8"),
    ),
)

SAFETY_ITEM = 8

INSTRUMENT = Instrument(
    slug="phq9",
    name="PHQ-9",
    title="Patient Health Questionnaire 9",
    checks="Low mood and depression",
    about=(
        "Nine questions about mood, interest, sleep and energy over the last two weeks. "
        "Anxiety and low mood often travel together, so it helps to know about both."
    ),
    stem=STEM,
    recall="the last 2 weeks",
    items=ITEMS,
    options=gad7.OPTIONS,
    bands=(
        Band(
            0,
            4,
            "minimal",
            "Few signs of low mood over the last two weeks.",
        ),
        Band(
            5,
            9,
            "mild",
            "Some low mood, at a level many people go through in a hard stretch. Looking "
            "after sleep, movement and contact with people often helps; check again in a few "
            "weeks.",
        ),
        Band(
            10,
            14,
            "moderate",
            "Low mood is taking up a fair part of your days. This is the level at which a "
            "doctor or therapist would usually look more closely, and talking to one is a "
            "good next step.",
        ),
        Band(
            15,
            19,
            "moderately severe",
            "Low mood is weighing on you a lot. Please talk to a doctor or a therapist soon; "
            "this is very treatable.",
        ),
        Band(
            20,
            27,
            "severe",
            "Low mood is weighing on you very heavily. Please contact a doctor soon, today if "
            "you can. Help works, and you do not have to wait until it gets worse.",
        ),
    ),
    screen=Screen(
        10,
        "A total of 10 or more is the usual point at which the PHQ-9 suggests depression may "
        "be present. At that cut-off it picks up about 88 in 100 people who have major "
        "depression and correctly passes over about 88 in 100 who do not.",
    ),
    safety_item=SAFETY_ITEM,
    follow_up=gad7.DIFFICULTY,
    code=loinc("44249-1"),
    total_code=loinc("44261-6"),
    source="Kroenke, Spitzer, Williams 2001",
    licence=PHQ_GAD_LICENCE,
)
