"""Signs that need a doctor, in three tiers: call the emergency number now, see a doctor in
the next few days, or mention it at an ordinary appointment. Pure data: no Django.

Every surface that lists or reacts to these signs (the episode form, the check-in, the home
panel, the "see a doctor" page, the reports) groups them with ``grouped`` and words the advice
with the person's ``Care``, so a tier means the same thing everywhere.

The tiers follow the clinical sources cited with each sign: sudden stroke signs, choking or
real difficulty breathing and heart-attack chest pain are emergencies; real weakness, visible
wasting and a gradual change in speech or swallowing deserve a prompt examination (the signs
with which NICE advises doctors to refer twitching); the reasons the NHS gives for an ordinary
GP visit are routine. Twitching alone is in no tier.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from twitchlog.knowledge.care import Care
from twitchlog.knowledge.para import Para

EMERGENCY = "emergency"
SOON = "soon"
ROUTINE = "routine"


@dataclass(frozen=True)
class Tier:
    key: str
    heading: str  # may use {emergency} and {doctor}
    advice: str  # may use {emergency}, {doctor} and {urgent}
    reason: str = ""  # why this tier, said before the advice

    def words(self, care: Care) -> tuple[str, str]:
        values = {"emergency": care.emergency, "doctor": care.doctor}
        urgent = care.urgent_advice if self.key == SOON else ""
        heading = self.heading.format(**values)
        advice = self.advice.format(urgent=urgent, **values).strip()
        return heading, f"{self.reason} {advice}".strip()


TIERS = (
    Tier(
        EMERGENCY,
        "Call {emergency} now",
        "If one is happening now, call {emergency} or ask someone near you to call. Do not "
        "wait to see whether it passes, and do not drive yourself.",
        "These can be signs of a stroke, a heart attack or a blocked airway, which need help "
        "within minutes.",
    ),
    Tier(
        SOON,
        "See your {doctor} in the next few days",
        "Ask your {doctor} for an appointment in the next few days, so that they can examine "
        "you; an examination answers this question, and an app cannot. {urgent}",
    ),
    Tier(
        ROUTINE,
        "Worth an ordinary appointment with your {doctor}",
        "There is no hurry. Book an ordinary appointment with your {doctor} when it suits you "
        "and mention it there.",
    ),
)
TIERS_BY_KEY = {tier.key: tier for tier in TIERS}


@dataclass(frozen=True)
class RedFlag:
    key: str
    label: str
    urgency: str  # a Tier key
    why: str
    refs: tuple[str, ...]


RED_FLAGS = (
    RedFlag(
        "face_droop",
        "Your face suddenly drooping on one side",
        EMERGENCY,
        "A face that suddenly droops can be a stroke. Call even if you are not sure.",
        ("nhs-stroke-fast",),
    ),
    RedFlag(
        "sudden_speech",
        "Suddenly slurred speech, or suddenly being unable to speak or find words",
        EMERGENCY,
        "A sudden change in speech can be a stroke. Call even if you are not sure.",
        ("nhs-stroke-fast",),
    ),
    RedFlag(
        "one_side",
        "Sudden weakness or numbness on one side of the body, such as one arm or one leg",
        EMERGENCY,
        "Sudden weakness on one side can be a stroke. Call even if it is easing.",
        ("nhs-stroke-fast",),
    ),
    RedFlag(
        "breathing_now",
        "Choking that does not clear, or real difficulty breathing right now",
        EMERGENCY,
        "Not getting enough air needs help at once.",
        ("nhs-when-999",),
    ),
    RedFlag(
        "chest_pain",
        "Sudden chest pain that feels tight or heavy, spreads to an arm, your neck, jaw or "
        "back, or comes with breathlessness, sweating or feeling sick",
        EMERGENCY,
        "Chest pain like this can be a heart attack, which needs treatment in hospital at once.",
        ("hse-chest-pain", "nhs-when-999"),
    ),
    RedFlag(
        "weakness",
        "Weakness that is new, lasting or getting worse: tripping, dropping things, a clumsy "
        "hand, trouble lifting your arm or holding your head up",
        SOON,
        "A real loss of strength is what a doctor checks by examining you. Feeling tired, "
        "heavy or weak without losing strength is common with harmless twitching.",
        ("nice-ng127", "filippakis-2018"),
    ),
    RedFlag(
        "wasting",
        "A muscle visibly getting thinner over weeks, plain to see without looking for it",
        SOON,
        "Doctors look for wasting together with weakness; a muscle that only twitches is a "
        "different thing.",
        ("nice-ng127",),
    ),
    RedFlag(
        "speech",
        "Speech that has slowly become slurred or harder to get out over weeks",
        SOON,
        "A gradual change in speech is worth an examination. A sudden change is an emergency "
        "(see above).",
        ("ninds-als",),
    ),
    RedFlag(
        "swallowing_breathing",
        "Food or drink really sticking or making you choke, again and again, or "
        "breathlessness that has built up over weeks",
        SOON,
        "A doctor can check how you swallow and breathe. A lump-in-the-throat feeling while "
        "food and drink go down normally is not this sign.",
        ("ninds-als",),
    ),
    RedFlag(
        "two_weeks",
        "The same twitch going on for more than 2 weeks",
        ROUTINE,
        "The NHS suggests seeing a doctor about a twitch that lasts more than 2 weeks. Harmless "
        "twitching often lasts months, so this is a check-up, not a warning.",
        ("nhs-twitches", "mattiuzzi-2024"),
    ),
    RedFlag(
        "several_places",
        "Twitches in more than one part of the body",
        ROUTINE,
        "The NHS suggests seeing a doctor about this too. One examination covers it; a twitch "
        "moving to a new place does not need a new check.",
        ("nhs-twitches",),
    ),
    RedFlag(
        "stiffness",
        "The twitching area feels stiff or weak",
        ROUTINE,
        "The NHS lists this among the reasons to see a doctor. If you are really losing "
        "strength, see the sign above about weakness.",
        ("nhs-twitches",),
    ),
    RedFlag(
        "numbness",
        "Numbness that stays in one area",
        ROUTINE,
        "Numbness and tingling are common with harmless twitching; numbness that stays in one "
        "place is still worth mentioning.",
        ("filippakis-2018",),
    ),
    RedFlag(
        "medicine",
        "A medicine might be causing it",
        ROUTINE,
        "Ask the prescriber; do not stop a medicine on your own.",
        ("nhs-twitches", "nimh-2016"),
    ),
)

RED_FLAGS_BY_KEY = {flag.key: flag for flag in RED_FLAGS}


@dataclass(frozen=True)
class TierGroup:
    tier: str
    heading: str
    advice: str
    flags: tuple[RedFlag, ...]
    reason: str = ""


def grouped(flags: Iterable[RedFlag], care: Care) -> list[TierGroup]:
    """The flags by tier, most urgent first, each tier worded for the person's country.
    Tiers with none of the flags are left out."""
    chosen = {flag.key for flag in flags}
    groups = []
    for tier in TIERS:
        members = tuple(f for f in RED_FLAGS if f.urgency == tier.key and f.key in chosen)
        if members:
            heading, advice = tier.words(care)
            groups.append(TierGroup(tier.key, heading, advice, members, tier.reason))
    return groups


def most_urgent(keys: Iterable[str]) -> str | None:
    """The most urgent tier among these flag keys (unknown keys ignored), or None."""
    tiers = {RED_FLAGS_BY_KEY[key].urgency for key in keys if key in RED_FLAGS_BY_KEY}
    return next((tier.key for tier in TIERS if tier.key in tiers), None)


DOCTOR_INTRO = (
    Para(
        "Twitches are common and very rarely a sign of anything serious. What doctors look "
        "for is not the twitching itself but a real loss of strength or a muscle wasting "
        "away. Cramps, tingling and a tired or heavy feeling are common with harmless "
        "twitching and are not warning signs on their own.",
        ("nhs-twitches", "filippakis-2018"),
    ),
    Para(
        "NICE, which writes guidance for doctors in England, advises them not to routinely "
        "refer people with twitching to a specialist unless it comes with muscle wasting and "
        "weakness, or with stiffness.",
        ("nice-ng127",),
    ),
    Para(
        "The NHS suggests an ordinary GP appointment if a twitch lasts more than 2 weeks, is "
        "in more than one place, the area feels weak or stiff, or you think a medicine may be "
        "causing it. Once a doctor has examined you, follow the plan you agreed rather than "
        "checking your muscles yourself, and go back sooner only if something new appears.",
        ("nhs-twitches",),
    ),
    Para(
        "In a study that followed 121 people with harmless twitching for between 2 and 32 "
        "years, none went on to develop motor neurone disease.",
        ("blexrud-1993",),
    ),
)
