"""The diary's JSON API: episodes, check-ins, stress events, custom factors, the daily table.

Creates are idempotent with a ``client_id`` (a UUID the client makes): sending the same
create twice stores one row, and the second answer is 200 with that row instead of 201.
Times without a zone are read in the person's zone (for a change, the entry's own zone);
times in answers are in UTC, with the local date and zone beside them.
"""

import datetime as dt
import math
from typing import Annotated, Any
from uuid import UUID

from django.db.models import QuerySet
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import ConfigDict, create_model, field_validator, model_validator

from twitchlog.core.timezones import zone
from twitchlog.core.types import AuthedRequest
from twitchlog.diary import services
from twitchlog.diary.access import (
    get_checkin_for_user,
    get_episode_for_user,
    get_factor_for_user,
    get_stress_event_for_user,
)
from twitchlog.diary.columns import (
    FACTOR_COLUMNS,
    NOTES_MAX_LENGTH,
    ColumnError,
    check_value,
)
from twitchlog.diary.daily import daily_frame
from twitchlog.diary.models import CheckIn, CustomFactor, Episode, StressEvent
from twitchlog.diary.presets import MEDICATION_EVENTS, STRESS_KINDS
from twitchlog.diary.spots import resolve_spot
from twitchlog.knowledge.factors import FACTORS, Factor
from twitchlog.knowledge.red_flags import RED_FLAGS_BY_KEY
from twitchlog.knowledge.vocabulary import (
    CONTEXTS,
    DURATIONS,
    RHYTHMS,
    SENSATIONS,
    TIMINGS,
)

router = Router(tags=["diary"])

_CHOICES = {
    "sensation": {t.slug for t in SENSATIONS},
    "duration": {t.slug for t, _ in DURATIONS} | {""},
    "rhythm": {t.slug for t in RHYTHMS} | {""},
    "context": {t.slug for t in CONTEXTS} | {""},
    "timing": {t.slug for t in TIMINGS} | {""},
}


# Dates, times and notes are checked by the services, the same way for every entry point
# (a refusal there is a 422, see api/urls.py); the schema only says what they hold.
DiaryDay = Annotated[dt.date, Field(description="A date from 1900 to today.")]
DiaryTime = Annotated[dt.datetime | None, Field(description="From 1900 to now.")]
Notes = Annotated[str, Field(description=f"Up to {NOTES_MAX_LENGTH:,} characters.")]


class Pages(LimitOffsetPagination):
    """Limit and offset with ceilings, so an absurd number is a 422 and not a database error."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000)
        offset: int = Field(0, ge=0, le=1_000_000_000)


class Problem(Schema):
    detail: str


class Conflict(Schema):
    detail: str
    id: int


def _aware(when: dt.datetime | None, zone_name: str) -> dt.datetime | None:
    if when is None or when.tzinfo is not None:
        return when
    return when.replace(tzinfo=zone(zone_name))


def _check_choices(entry: Any) -> None:
    """Vocabulary checks for an episode's fields (those that are set)."""
    for name, allowed in _CHOICES.items():
        value = getattr(entry, name)
        if value is not None and value not in allowed:
            raise ValueError(f"{name} must be one of: {', '.join(sorted(a for a in allowed if a))}")
    if entry.region is not None and entry.side is not None:
        spot = resolve_spot(entry.region, entry.side)
        entry.region, entry.side = spot.region, spot.side


# --- Episodes ------------------------------------------------------------------------------


class EpisodeIn(Schema):
    client_id: UUID | None = None
    occurred_at: DiaryTime = Field(None, description="Defaults to now.")
    region: str = Field(description="A region slug, e.g. eyelid, calf, upper_back.")
    side: str = Field("", description="left, right or both; middle (or empty) for the rest.")
    sensation: str = "twitch"
    strength: int | None = Field(None, ge=0, le=10)
    duration: str = ""
    rhythm: str = ""
    context: str = ""
    timing: str = ""
    notes: Notes = ""
    also_noticed: list[str] = Field(default_factory=list, description="Red flag keys.")

    @model_validator(mode="after")
    def _choices(self) -> Any:
        _check_choices(self)
        return self

    @field_validator("also_noticed")
    @classmethod
    def _flags(cls, keys: list[str]) -> list[str]:
        unknown = [key for key in keys if key not in RED_FLAGS_BY_KEY]
        if unknown:
            raise ValueError(f"unknown red flag keys: {', '.join(unknown)}")
        return keys


class EpisodePatch(Schema):
    occurred_at: DiaryTime = None
    region: str | None = None
    side: str | None = None
    sensation: str | None = None
    strength: int | None = Field(None, ge=0, le=10)
    duration: str | None = None
    rhythm: str | None = None
    context: str | None = None
    timing: str | None = None
    notes: Notes | None = None

    @model_validator(mode="after")
    def _choices(self) -> Any:
        _check_choices(self)
        return self


