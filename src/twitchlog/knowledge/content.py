"""What Twitchlog teaches, as data: the symptom, its causes, recovery topics and red flags.

Every paragraph names the sources behind it (keys in references.py). Pages, the insights
guidance and reports all read from here, so a correction made once shows up everywhere.
Pure data: no Django.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Para:
    text: str
    refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cause:
    slug: str
    number: int
    title: str
    summary: str
    how: tuple[Para, ...]
    helps: tuple[Para, ...]
    correction: Para | None = None


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    summary: str
    body: tuple[Para, ...]


@dataclass(frozen=True)
class RedFlag:
    key: str
    label: str
    urgency: str  # "soon": see a doctor within days; "routine": book an ordinary appointment
    why: str
    refs: tuple[str, ...] = field(default=("nhs-twitches",))


# --- The symptom ---------------------------------------------------------------------------

SYMPTOM_INTRO = (
    Para(
        "When anxiety runs high, many people notice muscles that move on their own: a flicker "
        "in an eyelid, a jump in a calf, a buzz in a thumb, a throb in the chest. It tends to "
        "carry on even when you try to relax that muscle, and it is common enough that it has "
        "an everyday name, a nervous twitch.",
        ("folk-2020",),
    ),
    Para(
        "Muscle twitches are very common in healthy people. In one population study about "
        "seven in ten healthy people reported twitches at some point.",
        ("reed-1963",),
    ),
)

SYMPTOM_FACETS = (
    (
        "What it feels like",
        Para(
            "Twitching or jerking, a spasm that holds, a cramp, a pulse or throb, trembling, "
            "or a fine vibration. Some people describe a muscle simply contracting by itself.",
            ("folk-2020",),
        ),
    ),
    (
        "Where",
        Para(
            "Any muscle can do it. People report it in the head and face, the eyelids, the "
            "mouth, neck and shoulders, the back, chest and belly, the stomach and throat, the "
            "groin and genitals, the arms, hands and fingers, and the legs, feet and toes.",
            ("folk-2020",),
        ),
    ),
    (
        "How it spreads",
        Para(
            "It may stay in one muscle, involve a group, or several groups at once. It can "
            "stay put, move from one place to another, or seem to wander all over the body.",
            ("folk-2020",),
        ),
    ),
    (
        "Rhythm and length",
        Para(
            "It can be slow and sporadic, come and go, rise and fall in waves, or run steadily "
            "like a tremor. An episode may last a moment or carry on for minutes, hours, days "
            "or longer, and it can happen rarely, now and then, often or nearly all the time.",
            ("folk-2020",),
        ),
    ),
    (
        "Strength",
        Para(
            "Anything from barely noticeable to strong enough to see, sometimes swelling and "
            "easing in waves.",
            ("folk-2020",),
        ),
    ),
    (
        "Timing against anxiety",
        Para(
            "It can start before, during or after a surge of nervousness or fear, or seem to "
            "come from nowhere. Many people notice it most when they are not distracted: "
            "resting, relaxing deeply, drifting off to sleep or waking up.",
            ("folk-2020",),
        ),
    ),
    (
        "It changes",
        Para(
            "The pattern shifts from day to day and even minute to minute. Every mix of the "
            "above is common, and a change in pattern is not in itself a sign of something "
            "new going on.",
            ("folk-2020",),
        ),
    ),
)

# --- The causes ----------------------------------------------------------------------------

CAUSES = (
    Cause(
        "acute-stress-response",
        1,
        "A stress response",
        "Each surge of fear or stress readies muscles for action, and ready muscles can twitch.",
        (
            Para(
                "When we feel threatened or anxious, the body switches into a fight, flight or "
                "freeze mode. More blood goes to the muscles, muscles tense, nerves become more "
                "excitable and blood sugar rises to supply quick energy.",
                ("harvard-2020", "folk-2020"),
            ),
            Para(
                "Any of those changes can set a muscle twitching, during the surge or while "
                "the body comes back down.",
                ("folk-2020", "elbers-2018"),
            ),
        ),
        (
            Para(
                "After a single surge the body needs some time to settle. The source account "
                "suggests around twenty minutes or a little more; treat that as a rough guide, "
                "not a rule, since no stronger study pins down a number.",
                ("folk-2020",),
            ),
            Para(
                "Calming yourself, by slow breathing, relaxing muscles on purpose or turning "
                "your attention elsewhere, lets the response switch off sooner.",
                ("harvard-2020",),
            ),
        ),
    ),
    Cause(
        "hyperstimulation",
        2,
        "Stress that builds up (hyperstimulation)",
        "Frequent stress responses can leave the body half switched-on for days or weeks.",
        (
            Para(
                "If stress responses come too often, the body cannot fully recover between "
                "them. It stays partly activated, which the source account calls "
                "hyperstimulation, and in that state symptoms such as twitching can keep going "
                "even when you do not feel anxious, often when resting or in bed.",
                ("folk-2020", "teixeira-2015"),
            ),
            Para(
                "Because the build-up is slow, the twitching may not line up with a stressful "
                "day. Twitchlog's analysis models this as a stress load that rises with each "
                "stress event and fades over days.",
                ("folk-2020",),
            ),
        ),
        (
            Para(
                "Settling a build-up takes longer than settling one surge: weeks rather than "
                "minutes. What brings it down is less stress and more rest, regular good "
                "sleep, regular deep relaxation, regular mild to moderate exercise, eating "
                "well, and reining in anxious habits such as constant worrying or checking.",
                ("folk-2020", "harvard-2020"),
            ),
            Para(
                "As the load comes down, the twitching usually fades with it. It tends to be "
                "among the slower symptoms to go, so patience is part of the treatment.",
                ("folk-2020",),
            ),
        ),
    ),
    Cause(
        "sleep",
        3,
        "Too little sleep",
        "Short or broken sleep raises stress hormones and makes twitching more likely.",
        (
            Para(
                "Losing sleep raises stress hormones such as cortisol. When the body is already "
                "over-stressed, poor sleep adds to the load.",
                ("basta-2007",),
            ),
        ),
        (
            Para(
                "Aim for regular sleep and wake times, a wind-down before bed and a dark, quiet "
                "room. A twitch that shows up as you drift off is common and not a sign of "
                "harm; treating it as background noise helps sleep come.",
                ("basta-2007", "folk-2020"),
            ),
        ),
    ),
    Cause(
        "stimulants",
        4,
        "Caffeine and other stimulants",
        "Coffee, energy drinks and nicotine push up stress hormones.",
        (
            Para(
                "Caffeine raises the release of cortisol, a stress hormone, and stimulants in "
                "general push the body toward the same state that a stress response does.",
                ("lovallo-2005",),
            ),
        ),
        (
            Para(
                "If the diary suggests stimulants matter for you, cut down gradually rather "
                "than stopping at once, since sudden caffeine withdrawal brings its own "
                "headaches and restlessness. A self-experiment can test whether it helps.",
                ("lovallo-2005",),
            ),
        ),
    ),
    Cause(
        "nutrition",
        5,
        "Low calcium, magnesium or vitamin D",
        "Some nutrient shortfalls make nerves and muscles more irritable.",
        (
            Para(
                "Low levels of calcium, magnesium or vitamin D can make muscles twitch or "
                "cramp. Long stress can also use up some nutrients faster.",
                ("hammond-2013", "mccabe-2017"),
            ),
        ),
        (
            Para(
                "A varied diet covers most people. If you suspect a shortfall, ask a doctor "
                "for a blood test before taking high doses; too much of a supplement can "
                "cause problems of its own.",
                ("hammond-2013",),
            ),
        ),
    ),
    Cause(
        "dehydration",
        6,
        "Fluids and dehydration",
        "The link between dehydration and cramps is weaker than often claimed.",
        (
            Para(
                "The source account lists dehydration as a cause. One small laboratory study "
                "found that drinking plain water after heavy sweating left muscles more prone "
                "to cramp, while drinks with electrolytes did not.",
                ("lau-2019",),
            ),
        ),
        (
            Para(
                "Drink to thirst, and a little more in heat or after heavy sweating. There is "
                "no benefit in forcing down large amounts of water, and drinking far more "
                "than you need can be harmful.",
                ("schwellnus-2011", "lau-2019"),
            ),
        ),
        correction=Para(
            "A correction: in a prospective study of 210 triathletes, being dehydrated did not "
            "predict who got cramps. Treat fluids as a minor factor at most.",
            ("schwellnus-2011",),
        ),
    ),
    Cause(
        "medication",
        7,
        "Medicines",
        "Starting, stopping, changing or missing a medicine can bring on twitching.",
        (
            Para(
                "Many medicines, psychiatric medicines especially, can cause twitching or "
                "tremor as a side effect. It can happen when starting, while taking, when "
                "switching, when combining, when missing doses or when stopping.",
                ("nimh-2016",),
            ),
        ),
        (
            Para(
                "Do not stop or change a prescribed medicine on your own. Tell the prescriber "
                "about the twitching; they can check whether a medicine is the likely cause "
                "and what to do about it.",
                ("nimh-2016", "nhs-twitches"),
            ),
        ),
    ),
    Cause(
        "recreational-drugs",
        8,
        "Alcohol and recreational drugs",
        "Both the high and the come-down can stir up the nervous system.",
        (
            Para(
                "Recreational drugs, alcohol included, can overstimulate the nervous system "
                "while they act and again as they wear off. They also disturb sleep, which "
                "adds to the load.",
                ("enevoldson-2004", "schierenbeck-2008"),
            ),
        ),
        (
            Para(
                "Cutting down usually helps. If you drink heavily every day, do not stop "
                "abruptly without medical advice, because withdrawal can be dangerous.",
                ("enevoldson-2004",),
            ),
        ),
    ),
    Cause(
        "breathing",
        9,
        "Over-breathing",
        "Breathing faster or deeper than the body needs lowers carbon dioxide in the blood.",
        (
            Para(
                "Anxious breathing is often fast or deep. Breathing off more carbon dioxide "
                "than the body makes shifts the blood's chemistry, which can cause tingling, "
                "light-headedness and spasms of the hands and feet.",
                ("gardner-1996",),
            ),
        ),
        (
            Para(
                "Slow, gentle breathing through the nose, with a longer out-breath, lets "
                "carbon dioxide return to normal, and the symptoms usually pass within minutes.",
                ("gardner-1996",),
            ),
        ),
        correction=Para(
            "A correction: the source account speaks of too much oxygen. The mechanism is too "
            "little carbon dioxide (respiratory alkalosis).",
            ("gardner-1996",),
        ),
    ),
    Cause(
        "hormones",
        10,
        "Hormone changes",
        "The menstrual cycle, menopause and long-running stress all shift hormones.",
        (
            Para(
                "Hormones influence how excitable nerves and muscles are. Changes around "
                "periods, pregnancy, menopause and other life stages, and stress hormones that "
                "stay high for a long time, can all bring twitching on.",
                ("hopkins-hormones", "folk-2020"),
            ),
        ),
        (
            Para(
                "Logging your cycle lets the analysis check whether it lines up with your "
                "twitching. A doctor can look into hormone changes that feel out of the "
                "ordinary.",
                ("hopkins-hormones",),
            ),
        ),
    ),
    Cause(
        "low-blood-sugar",
        11,
        "Low blood sugar and missed meals",
        "Stress burns energy faster; irregular meals can let blood sugar dip.",
        (
            Para(
                "Low blood sugar causes shakiness and trembling. Stress uses energy faster, so "
                "skipping or delaying meals while stressed makes dips more likely, which can "
                "bring on twitching now and then or more often.",
                ("ada-hypoglycemia", "folk-2020"),
            ),
        ),
        (
            Para(
                "Regular meals and snacks with some protein and fibre keep energy steadier. "
                "If you have diabetes, follow your care team's advice on low blood sugar.",
                ("ada-hypoglycemia",),
            ),
        ),
    ),
)

CAUSES_BY_SLUG = {cause.slug: cause for cause in CAUSES}

# --- Recovery --------------------------------------------------------------------------------

TOPICS = (
    Topic(
        "passive-acceptance",
        "Letting the twitch be",
        "Fighting or watching a twitch keeps the alarm on.",
        (
            Para(
                "Worrying about a twitch is itself anxious behaviour, and it keeps the stress "
                "response going. Noticing the twitch, naming it as an anxiety symptom and "
                "letting it carry on without a fight takes fuel away from it.",
                ("folk-2020",),
            ),
        ),
    ),
    Topic(
        "containment",
        "Containing anxious thinking",
        "Catching worry early and not feeding it.",
        (
            Para(
                "Each worried thought that runs on can trigger another stress response. "
                "Containment means noticing the worry, deciding not to follow it, and "
                "bringing attention back to what you were doing. It gets easier with practice.",
                ("folk-2020",),
            ),
        ),
    ),
    Topic(
        "reducing-hyperstimulation",
        "Bringing a stress build-up down",
        "Rest, sleep, relaxation, movement and food, done regularly.",
        (
            Para(
                "A body that has been stressed for a long time needs a long run of calmer days "
                "to reset. Regular relaxation, good sleep, moderate exercise and regular meals "
                "all lower the load; so does doing less of whatever keeps you on edge.",
                ("folk-2020", "harvard-2020"),
            ),
        ),
    ),
    Topic(
        "extinguishing-fears",
        "Easing the fear behind the twitch",
        "Fear of the twitch itself can keep it going.",
        (
            Para(
                "Many people fear a twitch means serious illness, and the fear feeds the "
                "twitching. Learning what twitching is and is not, checking the red flags "
                "once with a doctor, and then practising not checking, weakens the fear.",
                ("folk-2020", "blexrud-1993"),
            ),
        ),
    ),
    Topic(
        "stubborn-symptoms",
        "When it will not go away",
        "Twitching is often one of the last symptoms to settle.",
        (
            Para(
                "Twitching can linger after other anxiety symptoms have eased, because the "
                "body is still recovering from a long build-up. Persisting with the basics "
                "usually brings it down in time.",
                ("folk-2020",),
            ),
            Para(
                "When anxiety keeps coming back, underlying causes are usually still in "
                "place: habits of worry, beliefs about danger, or life situations. Working on "
                "those, often with a therapist, is what makes recovery last.",
                ("folk-2020", "hofmann-2012"),
            ),
        ),
    ),
    Topic(
        "panic",
        "Panic attacks",
        "A sudden, strong stress response; frightening but not dangerous.",
        (
            Para(
                "A panic attack is a strong burst of the stress response. It can leave "
                "muscles twitching for a while afterwards. Understanding the attack and "
                "riding it out, rather than fleeing it, makes future attacks weaker.",
                ("harvard-2020", "hofmann-2012"),
            ),
        ),
    ),
    Topic(
        "fear-of-anxiety",
        "Fear of anxiety itself",
        "Being afraid of anxious feelings adds a second layer of alarm.",
        (
            Para(
                "Some people come to fear the sensations of anxiety, including twitching. "
                "That fear sets off more stress responses. Gradually letting the sensations "
                "come and go without reacting breaks the loop.",
                ("hofmann-2012",),
            ),
        ),
    ),
    Topic(
        "sleep",
        "Anxiety and sleep",
        "Poor sleep raises anxiety, and anxiety disturbs sleep.",
        (
            Para(
                "Anxiety and sleep loss feed each other. Twitches at bedtime are common. "
                "Keeping regular hours, winding down and not lying in bed fighting to sleep "
                "help break the cycle.",
                ("basta-2007",),
            ),
        ),
    ),
    Topic(
        "therapy",
        "Working with a therapist",
        "Cognitive behavioural therapy has the strongest evidence for anxiety.",
        (
            Para(
                "Reviews of many trials find cognitive behavioural therapy (CBT) effective for "
                "anxiety disorders. Other approaches help many people too, and a good fit "
                "with the therapist matters.",
                ("hofmann-2012", "leichsenring-2017"),
            ),
        ),
    ),
)

TOPICS_BY_SLUG = {topic.slug: topic for topic in TOPICS}

# --- When to see a doctor --------------------------------------------------------------------

DOCTOR_INTRO = (
    Para(
        "Most twitching is harmless. The important sign of something else is real weakness: "
        "twitches without weakness are usually benign. Cramps, tingling and feeling tired or "
        "weak in general are common with harmless twitching and are not warning signs on "
        "their own.",
        ("nhs-twitches", "ninds-als"),
    ),
    Para(
        "In a study that followed 121 people with harmless twitching for between 2 and 32 "
        "years, none went on to develop motor neurone disease.",
        ("blexrud-1993",),
    ),
    Para(
        "Even so, any twitching is worth checking once with a doctor, so that other causes "
        "can be ruled out. This app cannot examine you.",
        ("nhs-twitches",),
    ),
)

RED_FLAGS = (
    RedFlag(
        "weakness",
        "Real weakness: tripping, dropping things, a clumsy hand, trouble holding your head up",
        "soon",
        "Weakness you can see, not just feeling tired, needs a doctor to examine you.",
        ("ninds-als", "nhs-twitches"),
    ),
    RedFlag(
        "wasting",
        "A muscle getting visibly thinner",
        "soon",
        "Muscle loss is not part of anxiety twitching and should be checked.",
        ("ninds-als",),
    ),
    RedFlag(
        "speech",
        "Slurred speech",
        "soon",
        "Changes in speech need a doctor's examination.",
        ("ninds-als",),
    ),
    RedFlag(
        "swallowing_breathing",
        "Trouble swallowing or breathing",
        "soon",
        "If breathing is hard right now, call emergency services. Otherwise see a doctor soon.",
        ("ninds-als",),
    ),
    RedFlag(
        "two_weeks",
        "The same spot twitching for more than two weeks",
        "routine",
        "The NHS advises seeing a GP about a twitch that lasts more than two weeks.",
    ),
    RedFlag(
        "several_places",
        "Twitching in more than one part of the body",
        "routine",
        "Anxiety twitching often moves about, so this is common; the NHS still suggests a GP "
        "check when twitches are in more than one place, to rule other causes out.",
    ),
    RedFlag(
        "numbness",
        "Numbness or loss of feeling",
        "routine",
        "Loss of feeling points to something other than anxiety twitching.",
        ("ninds-als", "nhs-twitches"),
    ),
    RedFlag(
        "stiffness",
        "The area feels stiff or weak",
        "routine",
        "The NHS advises seeing a GP when the twitching area is stiff or weak.",
    ),
    RedFlag(
        "medicine",
        "A medicine might be causing it",
        "routine",
        "Ask the prescriber; do not stop a medicine on your own.",
        ("nhs-twitches", "nimh-2016"),
    ),
)

RED_FLAGS_BY_KEY = {flag.key: flag for flag in RED_FLAGS}

DISCLAIMER = (
    "Twitchlog offers information and self-tracking, not medical advice or diagnosis. "
    "If you are worried about a symptom, see a doctor. In an emergency, call your local "
    "emergency number."
)
