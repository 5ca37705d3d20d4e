"""Questionnaires and results as FHIR R4 resources (fhir.resources' R4B models).

Each instrument becomes a ``Questionnaire``; each stored result a ``QuestionnaireResponse``
that points at it. LOINC codes are used where INSTRUMENTS.md gives them, our own code system
otherwise. Each answer option carries its score in the standard ``ordinalValue`` extension,
reversed where the item is reverse-scored, so the scoring travels with the questionnaire.
"""

import re
from typing import Any

from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from twitchlog.assessments.instruments.base import Code, Instrument, Item, Option
from twitchlog.assessments.models import AssessmentResult

CANONICAL_BASE = "https://twitchlog.example/fhir/Questionnaire/"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"


def canonical_url(instrument: Instrument) -> str:
    return CANONICAL_BASE + instrument.slug


def _coding(code: Code, display: str = "") -> dict[str, str]:
    coding = {"system": code.system, "code": code.code}
    if display:
        coding["display"] = display
    return coding


def _answer_option(option: Option, weight: int) -> dict[str, Any]:
    return {
        "valueCoding": _coding(option.code, option.label),
        "extension": [{"url": ORDINAL_VALUE, "valueDecimal": weight}],
    }


def _item(instrument: Instrument, n: int, item: Item) -> dict[str, Any]:
    top = instrument.highest_option
    return {
        "linkId": item.key,
        "prefix": f"{n}.",
        "text": item.text,
        "type": "choice",
        "required": not item.skip_label,
        "code": [_coding(item.code)],
        "answerOption": [
            _answer_option(option, top - option.value if item.reverse else option.value)
            for option in instrument.options
        ],
    }


def _name(instrument: Instrument) -> str:
    # FHIR wants a name a computer can use: a capital letter, then letters, digits, "_".
    words = re.split(r"[^A-Za-z0-9]+", instrument.name)
    return "".join(word[:1].upper() + word[1:] for word in words)


def questionnaire(instrument: Instrument) -> Questionnaire:
    items: list[dict[str, Any]] = [
        {"linkId": f"{instrument.slug}-stem", "type": "display", "text": instrument.stem}
    ]
    items += [_item(instrument, n, item) for n, item in enumerate(instrument.items, start=1)]
    if instrument.follow_up is not None:
        items.append(
            {
                "linkId": f"{instrument.slug}-difficulty",
                "text": instrument.follow_up.text,
                "type": "choice",
                "required": False,
                "code": [_coding(instrument.follow_up.code)],
                "answerOption": [
                    {"valueCoding": _coding(o.code, o.label)} for o in instrument.follow_up.options
                ],
            }
        )
    items += [
        {
            "linkId": sub.code.code,
            "text": sub.label,
            "type": "integer",
            "readOnly": True,
            "code": [_coding(sub.code)],
        }
        for sub in instrument.subscales
    ]
    items.append(
        {
            "linkId": f"{instrument.slug}-total",
            "text": "Total score",
            "type": "integer",
            "readOnly": True,
            "code": [_coding(instrument.total_code)],
        }
    )
    description = instrument.about
    if instrument.validation_note:
        description += f" {instrument.validation_note[0].upper()}{instrument.validation_note[1:]}."
    if instrument.bands_note:
        description += " " + instrument.bands_note
    return Questionnaire.model_validate(
        {
            "resourceType": "Questionnaire",
            "id": instrument.slug,
            "url": canonical_url(instrument),
            "name": _name(instrument),
            "title": f"{instrument.name}: {instrument.title}",
            "status": "active",
            "subjectType": ["Patient"],
            "description": description,
            "copyright": instrument.licence,
            "code": [_coding(instrument.code, instrument.name)],
            "item": items,
        }
    )


def questionnaire_response(result: AssessmentResult) -> QuestionnaireResponse:
    instrument = result.definition
    options = {option.value: option for option in instrument.options}
    items: list[dict[str, Any]] = []
    for n, (item, answer) in enumerate(zip(instrument.items, result.answers, strict=True), 1):
        if answer is None:  # "does not apply": FHIR leaves an unanswered item out
            continue
        option = options[answer]
        items.append(
            {
                "linkId": item.key,
                "text": f"{n}. {item.text}",
                "answer": [{"valueCoding": _coding(option.code, option.label)}],
            }
        )
    follow_up = instrument.follow_up
    if follow_up is not None and result.difficulty is not None:
        chosen = next(o for o in follow_up.options if o.value == result.difficulty)
        items.append(
            {
                "linkId": f"{instrument.slug}-difficulty",
                "text": follow_up.text,
                "answer": [{"valueCoding": _coding(chosen.code, chosen.label)}],
            }
        )
    for sub in instrument.subscales:
        stored = result.subscales.get(sub.key)
        if stored is not None:
            items.append(
                {
                    "linkId": sub.code.code,
                    "text": sub.label,
                    "answer": [{"valueInteger": stored["score"]}],
                }
            )
    items.append(
        {
            "linkId": f"{instrument.slug}-total",
            "text": "Total score",
            "answer": [{"valueInteger": result.score}],
        }
    )
    return QuestionnaireResponse.model_validate(
        {
            "resourceType": "QuestionnaireResponse",
            "id": f"result-{result.pk}",
            "questionnaire": canonical_url(instrument),
            "status": "completed",
            "authored": result.taken_at.isoformat(),
            "item": items,
        }
    )


def to_json(resource: Questionnaire | QuestionnaireResponse) -> str:
    return resource.model_dump_json(indent=2)