class EpisodeOut(Schema):
    id: int
    client_id: UUID | None
    occurred_at: dt.datetime
    local_date: dt.date
    time_zone: str
    region: str
    side: str
    sensation: str
    strength: int | None
    duration: str
    rhythm: str
    context: str
    timing: str
    notes: str

    @staticmethod
    def resolve_occurred_at(episode: Episode) -> dt.datetime:
        return episode.occurred_at.astimezone(dt.UTC)


def _changes(data: Schema, entry: Any, required: tuple[str, ...]) -> dict[str, Any]:
    """The fields a PATCH sent: required ones may not be null, a null text becomes empty,
    and a time without a zone is read in the entry's own zone."""
    changes = data.dict(exclude_unset=True)
    for name, value in changes.items():
        if value is None:
            if name in required:
                raise HttpError(422, f"{name} cannot be empty.")
            if name != "strength":
                changes[name] = ""
    if "occurred_at" in changes:
        changes["occurred_at"] = _aware(changes["occurred_at"], entry.time_zone)
    return changes


class Period(Schema):
    start: dt.date | None = None
    end: dt.date | None = None


def _in_period(queryset: QuerySet[Any], period: Period) -> QuerySet[Any]:
    if period.start:
        queryset = queryset.filter(local_date__gte=period.start)
    if period.end:
        queryset = queryset.filter(local_date__lte=period.end)
    return queryset


@router.get("/episodes", response=list[EpisodeOut], url_name="diary_episodes")
@paginate(Pages)
def list_episodes(request: AuthedRequest, period: Query[Period]) -> Any:
    """Your twitch episodes, newest first; ``start``/``end`` pick local dates."""
    return _in_period(Episode.objects.filter(user=request.user), period)


@router.post("/episodes", response={200: EpisodeOut, 201: EpisodeOut}, url_name="diary_episodes")
def create_episode(request: AuthedRequest, data: EpisodeIn) -> Any:
    """Log an episode. A repeated ``client_id`` returns the stored one (200)."""
    fields = data.dict(exclude={"client_id", "also_noticed", "occurred_at"})
    episode, created = services.log_episode(
        request.user,
        client_id=data.client_id,
        occurred_at=_aware(data.occurred_at, request.user.time_zone),
        also_noticed=data.also_noticed,
        **fields,
    )
    return Status(201 if created else 200, episode)


@router.get("/episodes/{episode_id}", response=EpisodeOut, url_name="diary_episode")
def get_episode(request: AuthedRequest, episode_id: int) -> Episode:
    return get_episode_for_user(request.user, episode_id)


@router.patch("/episodes/{episode_id}", response=EpisodeOut, url_name="diary_episode")
def update_episode(request: AuthedRequest, episode_id: int, data: EpisodePatch) -> Episode:
    """Change an episode; only the fields sent are changed."""
    episode = get_episode_for_user(request.user, episode_id)
    changes = _changes(data, episode, ("occurred_at", "region", "side", "sensation"))
    return services.update_episode(request.user, episode, changes)


@router.delete("/episodes/{episode_id}", response={204: None}, url_name="diary_episode")
def delete_episode(request: AuthedRequest, episode_id: int) -> Any:
    services.delete_episode(request.user, get_episode_for_user(request.user, episode_id))
    return Status(204, None)


# --- Check-ins -----------------------------------------------------------------------------


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


class CheckInValues(_FactorValues):  # type: ignore[valid-type,misc]
    """The standard factors (generated), then what the check-in adds."""

    medication_events: list[str] = Field(default_factory=list)
    twitch_rating: int | None = Field(None, ge=0, le=10, description="twitch_severity, 0-10")
    notes: Notes = ""
    custom: dict[str, float | None] = Field(
        default_factory=dict, description="Your own factors by CSV column; null clears one."
    )

    # JSON parsers take NaN and Infinity; a diary value is a real number or null.
    model_config = ConfigDict(allow_inf_nan=False)

    @model_validator(mode="after")
    def _ranges(self) -> "CheckInValues":
        for column in FACTOR_COLUMNS:
            value = getattr(self, column.field)
            reason = None if value is None else check_value(column, float(value))
            if reason:
                raise ValueError(f"{column.name} {reason}")
        unknown = set(self.medication_events) - {t.slug for t in MEDICATION_EVENTS}
        if unknown:
            raise ValueError(f"unknown medication events: {', '.join(sorted(unknown))}")
        return self


class CheckInIn(CheckInValues):
    client_id: UUID | None = None
    date: DiaryDay


class CheckInOut(CheckInValues):
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
    return _in_period(checkins, period)


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


# --- Stress events -------------------------------------------------------------------------

_KINDS = {t.slug for t in STRESS_KINDS}


class StressEventIn(Schema):
    client_id: UUID | None = None
    occurred_at: DiaryTime = Field(None, description="Defaults to now.")
    kind: str = Field(description=", ".join(sorted(_KINDS)))
    strength: int = Field(ge=0, le=10)
    notes: Notes = ""

    @field_validator("kind")
    @classmethod
    def _kind(cls, kind: str) -> str:
        if kind not in _KINDS:
            raise ValueError(f"kind must be one of: {', '.join(sorted(_KINDS))}")
        return kind


