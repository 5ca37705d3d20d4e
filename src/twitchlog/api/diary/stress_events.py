"""Stress moments: list, log (idempotent with a ``client_id``), read, change, delete."""

from typing import Any
from uuid import UUID

from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import field_validator

from twitchlog.accounts.types import AuthedRequest
from twitchlog.api.diary.common import (
    DiaryTime,
    Notes,
    Pages,
    Period,
    TimedOut,
    aware,
    changes_sent,
    in_period,
)
from twitchlog.diary import services
from twitchlog.diary.access import (
    get_stress_event_for_user,
)
from twitchlog.diary.models import StressEvent
from twitchlog.diary.presets import STRESS_KINDS

router = Router(tags=["diary"])


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


class StressEventOut(TimedOut):
    kind: str
    strength: int


@router.get("/stress-events", response=list[StressEventOut], url_name="diary_stress_events")
@paginate(Pages)
def list_stress_events(request: AuthedRequest, period: Query[Period]) -> Any:
    return in_period(StressEvent.objects.filter(user=request.user), period)


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
        occurred_at=aware(data.occurred_at, request.user.time_zone),
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
    changes = changes_sent(data, event, ("occurred_at", "kind", "strength"))
    return services.update_stress_event(request.user, event, changes)


@router.delete("/stress-events/{event_id}", response={204: None}, url_name="diary_stress_event")
def delete_stress_event(request: AuthedRequest, event_id: int) -> Any:
    services.delete_stress_event(request.user, get_stress_event_for_user(request.user, event_id))
    return Status(204, None)
