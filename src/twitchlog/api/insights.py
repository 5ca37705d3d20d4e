from typing import Any, Literal

from ninja import Router

from twitchlog.accounts.types import AuthedRequest
from twitchlog.insights import services

router = Router(tags=["insights"])


@router.get(
    "/report",
    url_name="insights_report",
    summary="What drives your twitching",
    description=(
        "The driver analysis of your own diary, in the shape documented in README.md "
        "(`outcome`, `days_used`, `findings`, `load`, `days_left_out`), plus `computed_at`. "
        "It looks at the last two years of the diary. Recomputed only when "
        "the diary has changed since the last time."
    ),
)
def report(
    request: AuthedRequest, outcome: Literal["twitch_count", "twitch_severity"] = "twitch_count"
) -> dict[str, Any]:
    stored = services.current_report(request.user, outcome).stored
    return {**stored.report, "computed_at": stored.computed_at.isoformat()}
