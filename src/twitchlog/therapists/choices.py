"""The fixed vocabularies a therapist profile is built from: Django TextChoices, so the model
and its forms share them (data only, but not free of Django)."""

from django.db import models


class Qualification(models.TextChoices):
    BELOW_MASTER = "below_master", "Below master’s level (diploma, bachelor’s)"
    MASTER = "master", "Master’s degree"
    DOCTORATE = "doctorate", "Doctorate (PhD, PsyD, DClinPsy or similar)"


# The directory recommends only therapists with at least a master's-level qualification.
LISTABLE_QUALIFICATIONS = (Qualification.MASTER, Qualification.DOCTORATE)


class SessionFormat(models.TextChoices):
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone call"
    IN_PERSON = "in_person", "In person"


APPROACHES: dict[str, str] = {
    "cbt": "Cognitive behavioural therapy (CBT)",
    "act": "Acceptance and commitment therapy (ACT)",
    "exposure": "Exposure therapy",
    "mindfulness": "Mindfulness-based therapy",
    "compassion": "Compassion-focused therapy",
    "metacognitive": "Metacognitive therapy",
    "interpersonal": "Interpersonal therapy",
    "psychodynamic": "Psychodynamic therapy",
}

LANGUAGES: dict[str, str] = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "pl": "Polish",
    "sv": "Swedish",
    "ar": "Arabic",
    "hi": "Hindi",
    "ta": "Tamil",
    "zh": "Chinese",
    "ja": "Japanese",
}

CURRENCIES: dict[str, str] = {
    "GBP": "£",
    "EUR": "€",
    "USD": "US$",
    "CAD": "CA$",
    "AUD": "A$",
    "NZD": "NZ$",
    "CHF": "CHF ",
    "SEK": "SEK ",
}


def labels(codes: list[str], vocabulary: dict[str, str]) -> list[str]:
    """Readable names for stored codes, in the vocabulary's order; unknown codes are dropped."""
    return [label for code, label in vocabulary.items() if code in codes]
