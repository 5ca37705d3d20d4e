"""What anxiety twitching is like, and the notice shown on every page. Pure data: no Django."""

from twitchlog.knowledge.para import Para

SYMPTOM_INTRO = (
    Para(
        "When anxiety runs high, many people notice muscles that move on their own: a flicker "
        "in an eyelid, a jump in a calf, a buzz in a thumb, a throb in the chest. It tends to "
        "carry on even when you try to relax that muscle, and it is common enough that it has "
        "an everyday name, a nervous twitch.",
        ("anxietycentre-twitching",),
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
            ("anxietycentre-twitching",),
        ),
    ),
    (
        "Where",
        Para(
            "Any muscle can do it. People report it in the head and face, the eyelids, the "
            "mouth, neck and shoulders, the back, chest and belly, the stomach and throat, the "
            "groin and genitals, the arms, hands and fingers, and the legs, feet and toes.",
            ("anxietycentre-twitching",),
        ),
    ),
    (
        "How it spreads",
        Para(
            "It may stay in one muscle, involve a group, or several groups at once. It can "
            "stay put, move from one place to another, or seem to wander all over the body.",
            ("anxietycentre-twitching",),
        ),
    ),
    (
        "Rhythm and length",
        Para(
            "It can be slow and sporadic, come and go, rise and fall in waves, or run steadily "
            "like a tremor. An episode may last a moment or carry on for minutes, hours, days "
            "or longer, and it can happen rarely, now and then, often or nearly all the time.",
            ("anxietycentre-twitching",),
        ),
    ),
    (
        "Strength",
        Para(
            "Anything from barely noticeable to strong enough to see, sometimes swelling and "
            "easing in waves.",
            ("anxietycentre-twitching",),
        ),
    ),
    (
        "Timing against anxiety",
        Para(
            "It can start before, during or after a surge of nervousness or fear, or seem to "
            "come from nowhere. Many people notice it most when they are not distracted: "
            "resting, relaxing deeply, drifting off to sleep or waking up.",
            ("anxietycentre-twitching",),
        ),
    ),
    (
        "It changes",
        Para(
            "The pattern shifts from day to day and even minute to minute. Every mix of the "
            "above is common, and a change in pattern is not in itself a sign of something "
            "new going on.",
            ("anxietycentre-twitching",),
        ),
    ),
)


DISCLAIMER = (
    "Twitchlog offers information and self-tracking, not medical advice or diagnosis. "
    "If you are worried about a symptom, see a doctor. In an emergency, call your local "
    "emergency number."
)
