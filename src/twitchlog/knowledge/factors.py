"""The standard diary factors: their CSV names, how to read them, and which cause they belong to.

Pure data, and the one source for every place a standard factor appears: the check-in model's
columns (checked against this list at start-up, ``diary/checks.py``), the API's check-in schema
(generated from it), the check-in form's fields, the ``log checkin`` options and the daily CSV's
columns (``diary/columns.py``); ``tests/diary/test_factor_parity.py`` shows they agree. The
insights engine takes units for effects from here and the pages the guidance for a driver.
Names match the daily diary CSV in README.md.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Factor:
    name: str  # CSV column name
    label: str
    kind: str  # "numeric" or "binary"
    unit: str  # unit of one logged value ("" for yes/no)
    per: float  # effects are reported per this many units (per 100 mg of caffeine, ...)
    per_label: str  # how to say "per" in words
    cause: str  # slug of the cause in causes.py ("" when it belongs to none)
    question: str  # how the evening check-in asks for it
    integer: bool = False  # whole numbers only (stored as a small integer)
    high: float | None = None  # the highest value that is not a typing slip; every value >= 0


# Every number has a ceiling (``high``): a value above it is a slip of the finger ("75" litres
# for "7,5", a row of nines), and it would skew the analysis and spill out of the pages. Each
# is set well above what a real day holds, so nothing true is refused:
# - sleep 24 hours and exercise 1440 minutes: the length of a day;
# - caffeine 3000 mg: the heaviest daily intakes in surveys are around 1500 mg, and 30 mugs of
#   coffee (the most the check-in counts of a drink) come to 3600 mg, so the check-in says
#   when its drinks add up to more;
# - alcohol 50 UK units (400 g of pure alcohol), beyond which a day's drinking is poisonous;
# - water 10 litres of fluid: more in a day risks water poisoning;
# - supplements: magnesium 3000 mg and calcium 5000 mg, several times the largest doses sold;
#   vitamin D 300000 IU, the largest single dose doctors prescribe;
# - counts: 20 missed meals, 100 anxiety or over-breathing episodes; resting heart rate 250.


FACTORS = (
    Factor(
        "sleep_hours",
        "Sleep",
        "numeric",
        "hours",
        1,
        "per extra hour of sleep",
        "sleep",
        "How many hours did you sleep last night?",
        high=24,
    ),
    Factor(
        "sleep_quality",
        "Sleep quality",
        "numeric",
        "0–10",
        1,
        "per point of sleep quality",
        "sleep",
        "How well did you sleep (0 = very badly, 10 = very well)?",
        integer=True,
        high=10,
    ),
    Factor(
        "caffeine_mg",
        "Caffeine",
        "numeric",
        "mg",
        100,
        "per 100 mg of caffeine",
        "stimulants",
        "How much caffeine did you have today?",
        high=3000,
    ),
    Factor(
        "alcohol_units",
        "Alcohol",
        "numeric",
        # UK units of 8 g of pure alcohol, whatever the person's country: the check-in asks in
        # their own measure and converts (knowledge/alcohol.py).
        "units",
        1,
        "per unit of alcohol",
        "recreational-drugs",
        "How many units of alcohol did you drink?",
        high=50,
    ),
    Factor(
        "nicotine",
        "Nicotine",
        "binary",
        "",
        1,
        "on days with nicotine",
        "stimulants",
        "Did you smoke, vape or use nicotine?",
    ),
    Factor(
        "recreational_drugs",
        "Recreational drugs",
        "binary",
        "",
        1,
        "on days with recreational drugs",
        "recreational-drugs",
        "Did you take any recreational drug (or were you coming down from one)?",
    ),
    Factor(
        "water_l",
        "Water",
        "numeric",
        "litres",
        1,
        "per extra litre of fluid",
        "dehydration",
        "Roughly how much did you drink (water and other drinks)?",
        high=10,
    ),
    Factor(
        "missed_meals",
        "Missed or late meals",
        "numeric",
        "meals",
        1,
        "per missed or late meal",
        "low-blood-sugar",
        "How many meals did you skip or eat late?",
        integer=True,
        high=20,
    ),
    Factor(
        "exercise_min",
        "Exercise",
        "numeric",
        "minutes",
        30,
        "per 30 minutes of exercise",
        "hyperstimulation",
        "How many minutes of exercise did you do?",
        high=1440,
    ),
    Factor(
        "stress_level",
        "Stress",
        "numeric",
        "0–10",
        1,
        "per point of stress",
        "acute-stress-response",
        "How stressed did you feel today (0 = calm, 10 = extremely)?",
        integer=True,
        high=10,
    ),
    Factor(
        "anxiety_episodes",
        "Anxiety or panic episodes",
        "numeric",
        "episodes",
        1,
        "per anxiety episode",
        "acute-stress-response",
        "How many times did anxiety or panic spike today?",
        integer=True,
        high=100,
    ),
    Factor(
        "overbreathing",
        "Over-breathing",
        "numeric",
        "episodes",
        1,
        "per episode of over-breathing",
        "breathing",
        "How many times did you notice fast or heavy breathing you could not settle?",
        integer=True,
        high=100,
    ),
    Factor(
        "magnesium_mg",
        "Magnesium supplement",
        "numeric",
        "mg",
        100,
        "per 100 mg of magnesium",
        "nutrition",
        "Magnesium taken as a supplement today",
        high=3000,
    ),
    Factor(
        "calcium_mg",
        "Calcium supplement",
        "numeric",
        "mg",
        500,
        "per 500 mg of calcium",
        "nutrition",
        "Calcium taken as a supplement today",
        high=5000,
    ),
    Factor(
        "vitamin_d_iu",
        "Vitamin D supplement",
        "numeric",
        "IU",
        1000,
        "per 1,000 IU of vitamin D",
        "nutrition",
        "Vitamin D taken as a supplement today",
        high=300_000,
    ),
    Factor(
        "medication_change",
        "Medication change",
        "binary",
        "",
        1,
        "on days with a medication change",
        "medication",
        "Did you start, stop, change or miss a dose of a medicine?",
    ),
    Factor(
        "menstruating",
        "Period or hormonal change",
        "binary",
        "",
        1,
        "on days with a period or hormonal change",
        "hormones",
        "Are you on your period, or noticing another hormonal change?",
    ),
    # A measurement rather than a cause: the watch's estimate of the heart's rate at rest,
    # usually imported. It sits with hyperstimulation, the cause whose page describes a body
    # that stays semi-activated, so the diary can show whether twitching moves with it.
    Factor(
        "resting_hr",
        "Resting heart rate",
        "numeric",
        "beats a minute",
        5,
        "per 5 beats a minute of resting heart rate",
        "hyperstimulation",
        "Resting heart rate, if your watch shows one (beats a minute)",
        high=250,
    ),
)

FACTORS_BY_NAME = {factor.name: factor for factor in FACTORS}

# The diary's outcome columns: what the analysis explains, never an explanation itself.
OUTCOMES = {
    "twitch_count": "Twitch episodes logged",
    "twitch_severity": "Overall twitching (0–10)",
}
