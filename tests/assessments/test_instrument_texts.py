"""Questionnaire wording is copied word for word, and codes are the published ones.

The literal texts below were copied from INSTRUMENTS.md. The first tests hold the instrument
data to them; the last checks the copies against the reference text kept in this repository
(reference/INSTRUMENTS.md, the sections of the project's INSTRUMENTS.md the instruments copy),
so neither side can drift unnoticed.
"""

import re
from pathlib import Path

import pytest

from twitchlog.assessments.instruments import INSTRUMENTS
from twitchlog.assessments.instruments.base import LOINC, NOT_VALIDATED, PHQ_GAD_LICENCE

INSTRUMENTS_MD = Path(__file__).parent / "reference" / "INSTRUMENTS.md"

STEMS = {
    "gad7": "Over the last 2 weeks, how often have you been bothered by the following problems?",
    "phq9": (
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    ),
    "phq15": (
        "During the past 4 weeks, how much have you been bothered by any of the following problems?"
    ),
    "pss10": "In the last month, how often have you ...",
}

ITEMS = {
    "gad7": [
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid, as if something awful might happen",
    ],
    "phq9": [
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your "
        "family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ],
    "phq15": [
        "Stomach pain",
        "Back pain",
        "Pain in your arms, legs, or joints (knees, hips, etc.)",
        "Menstrual cramps or other problems with your periods",
        "Headaches",
        "Chest pain",
        "Dizziness",
        "Fainting spells",
        "Feeling your heart pound or race",
        "Shortness of breath",
        "Pain or problems during sexual intercourse",
        "Constipation, loose bowels, or diarrhea",
        "Nausea, gas, or indigestion",
        "Feeling tired or having low energy",
        "Trouble sleeping",
    ],
    "pss10": [
        "been upset because of something that happened unexpectedly?",
        "felt that you were unable to control the important things in your life?",
        'felt nervous and "stressed"?',
        "felt confident about your ability to handle your personal problems?",
        "felt that things were going your way?",
        "found that you could not cope with all the things that you had to do?",
        "been able to control irritations in your life?",
        "felt that you were on top of things?",
        "been angered because of things that were outside of your control?",
        "felt difficulties were piling up so high that you could not overcome them?",
    ],
}

OPTIONS = {
    "gad7": [
        ("Not at all", 0),
        ("Several days", 1),
        ("More than half the days", 2),
        ("Nearly every day", 3),
    ],
    "phq15": [("Not bothered at all", 0), ("Bothered a little", 1), ("Bothered a lot", 2)],
    "pss10": [
        ("Never", 0),
        ("Almost never", 1),
        ("Sometimes", 2),
        ("Fairly often", 3),
        ("Very often", 4),
    ],
}

DIFFICULTY = (
    "If you checked off any problems, how difficult have these problems made it for you to do "
    "your work, take care of things at home, or get along with other people?"
)
DIFFICULTY_OPTIONS = [
    "Not difficult at all",
    "Somewhat difficult",
    "Very difficult",
    "Extremely difficult",
]

LICENCE = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
    "with an educational grant from Pfizer Inc. No permission required to reproduce, "
    "translate, display or distribute."
)

# LOINC codes as INSTRUMENTS.md gives them: (panel, items, total, answers 0..n).
LOINC_CODES = {
    "gad7": (
        "69737-5",
        ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"],
        "70274-6",
        ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"],
    ),
    "phq9": (
        "44249-1",
        [
            "44250-9",
            "44255-8",
            "44259-0",
            "44254-1",
            "44251-7",
            "44258-2",
            "44252-5",
            "44253-3",
            "44260-8",
        ],
        "44261-6",
        ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"],
    ),
}


@pytest.mark.parametrize("slug", sorted(ITEMS))
def test_items_and_stems_are_word_for_word(slug: str) -> None:
    instrument = INSTRUMENTS[slug]
    assert [item.text for item in instrument.items] == ITEMS[slug]
    assert instrument.stem == STEMS[slug]


