"""The shape every questionnaire is written in. Pure data: no Django.

Each instrument module fills these in once; the scoring function, the forms, the command line,
the API and the FHIR export all read from them, so a questionnaire is defined in one place.
Item numbers shown to people start at 1; positions inside the code start at 0.
"""

from dataclasses import dataclass

LOINC = "http://loinc.org"
# Our own code system, for instruments, items and answers that have no LOINC code.
PROJECT_CODES = "https://twitchlog.example/fhir/CodeSystem/assessments"

PHQ_GAD_LICENCE = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
    "with an educational grant from Pfizer Inc. No permission required to reproduce, "
    "translate, display or distribute."
)

NOT_VALIDATED = "not a validated test — our own checklist to follow your change over time"
# The short form shown beside the checklist's score wherever it appears.
NOT_VALIDATED_SHORT = "not a validated test"


@dataclass(frozen=True)
class Code:
    system: str
    code: str


def loinc(code: str) -> Code:
    return Code(LOINC, code)


def ours(code: str) -> Code:
    return Code(PROJECT_CODES, code)


@dataclass(frozen=True)
class Option:
    value: int
    label: str
    code: Code


@dataclass(frozen=True)
class Item:
    key: str  # unique across all instruments ("gad7-1"): shared items keep their key
    text: str
    code: Code
    reverse: bool = False  # scored as (highest option - answer)
    # When set, the item may be left out with this label; it then scores 0.
    skip_label: str = ""


@dataclass(frozen=True)
class Band:
    low: int
    high: int
    label: str
    meaning: str  # what the band means, in plain words


@dataclass(frozen=True)
class Screen:
    """A total at or above ``at_least`` is a positive screen."""

    at_least: int
    accuracy: str  # how well the cut-off works, in plain words


@dataclass(frozen=True)
class Subscale:
    key: str
    label: str
    items: tuple[int, ...]  # positions in the instrument's item list
    code: Code
    screen: Screen | None = None


@dataclass(frozen=True)
class FollowUp:
    """An unscored question asked after the items."""

    text: str
    options: tuple[Option, ...]
    code: Code


@dataclass(frozen=True)
class Instrument:
    slug: str
    name: str
    title: str
    checks: str  # what it looks at, in a few plain words
    about: str  # one or two sentences for the list of tests
    stem: str
    recall: str
    items: tuple[Item, ...]
    options: tuple[Option, ...]
    bands: tuple[Band, ...]
    code: Code
    total_code: Code
    source: str
    licence: str
    validated: bool = True
    bands_note: str = ""  # said wherever the bands are shown
    screen: Screen | None = None
    subscales: tuple[Subscale, ...] = ()
    safety_item: int | None = None  # position of an item whose answer above 0 raises an alert
    follow_up: FollowUp | None = None
    next_if_positive: str = ""  # slug of the fuller instrument to offer after a positive screen

    @property
    def validation_note(self) -> str:
        """What pages say next to a questionnaire that has not been validated."""
        return "" if self.validated else NOT_VALIDATED

    @property
    def validation_tag(self) -> str:
        """The few words said beside this questionnaire's score in lists and reports."""
        return "" if self.validated else NOT_VALIDATED_SHORT

    @property
    def lowest_option(self) -> int:
        return min(option.value for option in self.options)

    @property
    def highest_option(self) -> int:
        return max(option.value for option in self.options)

    @property
    def min_score(self) -> int:
        # Every instrument's options start at 0, so a reversed or skipped item also bottoms out
        # at 0.
        return self.lowest_option * len(self.items)

    @property
    def max_score(self) -> int:
        return self.highest_option * len(self.items)

    @property
    def minutes(self) -> int:
        """A rough time to answer: about ten seconds a question, at least a minute."""
        return max(1, round(len(self.items) * 10 / 60))

    @property
    def reverse_items(self) -> tuple[int, ...]:
        return tuple(i for i, item in enumerate(self.items) if item.reverse)

    def band_for(self, total: int) -> Band:
        for band in self.bands:
            if band.low <= total <= band.high:
                return band
        raise ValueError(f"{self.name}: no band covers {total}")

    def band_named(self, label: str) -> Band | None:
        return next((band for band in self.bands if band.label == label), None)
