"""Where to get help, by country: the emergency number, what a family doctor is called, and
the urgent-advice line where there is one. Pure data and functions: no Django.

The country is the two-letter code on a person's profile. People type "UK" as often as the
ISO code "GB", so both mean the United Kingdom. A country not listed here gets a default that
names the numbers that work in most places, rather than one guessed number.
"""

from dataclasses import dataclass

# ISO 3166 codes people commonly type that are not the official ones.
_ALIASES = {"UK": "GB", "EL": "GR"}

# Countries whose single emergency number is 112 (the European Union, the rest of the EEA and
# Switzerland, and India, which moved to 112 in 2019).
_ONE_ONE_TWO = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "LI",
        "NO",
        "CH",
        "IN",
    ]
)
_EMERGENCY = {
    "GB": "999",
    "IE": "112",
    "US": "911",
    "CA": "911",
    "MX": "911",
    "AU": "000",
    "NZ": "111",
    "HK": "999",
    "JP": "119",
    "SG": "995",
}
_EMERGENCY_NOTES = {
    "GB": "112 works too.",
    "IE": "999 works too.",
}
DEFAULT_EMERGENCY = "112"
DEFAULT_EMERGENCY_NOTE = (
    "We do not know your country, so this is the number that works across Europe and from "
    "many mobile phones. In the US and Canada call 911, in the UK 999, in Australia 000. "
    "With an account, add your country on your profile to see the right number here."
)
# Where the family doctor is called a GP.
_GP_COUNTRIES = frozenset({"GB", "IE", "AU", "NZ"})
# Only the UK has NHS 111, and not all of it.
_URGENT_ADVICE = {
    "GB": (
        "If you cannot get a GP appointment in the next few days, call NHS 111 (England and "
        "Wales; in Scotland NHS 24 answers on 111). NHS 111 does not cover Northern Ireland: "
        "there, ask your GP practice or its out-of-hours service."
    ),
}
DEFAULT_URGENT_ADVICE = (
    "If you cannot get an appointment in the next few days, an urgent care or walk-in clinic "
    "can examine you."
)


@dataclass(frozen=True)
class Care:
    """Where a person in one country turns for help."""

    country: str  # the normalised two-letter code, or "" when unknown
    emergency: str  # the number to call, e.g. "999"
    emergency_note: str  # a short note beside the number, may be empty
    doctor: str  # "GP" or "doctor", used as "your GP" / "your doctor"
    urgent_advice: str  # where to go when the doctor cannot see you soon


def normalise_country(code: str) -> str:
    """The ISO two-letter code for what a person typed: "uk" -> "GB", " de " -> "DE"."""
    code = (code or "").strip().upper()
    return _ALIASES.get(code, code)


def emergency_number(country: str) -> str:
    code = normalise_country(country)
    if code in _EMERGENCY:
        return _EMERGENCY[code]
    return "112" if code in _ONE_ONE_TWO else DEFAULT_EMERGENCY


def care_for(country: str) -> Care:
    code = normalise_country(country)
    known = code in _EMERGENCY or code in _ONE_ONE_TWO
    return Care(
        country=code,
        emergency=emergency_number(code),
        emergency_note=_EMERGENCY_NOTES.get(code, "") if known else DEFAULT_EMERGENCY_NOTE,
        doctor="GP" if code in _GP_COUNTRIES else "doctor",
        urgent_advice=_URGENT_ADVICE.get(code, DEFAULT_URGENT_ADVICE),
    )
