"""A client's latest questionnaire results, as a therapist may be shown them."""

from typing import Any


def latest_results_for(user: Any) -> list[dict[str, Any]] | None:
    """The client's latest result per questionnaire, or None while that part is missing.

    This is the shared summary until the reports feature provides a fuller one.
    """
    try:
        from twitchlog.assessments.services import latest_results
    except ImportError:
        return None
    rows = []
    for result in latest_results(user):
        definition = getattr(result, "definition", None)
        rows.append(
            {
                "instrument": getattr(definition, "name", result.instrument),
                "score": result.score,
                "max_score": getattr(result, "max_score", None),
                "band": result.band,
                "taken_at": result.taken_at,
                "safety": result.safety_answer,
                "validation_tag": getattr(definition, "validation_tag", ""),
            }
        )
    return rows
