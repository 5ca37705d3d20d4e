"""Check-ins: one per local date; the standard factors' fields are generated from
knowledge/factors.py."""

import datetime as dt
from typing import Any
from uuid import UUID

from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict, create_model, model_validator

from twitchlog.accounts.types import AuthedRequest
from twitchlog.api.diary.common import (
    Conflict,
    DiaryDay,
    Notes,
    Pages,
    Period,
    in_period,
)
from twitchlog.diary import services
from twitchlog.diary.access import (
    get_checkin_for_user,
)
from twitchlog.diary.models import CheckIn
from twitchlog.diary.presets import MEDICATION_EVENTS
from twitchlog.knowledge.factors import FACTORS, Factor

router = Router(tags=["diary"])


def _factor_type(factor: Factor) -> Any:
    if factor.kind == "binary":
        return bool | None
    return int | None if factor.integer else float | None


def _factor_help(factor: Factor) -> str:
    unit = "true or false" if factor.kind == "binary" else factor.unit
    limit = "" if factor.high is None else f", 0 to {factor.high:g}"
    return f"{factor.label} ({unit}{limit})"


# The standard factors' fields, generated from knowledge/factors.py.
_FACTOR_FIELDS: dict[str, Any] = {
    f.name: (_factor_type(f), Field(None, description=_factor_help(f))) for f in FACTORS
}
_FactorValues = create_model("FactorValues", __base__=Schema, **_FACTOR_FIELDS)


class CheckInFields(_FactorValues):  # type: ignore[valid-type,misc]
    """The standard factors (generated), then what the check-in adds."""

    medication_events: list[str] = Field(default_factory=list)
    twitch_rating: int | None = Field(None, ge=0, le=10, description="twitch_severity, 0-10")
    notes: Notes = ""
    custom: dict[str, float | None] = Field(
        default_factory=dict, description="Your own factors by CSV column; null clears one."
    )


class CheckInValues(CheckInFields):
    """A check-in as sent; the services check every value by the diary's one rule
    (columns.check_values), as for every other way in. What is read back is not checked
    again, so a check-in stored before a ceiling was added still reads (CheckInOut)."""

    # JSON parsers take NaN and Infinity; a diary value is a real number or null. A number
    # sent as text ("7,5") is refused as not a number, never read as 75.
    model_config = ConfigDict(allow_inf_nan=False)

    @model_validator(mode="after")
    def _known_events(self) -> "CheckInValues":
        # Ranges are the services' one rule (check_checkin), a 422 like this one.
        unknown = set(self.medication_events) - {t.slug for t in MEDICATION_EVENTS}
        if unknown:
            raise ValueError(f"unknown medication events: {', '.join(sorted(unknown))}")
        return self


class CheckInIn(CheckInValues):
    client_id: UUID | None = None
    date: DiaryDay


class CheckInOut(CheckInFields):
    id: int
    client_id: UUID | None
    date: dt.date = Field(alias="local_date")
    twitch_count_imported: int | None = Field(None, alias="imported_twitch_count")

    @staticmethod
    def resolve_custom(checkin: CheckIn) -> dict[str, float | None]:
        # .all() uses the list's prefetch, so a page of check-ins costs no query per row.
        return {v.factor.column: v.value for v in checkin.custom_values.all()}


@router.get("/checkins", response=list[CheckInOut], url_name="diary_checkins")
@paginate(Pages)
def list_checkins(request: AuthedRequest, period: Query[Period]) -> Any:
    """Your check-ins, newest first; ``start``/``end`` pick dates."""
    checkins = CheckIn.objects.filter(user=request.user).prefetch_related("custom_values__factor")
    return in_period(checkins, period)


@router.post(
    "/checkins",
    response={200: CheckInOut, 201: CheckInOut, 409: Conflict},
    url_name="diary_checkins",
)
def create_checkin(request: AuthedRequest, data: CheckInIn) -> Any:
    """The check-in for a date. A second one for the same date is a conflict (409)."""
    values = data.dict(exclude={"client_id", "date", "custom"})
    custom = services.resolve_custom(request.user, data.custom)
    try:
        checkin, created = services.create_checkin(
            request.user, data.date, values, custom, client_id=data.client_id
        )
    except services.DiaryConflict as conflict:
        assert conflict.existing is not None
        return Status(409, {"detail": str(conflict), "id": conflict.existing.pk})
    return Status(201 if created else 200, checkin)


@router.get("/checkins/{checkin_id}", response=CheckInOut, url_name="diary_checkin")
def get_checkin(request: AuthedRequest, checkin_id: int) -> CheckIn:
    return get_checkin_for_user(request.user, checkin_id)


@router.patch("/checkins/{checkin_id}", response=CheckInOut, url_name="diary_checkin")
def update_checkin(request: AuthedRequest, checkin_id: int, data: CheckInValues) -> CheckIn:
    """Change a check-in: the fields sent are set (null means not logged); others stay."""
    checkin = get_checkin_for_user(request.user, checkin_id)
    values = data.dict(exclude_unset=True, exclude={"custom"})
    custom = services.resolve_custom(request.user, data.custom)
    checkin, _ = services.save_checkin(request.user, checkin.local_date, values, custom)
    return checkin


@router.delete("/checkins/{checkin_id}", response={204: None}, url_name="diary_checkin")
def delete_checkin(request: AuthedRequest, checkin_id: int) -> Any:
    services.delete_checkin(request.user, get_checkin_for_user(request.user, checkin_id))
    return Status(204, None)