class StressEventPatch(Schema):
    occurred_at: DiaryTime = None
    kind: str | None = None
    strength: int | None = Field(None, ge=0, le=10)
    notes: Notes | None = None

    @field_validator("kind")
    @classmethod
    def _kind(cls, kind: str | None) -> str | None:
        if kind is not None and kind not in _KINDS:
            raise ValueError(f"kind must be one of: {', '.join(sorted(_KINDS))}")
        return kind


class StressEventOut(Schema):
    id: int
    client_id: UUID | None
    occurred_at: dt.datetime
    local_date: dt.date
    time_zone: str
    kind: str
    strength: int
    notes: str

    @staticmethod
    def resolve_occurred_at(event: StressEvent) -> dt.datetime:
        return event.occurred_at.astimezone(dt.UTC)


@router.get("/stress-events", response=list[StressEventOut], url_name="diary_stress_events")
@paginate(Pages)
def list_stress_events(request: AuthedRequest, period: Query[Period]) -> Any:
    return _in_period(StressEvent.objects.filter(user=request.user), period)


@router.post(
    "/stress-events",
    response={200: StressEventOut, 201: StressEventOut},
    url_name="diary_stress_events",
)
def create_stress_event(request: AuthedRequest, data: StressEventIn) -> Any:
    event, created = services.log_stress_event(
        request.user,
        kind=data.kind,
        strength=data.strength,
        occurred_at=_aware(data.occurred_at, request.user.time_zone),
        notes=data.notes,
        client_id=data.client_id,
    )
    return Status(201 if created else 200, event)


@router.get("/stress-events/{event_id}", response=StressEventOut, url_name="diary_stress_event")
def get_stress_event(request: AuthedRequest, event_id: int) -> StressEvent:
    return get_stress_event_for_user(request.user, event_id)


@router.patch("/stress-events/{event_id}", response=StressEventOut, url_name="diary_stress_event")
def update_stress_event(
    request: AuthedRequest, event_id: int, data: StressEventPatch
) -> StressEvent:
    event = get_stress_event_for_user(request.user, event_id)
    changes = _changes(data, event, ("occurred_at", "kind", "strength"))
    return services.update_stress_event(request.user, event, changes)


@router.delete("/stress-events/{event_id}", response={204: None}, url_name="diary_stress_event")
def delete_stress_event(request: AuthedRequest, event_id: int) -> Any:
    services.delete_stress_event(request.user, get_stress_event_for_user(request.user, event_id))
    return Status(204, None)


# --- Custom factors ------------------------------------------------------------------------


class FactorIn(Schema):
    client_id: UUID | None = None
    name: str = Field(min_length=1, max_length=60)
    kind: str = Field("numeric", pattern="^(numeric|binary)$")
    unit: str = Field("", max_length=20)


class FactorPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=60)
    kind: str | None = Field(None, pattern="^(numeric|binary)$")
    unit: str | None = Field(None, max_length=20)


class FactorOut(Schema):
    id: int
    client_id: UUID | None
    name: str
    column: str
    kind: str
    unit: str


@router.get("/factors", response=list[FactorOut], url_name="diary_factors")
def list_factors(request: AuthedRequest) -> Any:
    return CustomFactor.objects.filter(user=request.user)


@router.post(
    "/factors", response={200: FactorOut, 201: FactorOut, 422: Problem}, url_name="diary_factors"
)
def create_factor(request: AuthedRequest, data: FactorIn) -> Any:
    """Add your own factor; its CSV column is made from the name."""
    try:
        factor, created = services.add_factor(
            request.user, data.name, data.kind, data.unit, client_id=data.client_id
        )
    except ColumnError as error:
        return Status(422, {"detail": str(error)})
    return Status(201 if created else 200, factor)


@router.get("/factors/{factor_id}", response=FactorOut, url_name="diary_factor")
def get_factor(request: AuthedRequest, factor_id: int) -> CustomFactor:
    return get_factor_for_user(request.user, factor_id)


@router.patch(
    "/factors/{factor_id}", response={200: FactorOut, 422: Problem}, url_name="diary_factor"
)
def update_factor(request: AuthedRequest, factor_id: int, data: FactorPatch) -> Any:
    factor = get_factor_for_user(request.user, factor_id)
    changes = {k: v for k, v in data.dict(exclude_unset=True).items() if v is not None}
    try:
        return Status(200, services.update_factor(request.user, factor, changes))
    except ColumnError as error:
        return Status(422, {"detail": str(error)})


@router.delete("/factors/{factor_id}", response={204: None}, url_name="diary_factor")
def delete_factor(request: AuthedRequest, factor_id: int) -> Any:
    """Delete a factor and every value logged for it."""
    services.delete_factor(request.user, get_factor_for_user(request.user, factor_id))
    return Status(204, None)


# --- The daily table -----------------------------------------------------------------------


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
