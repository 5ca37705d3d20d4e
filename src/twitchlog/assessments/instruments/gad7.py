"""GAD-7: seven questions about anxiety over the last two weeks.

Items, options and the difficulty question are copied word for word from INSTRUMENTS.md.
PHQ-9, GAD-2 and PHQ-4 reuse the options, the follow-up and the items defined here.
"""

from twitchlog.assessments.instruments.base import (
    PHQ_GAD_LICENCE,
    Band,
    FollowUp,
    Instrument,
    Item,
    Option,
    Screen,
    loinc,
)

STEM = "Over the last 2 weeks, how often have you been bothered by the following problems?"

OPTIONS = (
    Option(0, "Not at all", loinc("LA6568-5")),
    Option(1, "Several days", loinc("LA6569-3")),
    Option(2, "More than half the days", loinc("LA6570-1")),
    Option(3, "Nearly every day", loinc("LA6571-9")),
)

# The same unscored question closes GAD-7 and PHQ-9. LOINC gives the answers codes that are
# not in the order of the answers: "very" is LA6575-0 and "extremely" LA6574-3.
DIFFICULTY = FollowUp(
    "If you checked off any problems, how difficult have these problems made it for you to do "
    "your work, take care of things at home, or get along with other people?",
    (
        Option(0, "Not difficult at all", loinc("LA6572-7")),
        Option(1, "Somewhat difficult", loinc("LA6573-5")),
        Option(2, "Very difficult", loinc("LA6575-0")),
        Option(3, "Extremely difficult", loinc("LA6574-3")),
    ),
    loinc("69722-7"),
)

ITEMS = (
    Item("gad7-1", "Feeling nervous, anxious, or on edge", loinc("69725-0")),
    Item("gad7-2", "Not being able to stop or control worrying", loinc("68509-9")),
    Item("gad7-3", "Worrying too much about different things", loinc("69733-4")),
    Item("gad7-4", "Trouble relaxing", loinc("69734-2")),
    Item("gad7-5", "Being so restless that it is hard to sit still", loinc("69735-9")),
    Item("gad7-6", "Becoming easily annoyed or irritable", loinc("69689-8")),
    Item("gad7-7", "Feeling afraid, as if something awful might happen", loinc("69736-7")),
)

INSTRUMENT = Instrument(
    slug="gad7",
    name="GAD-7",
    title="Generalized Anxiety Disorder 7",
    checks="Anxiety",
    about=(
        "The most widely used short check for anxiety. Seven questions about worry, tension "
        "and restlessness over the last two weeks."
    ),
    stem=STEM,
    recall="the last 2 weeks",
    items=ITEMS,
    options=OPTIONS,
    bands=(
        Band(
            0,
            4,
            "minimal",
            "Few signs of anxiety over the last two weeks. If you still twitch, the body's "
            "stress response, sleep, caffeine and other everyday causes are worth a look.",
        ),
        Band(
            5,
            9,
            "mild",
            "Some anxiety, at a level many people go through in a stressful stretch. The "
            "everyday things that calm the stress response often help, and it is worth "
            "checking again in a few weeks.",
        ),
        Band(
            10,
            14,
            "moderate",
            "Anxiety is taking up a fair part of your days. This is the level at which a "
            "doctor or therapist would usually look more closely, and talking to one is a "
            "good next step.",
        ),
        Band(
            15,
            21,
            "severe",
            "Anxiety is weighing on you a lot. Please talk to a doctor or a therapist soon: "
            "anxiety at this level is common and responds well to treatment.",
        ),
    ),
    screen=Screen(
        10,
        "A total of 10 or more is the usual point at which the GAD-7 suggests an anxiety "
        "disorder may be present. At that cut-off it picks up about 89 in 100 people who have "
        "generalized anxiety disorder and correctly passes over about 82 in 100 who do not.",
    ),
    follow_up=DIFFICULTY,
    code=loinc("69737-5"),
    total_code=loinc("70274-6"),
    source="Spitzer, Kroenke, Williams, Löwe 2006",
    licence=PHQ_GAD_LICENCE,
)
