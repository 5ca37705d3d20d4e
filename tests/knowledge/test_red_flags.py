"""Every warning sign routes to the right level of care, worded for the person's country."""

import pytest

from twitchlog.knowledge.care import care_for, normalise_country
from twitchlog.knowledge.red_flags import (
    EMERGENCY,
    RED_FLAGS,
    RED_FLAGS_BY_KEY,
    ROUTINE,
    SOON,
    grouped,
    most_urgent,
)

# The signs issue 9 names as emergencies, by key, with the sign in words.
EMERGENCY_SIGNS = {
    "face_droop": "face suddenly drooping",
    "sudden_speech": "Suddenly slurred speech",
    "one_side": "weakness or numbness on one side",
    "breathing_now": "real difficulty breathing",
    "chest_pain": "chest pain",
}
COUNTRIES = {
    "GB": "999",
    "UK": "999",
    "uk": "999",
    "US": "911",
    "CA": "911",
    "AU": "000",
    "NZ": "111",
    "IE": "112",
    "DE": "112",
    "FR": "112",
    "ES": "112",
    "IN": "112",
    "": "112",
    "ZZ": "112",
}


@pytest.mark.parametrize("key", sorted(EMERGENCY_SIGNS))
@pytest.mark.parametrize("country", sorted(COUNTRIES))
def test_each_emergency_sign_says_call_the_countrys_number_now(key: str, country: str) -> None:
    flag = RED_FLAGS_BY_KEY[key]
    assert EMERGENCY_SIGNS[key].lower() in flag.label.lower()
    [group] = grouped([flag], care_for(country))
    assert group.tier == EMERGENCY
    assert group.heading == f"Call {COUNTRIES[country]} now"
    assert f"call {COUNTRIES[country]}" in group.advice
    assert "next few days" not in group.advice + flag.why


def test_an_unknown_country_names_the_numbers_that_work_in_most_places() -> None:
    care = care_for("")
    assert care.emergency == "112"
    assert "911" in care.emergency_note and "999" in care.emergency_note
    assert care_for("US").emergency_note == ""


@pytest.mark.parametrize(
    ("typed", "code"), [("UK", "GB"), (" gb ", "GB"), ("uk", "GB"), ("us", "US"), ("", "")]
)
def test_uk_is_read_as_gb(typed: str, code: str) -> None:
    assert normalise_country(typed) == code


def test_the_doctor_is_a_gp_where_people_say_gp() -> None:
    assert care_for("UK").doctor == "GP"
    assert care_for("AU").doctor == "GP"
    assert care_for("US").doctor == "doctor"
    [soon] = grouped([RED_FLAGS_BY_KEY["weakness"]], care_for("US"))
    assert soon.heading == "See your doctor in the next few days"
    assert "NHS" not in soon.advice


def test_nhs_111_is_offered_only_in_the_uk_and_says_where_it_does_not_apply() -> None:
    [gb] = grouped([RED_FLAGS_BY_KEY["weakness"]], care_for("GB"))
    assert "NHS 111" in gb.advice and "Northern Ireland" in gb.advice
    for country in ("US", "DE", "AU", ""):
        [other] = grouped([RED_FLAGS_BY_KEY["weakness"]], care_for(country))
        assert "111" not in other.advice


def test_the_tiers_follow_clinical_guidance() -> None:
    tiers = {flag.key: flag.urgency for flag in RED_FLAGS}
    assert {k for k, t in tiers.items() if t == EMERGENCY} == set(EMERGENCY_SIGNS)
    assert {k for k, t in tiers.items() if t == SOON} == {
        "weakness",
        "wasting",
        "speech",
        "swallowing_breathing",
    }
    # The reasons the NHS gives for an ordinary GP visit are routine, not urgent.
    for key in ("two_weeks", "several_places", "stiffness", "medicine"):
        assert tiers[key] == ROUTINE


def test_the_qualifiers_match_the_guidance() -> None:
    assert "new, lasting or getting worse" in RED_FLAGS_BY_KEY["weakness"].label
    assert "visibly" in RED_FLAGS_BY_KEY["wasting"].label
    # Plain to see, not found by comparing one side with the other: no sign asks for checking.
    for flag in RED_FLAGS:
        assert "compar" not in flag.label and "check" not in flag.label.lower()
    swallowing = RED_FLAGS_BY_KEY["swallowing_breathing"]
    assert "really sticking" in swallowing.label and "lump-in-the-throat" in swallowing.why


def test_no_sign_says_it_is_not_part_of_anxiety_twitching() -> None:
    for flag in RED_FLAGS:
        text = f"{flag.label} {flag.why}".lower()
        assert "not part of anxiety" not in text
        assert "points to something other" not in text


def test_groups_come_most_urgent_first_and_skip_empty_tiers() -> None:
    flags = [RED_FLAGS_BY_KEY[k] for k in ("two_weeks", "chest_pain")]
    assert [g.tier for g in grouped(flags, care_for("GB"))] == [EMERGENCY, ROUTINE]
    assert most_urgent(["two_weeks", "weakness"]) == SOON
    assert most_urgent(["nonsense"]) is None
