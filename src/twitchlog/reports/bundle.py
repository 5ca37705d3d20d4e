"""A person's whole record as one FHIR R4B ``Bundle`` of type ``collection``.

What goes in:
- one ``Patient`` with no more identity than the account holds (name to show, email, country);
- every questionnaire result as a ``QuestionnaireResponse`` (built by ``assessments.fhir``);
- one ``Observation`` per twitch episode and per stress moment, with the details as components;
- one ``Observation`` per value of each evening check-in.

Codes: LOINC only where a code means exactly what the diary asks (sleep duration, 93832-4).
Everything else uses our own code system, ``DIARY_CODES``; a person's own factors carry only
their name as text, since no code system can know them. Resource ids and ``fullUrl``s are
derived from the rows they come from, so exporting twice gives the same identifiers and a
receiving system can tell a new entry from one it already has.
"""

import datetime as dt
import uuid
from typing import Any

from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from twitchlog.accounts.models import User
from twitchlog.assessments.fhir import questionnaire_response
from twitchlog.assessments.models import AssessmentResult
from twitchlog.diary.columns import FACTOR_COLUMNS, Column
from twitchlog.diary.models import CheckIn, DeviceValue, Episode, StressEvent
from twitchlog.experiments import export as experiments
from twitchlog.knowledge.factors import FACTORS_BY_NAME
from twitchlog.knowledge.vocabulary import (
    CONTEXTS,
    DURATIONS,
    RHYTHMS,
    SENSATIONS,
    TIMINGS,
    choices,
)

DIARY_CODES = "https://twitchlog.example/fhir/CodeSystem/diary"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
# Standard factors with a LOINC code that means the same thing as the diary's question.
LOINC_CODES = {
    "sleep_hours": ("93832-4", "Sleep duration"),
    "resting_hr": ("40443-4", "Heart rate --resting"),
}
# Values imported from a phone or watch, by diary column: (our code, what it is, UCUM unit).
DEVICE_VALUES = {
    "sleep_hours": ("sleep-hours", "Time asleep", "h"),
    "exercise_min": ("exercise-min", "Exercise", "min"),
    "resting_hr": ("resting-hr", "Resting heart rate", "/min"),
}
# The factors' units (knowledge.factors) in UCUM, where UCUM has them. Alcohol "units" are a
# British measure with no UCUM code, so they keep their name only.
UCUM_UNITS = {"hours": "h", "mg": "mg", "litres": "L", "minutes": "min", "IU": "[iU]"}
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://twitchlog.example/fhir/")


def _full_url(user: User, resource_id: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{user.pk}/{resource_id}')}"


def _diary_code(code: str, display: str) -> dict[str, Any]:
    return {"coding": [{"system": DIARY_CODES, "code": code, "display": display}]}


def _instant(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _fhir_id(text: str) -> str:
    # FHIR ids allow letters, digits, "-" and "."; CSV columns use "_".
    return text.replace("_", "-")


def patient(user: User) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "id": "patient",
        "telecom": [{"system": "email", "value": user.email}],
    }
    if user.display_name:
        resource["name"] = [{"text": user.display_name}]
    if user.country:
        resource["address"] = [{"country": user.country}]
    return resource


def _choice_component(kind: str, kind_label: str, slug: str, label: str) -> dict[str, Any]:
    return {
        "code": _diary_code(kind, kind_label),
        "valueCodeableConcept": _diary_code(f"{kind}-{_fhir_id(slug)}", label),
    }


def _strength_component(value: int) -> dict[str, Any]:
    return {"code": _diary_code("strength", "Strength (0–10)"), "valueInteger": value}


# The episode details that become components, in order: what each is called and its terms.
EPISODE_DETAILS: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("sensation", "What it felt like", dict(choices(SENSATIONS))),
    ("duration", "How long it lasted", {term.slug: term.label for term, _ in DURATIONS}),
    ("rhythm", "Rhythm", dict(choices(RHYTHMS))),
    ("context", "What you were doing", dict(choices(CONTEXTS))),
    ("timing", "Timing against anxiety", dict(choices(TIMINGS))),
)


def episode_observation(episode: Episode, subject: dict[str, str]) -> dict[str, Any]:
    components = []
    for field, name, labels in EPISODE_DETAILS:
        slug = getattr(episode, field)
        if slug:
            components.append(_choice_component(field, name, slug, labels.get(slug, slug)))
        if field == "sensation" and episode.strength is not None:
            components.append(_strength_component(episode.strength))
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": f"episode-{episode.pk}",
        "status": "final",
        "code": _diary_code("twitch-episode", "Twitch episode"),
        "subject": subject,
        "effectiveDateTime": _instant(episode.occurred_at),
        "bodySite": {"text": episode.spot_label},
        "component": components,
    }
    if episode.notes:
        resource["note"] = [{"text": episode.notes}]
    return resource


def stress_observation(event: StressEvent, subject: dict[str, str]) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": f"stress-{event.pk}",
        "status": "final",
        "code": _diary_code("stress-moment", "Moment of acute stress"),
        "subject": subject,
        "effectiveDateTime": _instant(event.occurred_at),
        "component": [
            _choice_component(
                "stress-kind", "Kind of stress", event.kind, event.get_kind_display()
            ),
            _strength_component(event.strength),
        ],
    }
    if event.notes:
        resource["note"] = [{"text": event.notes}]
    return resource


