"""Words people use for anxiety twitching, as data the diary and the pages share.

Pure data: no Django. Slugs are stable identifiers used in the database, the CSV, the API and
the command line; labels are what a person reads.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    slug: str
    label: str
    hint: str = ""


@dataclass(frozen=True)
class Region:
    slug: str
    label: str
    sided: bool  # True where left and right make sense
    views: tuple[str, ...]  # which body-map views ("front", "back") show it
    group: str


SENSATIONS = (
    Term("twitch", "Twitch", "a small flicker or jump under the skin"),
    Term("spasm", "Spasm", "a muscle tightening on its own and holding"),
    Term("cramp", "Cramp", "a painful, hard tightening"),
    Term("pulsing", "Pulsing", "a beat-like pulse, as if a heartbeat were in the muscle"),
    Term("throbbing", "Throbbing", "a deeper, heavier pulsing"),
    Term("tremor", "Tremor", "shaking or trembling"),
    Term("vibration", "Vibration", "a buzzing or humming feeling"),
)

SIDES = (
    Term("left", "Left"),
    Term("right", "Right"),
    Term("both", "Both sides"),
    Term("middle", "Middle"),
)

RHYTHMS = (
    Term("single", "Once", "one twitch or a short burst"),
    Term("on_off", "On and off", "comes and goes"),
    Term("waves", "In waves", "swells and eases"),
    Term("constant", "Constant", "steady, tremor-like"),
)

CONTEXTS = (
    Term("resting", "Resting"),
    Term("falling_asleep", "Falling asleep"),
    Term("waking", "Waking up"),
    Term("relaxing", "Relaxing"),
    Term("active", "Busy or active"),
    Term("stressed", "Stressed or anxious"),
)

TIMINGS = (
    Term("before", "Before an anxious moment"),
    Term("during", "During an anxious moment"),
    Term("after", "After an anxious moment"),
    Term("out_of_blue", "Out of the blue"),
)

# How long one episode lasted, in seconds: the upper edge of each choice. A person picks a
# rough length; nobody times a twitch with a stopwatch.
DURATIONS = (
    (Term("moments", "A few moments"), 10),
    (Term("minute", "Up to a minute"), 60),
    (Term("minutes", "Several minutes"), 15 * 60),
    (Term("hour", "About an hour"), 60 * 60),
    (Term("hours", "Several hours"), 6 * 60 * 60),
    (Term("all_day", "Most of the day"), 16 * 60 * 60),
)

SPREAD = (
    Term("one_muscle", "One muscle"),
    Term("one_group", "A group of muscles"),
    Term("several_groups", "Several groups"),
    Term("moving", "Moving from place to place"),
    Term("everywhere", "All over the body"),
)

FREQUENCIES = (
    Term("rarely", "Rarely"),
    Term("now_and_then", "Now and then"),
    Term("often", "Often"),
    Term("all_the_time", "All the time"),
)

REGIONS = (
    Region("head", "Head or scalp", False, ("front", "back"), "Head and face"),
    Region("face", "Face or cheek", True, ("front",), "Head and face"),
    Region("eyelid", "Eyelid or around the eye", True, ("front",), "Head and face"),
    Region("mouth", "Mouth or lips", False, ("front",), "Head and face"),
    Region("jaw", "Jaw", True, ("front",), "Head and face"),
    Region("neck", "Neck", True, ("front", "back"), "Neck and throat"),
    Region("throat", "Throat or esophagus", False, ("front",), "Neck and throat"),
    Region("shoulder", "Shoulder", True, ("front", "back"), "Trunk"),
    Region("upper_back", "Upper back", True, ("back",), "Trunk"),
    Region("lower_back", "Lower back", True, ("back",), "Trunk"),
    Region("chest", "Chest", True, ("front",), "Trunk"),
    Region("abdomen", "Abdomen (belly wall)", True, ("front",), "Trunk"),
    Region("stomach", "Stomach (inside)", False, ("front",), "Trunk"),
    Region("groin", "Groin", True, ("front",), "Trunk"),
    Region("genitals", "Genitals", False, ("front",), "Trunk"),
    Region("buttock", "Buttock", True, ("back",), "Trunk"),
    Region("upper_arm", "Upper arm", True, ("front", "back"), "Arms and hands"),
    Region("forearm", "Forearm", True, ("front", "back"), "Arms and hands"),
    Region("hand", "Hand", True, ("front", "back"), "Arms and hands"),
    Region("finger", "Finger or thumb", True, ("front", "back"), "Arms and hands"),
    Region("thigh", "Thigh", True, ("front", "back"), "Legs and feet"),
    Region("knee", "Knee", True, ("front",), "Legs and feet"),
    Region("calf", "Calf", True, ("back",), "Legs and feet"),
    Region("shin", "Shin", True, ("front",), "Legs and feet"),
    Region("foot", "Foot", True, ("front", "back"), "Legs and feet"),
    Region("toe", "Toe", True, ("front",), "Legs and feet"),
)

REGIONS_BY_SLUG = {region.slug: region for region in REGIONS}


def choices(terms: tuple[Term, ...]) -> list[tuple[str, str]]:
    """(slug, label) pairs for forms and model fields."""
    return [(term.slug, term.label) for term in terms]


def label(terms: tuple[Term, ...], slug: str) -> str:
    return next((term.label for term in terms if term.slug == slug), slug)
