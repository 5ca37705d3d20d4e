"""The daily table, as the CSV's rows in JSON."""

import math
from typing import Any

from ninja import Query, Router

from twitchlog.accounts.types import AuthedRequest
from twitchlog.api.diary.common import (
    Period,
)
from twitchlog.diary.daily import daily_frame

router = Router(tags=["diary"])


@router.get("/daily", response=list[dict[str, Any]], url_name="diary_daily")
def daily(request: AuthedRequest, period: Query[Period]) -> Any:
    """The daily diary table (the CSV's rows as objects); null means not logged."""
    frame = daily_frame(request.user, period.start, period.end)
    rows = []
    for record in frame.to_dict("records"):
        row: dict[str, Any] = {"date": record.pop("date").date().isoformat()}
        for name, value in record.items():
            row[str(name)] = None if isinstance(value, float) and math.isnan(value) else value
        rows.append(row)
    return rows