def _standard_value(column: Column, value: Any) -> dict[str, Any]:
    factor = FACTORS_BY_NAME[column.name]
    if column.kind == "binary":
        return {"valueBoolean": bool(value)}
    if column.integer:
        return {"valueInteger": int(value)}
    quantity: dict[str, Any] = {"value": value, "unit": factor.unit}
    if factor.unit in UCUM_UNITS:
        quantity.update(system=UCUM, code=UCUM_UNITS[factor.unit])
    return {"valueQuantity": quantity}


def _standard_code(name: str) -> dict[str, Any]:
    if name in LOINC_CODES:
        code, display = LOINC_CODES[name]
        return {"coding": [{"system": LOINC, "code": code, "display": display}]}
    return _diary_code(_fhir_id(name), FACTORS_BY_NAME[name].label)


# The check-in's own twitching values: (field, our code, what it is).
TWITCH_VALUES = (
    ("twitch_rating", "twitch-severity", "Overall twitching that day (0–10)"),
    ("imported_twitch_count", "twitch-count", "Twitches counted that day (imported)"),
)


def checkin_observations(checkin: CheckIn, subject: dict[str, str]) -> list[dict[str, Any]]:
    """One observation per value the person gave that evening; "not logged" gives none."""
    day = checkin.local_date.isoformat()

    def observation(key: str, code: dict[str, Any], value: dict[str, Any]) -> dict[str, Any]:
        return {
            "resourceType": "Observation",
            "id": f"checkin-{checkin.pk}-{_fhir_id(key)}",
            "status": "final",
            "code": code,
            "subject": subject,
            "effectiveDateTime": day,
            **value,
        }

    found = []
    for field, code, display in TWITCH_VALUES:
        count = getattr(checkin, field)
        if count is not None:
            found.append(observation(code, _diary_code(code, display), {"valueInteger": count}))
    for column in FACTOR_COLUMNS:
        value = getattr(checkin, column.field)
        if value is not None:
            found.append(
                observation(
                    column.name, _standard_code(column.name), _standard_value(column, value)
                )
            )
    for custom in checkin.custom_values.all():
        factor = custom.factor
        if factor.kind == factor.BINARY:
            value = {"valueBoolean": custom.value == 1}
        else:
            quantity: dict[str, Any] = {"value": custom.value}
            if factor.unit:
                quantity["unit"] = factor.unit
            value = {"valueQuantity": quantity}
        found.append(observation(f"custom-{factor.column}", {"text": factor.name}, value))
    return found


def device_observations(user: User, subject: dict[str, str]) -> list[dict[str, Any]]:
    """Every value imported from a phone or watch, marked with where it came from.

    ``meta.source`` names the kind of export and ``device`` the source the file named (the
    watch or app); a typed check-in value for the same day is its own observation above.
    """
    found = []
    for value in DeviceValue.objects.filter(user=user).order_by("local_date", "column"):
        if value.column not in DEVICE_VALUES:
            continue
        code, display, unit = DEVICE_VALUES[value.column]
        kind = value.source.split(":", 1)[0].strip().lower().replace(" ", "-")
        coding = (
            _standard_code(value.column)
            if value.column in LOINC_CODES
            else _diary_code(code, display)
        )
        found.append(
            {
                "resourceType": "Observation",
                "id": f"device-{value.pk}",
                "meta": {"source": f"urn:twitchlog:imported-from:{_fhir_id(kind)}"},
                "status": "final",
                "code": coding,
                "subject": subject,
                "effectiveDateTime": value.local_date.isoformat(),
                "device": {"display": value.source},
                "valueQuantity": {"value": value.value, "unit": unit, "system": UCUM, "code": unit},
            }
        )
    return found


def _collection(user: User, resources: list[dict[str, Any]], now: dt.datetime | None) -> Bundle:
    return Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "type": "collection",
            "timestamp": _instant(now or timezone.now()),
            "entry": [{"fullUrl": _full_url(user, r["id"]), "resource": r} for r in resources],
        }
    )


def _patient_and_responses(user: User) -> list[dict[str, Any]]:
    subject = {"reference": _full_url(user, "patient")}
    resources = [patient(user)]
    for result in AssessmentResult.objects.filter(user=user).order_by("taken_at", "pk"):
        response = questionnaire_response(result).model_dump(mode="json", exclude_none=True)
        resources.append({**response, "subject": subject})
    return resources


def questionnaire_bundle(user: User, now: dt.datetime | None = None) -> Bundle:
    """The person and their questionnaire results only."""
    return _collection(user, _patient_and_responses(user), now)


def bundle(user: User, now: dt.datetime | None = None) -> Bundle:
    """Everything described above for ``user``, checked against the R4B models."""
    subject = {"reference": _full_url(user, "patient")}
    resources = _patient_and_responses(user)
    resources += [
        episode_observation(e, subject)
        for e in Episode.objects.filter(user=user).order_by("occurred_at", "pk")
    ]
    resources += [
        stress_observation(e, subject)
        for e in StressEvent.objects.filter(user=user).order_by("occurred_at", "pk")
    ]
    checkins = (
        CheckIn.objects.filter(user=user)
        .order_by("local_date")
        .prefetch_related("custom_values__factor")
    )
    for checkin in checkins:
        resources += checkin_observations(checkin, subject)
    resources += device_observations(user, subject)
    resources += experiments.fhir_observations(user, subject, DIARY_CODES)
    return _collection(user, resources, now)


def to_json(found: Bundle) -> str:
    # Compact: the bundle is for other systems, and indenting doubles its size.
    return found.model_dump_json()
