"""A client's latest questionnaire results, as a therapist may be shown them."""

from typing import Any

from twitchlog.assessments.services import latest_results


def latest_results_for(user: Any) -> list[dict[str, Any]]:
    """The client's latest result per questionnaire: what a shared summary shows."""
    rows = []
    for result in latest_results(user):
        definition = result.definition
        rows.append(
            {
                "instrument": definition.name,
                "score": result.score,
                "max_score": result.max_score,
                "band": result.band,
                "taken_at": result.taken_at,
                "safety": result.safety_answer,
                "validation_tag": definition.validation_tag,
            }
        )
    return rows