@pytest.mark.parametrize("slug", ["gad7", "gad2", "phq4", "phq9", "phq15", "pss10"])
def test_options_and_scores_are_word_for_word(slug: str) -> None:
    expected = OPTIONS.get(slug, OPTIONS["gad7"])
    assert [(o.label, o.value) for o in INSTRUMENTS[slug].options] == expected


def test_the_difficulty_follow_up_is_word_for_word_and_unscored() -> None:
    for slug in ("gad7", "phq9"):
        follow_up = INSTRUMENTS[slug].follow_up
        assert follow_up is not None
        assert follow_up.text == DIFFICULTY
        assert [o.label for o in follow_up.options] == DIFFICULTY_OPTIONS
        assert follow_up.code.code == "69722-7"
        # The last two LOINC answer codes are out of order, as LOINC has them.
        assert [o.code.code for o in follow_up.options] == [
            "LA6572-7",
            "LA6573-5",
            "LA6575-0",
            "LA6574-3",
        ]
    assert [s for s, i in INSTRUMENTS.items() if i.follow_up] == ["gad7", "phq9"]


def test_short_forms_share_items_rather_than_restating_them() -> None:
    gad7, phq9 = INSTRUMENTS["gad7"], INSTRUMENTS["phq9"]
    assert INSTRUMENTS["gad2"].items == gad7.items[:2]
    assert all(a is b for a, b in zip(INSTRUMENTS["gad2"].items, gad7.items, strict=False))
    phq4 = INSTRUMENTS["phq4"].items
    assert [i.key for i in phq4] == ["gad7-1", "gad7-2", "phq9-1", "phq9-2"]
    assert phq4[0] is gad7.items[0] and phq4[3] is phq9.items[1]


@pytest.mark.parametrize("slug", sorted(LOINC_CODES))
def test_loinc_codes_are_the_published_ones(slug: str) -> None:
    panel, items, total, answers = LOINC_CODES[slug]
    instrument = INSTRUMENTS[slug]
    assert instrument.code.system == LOINC and instrument.code.code == panel
    assert [i.code.code for i in instrument.items] == items
    assert all(i.code.system == LOINC for i in instrument.items)
    assert instrument.total_code.code == total
    assert [o.code.code for o in instrument.options] == answers


def test_phq15_has_its_loinc_panel_and_answers() -> None:
    phq15 = INSTRUMENTS["phq15"]
    assert (phq15.code.system, phq15.code.code) == (LOINC, "69728-4")
    assert [o.code.code for o in phq15.options] == ["LA18334-5", "LA18335-2", "LA18336-0"]


def test_instruments_without_loinc_codes_use_our_own_code_system() -> None:
    for slug in ("pss10", "hyperstim"):
        instrument = INSTRUMENTS[slug]
        codes = [instrument.code, instrument.total_code]
        codes += [i.code for i in instrument.items] + [o.code for o in instrument.options]
        assert all(c.system.startswith("https://twitchlog.example/fhir/") for c in codes)


def test_licence_lines() -> None:
    assert PHQ_GAD_LICENCE == LICENCE
    for slug in ("gad7", "gad2", "phq4", "phq9", "phq15"):
        assert INSTRUMENTS[slug].licence == LICENCE
    assert INSTRUMENTS["pss10"].licence == "Free for non-commercial use."


def test_the_bands_match_the_published_ones() -> None:
    def bands(slug: str) -> list[tuple[int, int, str]]:
        return [(b.low, b.high, b.label) for b in INSTRUMENTS[slug].bands]

    assert bands("gad7") == [
        (0, 4, "minimal"),
        (5, 9, "mild"),
        (10, 14, "moderate"),
        (15, 21, "severe"),
    ]
    assert bands("phq9") == [
        (0, 4, "minimal"),
        (5, 9, "mild"),
        (10, 14, "moderate"),
        (15, 19, "moderately severe"),
        (20, 27, "severe"),
    ]
    assert bands("phq4") == [
        (0, 2, "normal"),
        (3, 5, "mild"),
        (6, 8, "moderate"),
        (9, 12, "severe"),
    ]
    assert bands("phq15") == [
        (0, 4, "minimal"),
        (5, 9, "low"),
        (10, 14, "medium"),
        (15, 30, "high"),
    ]
    assert bands("pss10") == [(0, 13, "low"), (14, 26, "moderate"), (27, 40, "high")]
    assert "convention" in INSTRUMENTS["pss10"].bands_note


def test_our_checklist_says_it_is_not_validated() -> None:
    hyperstim = INSTRUMENTS["hyperstim"]
    assert not hyperstim.validated
    assert hyperstim.validation_note == NOT_VALIDATED
    assert (
        NOT_VALIDATED == "not a validated test — our own checklist to follow your change over time"
    )
    assert hyperstim.recall == "the past 2 weeks"
    assert [o.value for o in hyperstim.options] == [0, 1, 2, 3]
    assert all(i.validated for s, i in INSTRUMENTS.items() if s != "hyperstim")


# --- Against the source file -----------------------------------------------------------------


def _sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    return {part.split("\n", 1)[0].split(" ")[0]: part.split("\n", 1)[1] for part in parts}


def _numbered(body: str) -> list[str]:
    items: list[str] = []
    for line in body.splitlines():
        if match := re.match(r"^\d+\. (.*)", line):
            items.append(match.group(1).strip())
        elif line.startswith("   ") and items:
            items[-1] += " " + line.strip()
    return items


def _stem(body: str) -> str:
    match = re.search(r'^Stem: "(.*)"$', body, flags=re.MULTILINE)
    assert match
    return match.group(1)


def _options(body: str) -> list[tuple[str, int]]:
    line = next(line for line in body.splitlines() if line.startswith("Options:"))
    return [(label.strip(), int(v)) for label, v in re.findall(r"([^:=·]+?) = (\d+)", line)]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_copies_above_match_instruments_md() -> None:
    sections = _sections(INSTRUMENTS_MD.read_text())
    gad7, phq9, phq15, pss10 = (sections[k] for k in ("GAD-7", "PHQ-9", "PHQ-15", "PSS-10"))

    assert _numbered(gad7) == ITEMS["gad7"]
    assert _numbered(phq9) == ITEMS["phq9"]
    assert _numbered(pss10) == ITEMS["pss10"]
    listed = _squash(phq15.split("\n", 1)[1].split("Options:")[0])
    assert listed.removesuffix(".").split(" · ") == ITEMS["phq15"]

    for slug, body in (("gad7", gad7), ("phq9", phq9), ("phq15", phq15), ("pss10", pss10)):
        assert _stem(body) == STEMS[slug]
    for slug, body in (("gad7", gad7), ("phq15", phq15), ("pss10", pss10)):
        assert _options(body) == OPTIONS[slug]

    follow_up = re.search(r'Unscored follow-up: "(.*?)"\n\((.*?)\)', gad7, flags=re.DOTALL)
    assert follow_up
    assert _squash(follow_up.group(1)) == DIFFICULTY
    assert _squash(follow_up.group(2)).split(" · ") == DIFFICULTY_OPTIONS

    licence = re.search(r'"(.*)"', sections["Licence"], flags=re.DOTALL)
    assert licence and _squash(licence.group(1)) == LICENCE

    for slug, (panel, items, total, answers) in LOINC_CODES.items():
        body = gad7 if slug == "gad7" else phq9
        codes = re.findall(r"\b(?:LA)?\d+-\d\b", body.split("LOINC:")[1])
        assert codes[: 1 + len(items) + 1] == [panel, *items, total]
        if slug == "gad7":
            assert codes[-4:] == answers
    assert "69728-4" in phq15 and all(c in phq15 for c in ("LA18334-5", "LA18335-2", "LA18336-0"))
