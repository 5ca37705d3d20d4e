"""What the diary's API resources share: pagination with ceilings, problem answers, periods,
and reading a PATCH.

Dates, times, notes and every other diary rule are checked by diary/services.py, the same way
for every entry point; a refusal there becomes a 422 (api/urls.py).
"""

import datetime as dt
from typing import Annotated, Any
from uuid import UUID

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination

from twitchlog.core.timezones import zone
from twitchlog.diary.columns import NOTES_MAX_LENGTH
from twitchlog.diary.models import Episode, StressEvent

# The schema says what these hold; the services check them.
DiaryDay = Annotated[dt.date, Field(description="A date from 1900 to today.")]
DiaryTime = Annotated[dt.datetime | None, Field(description="From 1900 to now.")]
Notes = Annotated[str, Field(description=f"Up to {NOTES_MAX_LENGTH:,} characters.")]


class Pages(LimitOffsetPagination):
    """Limit and offset with ceilings, so an absurd number is a 422 and not a database error."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000)
        offset: int = Field(0, ge=0, le=1_000_000_000)


class Window(Pages.Input):
    """A bounded slice of a plain list (``?limit=&offset=``, the pages' own bounds): the
    answer stays a list, and no request can ask for all of an account's rows at once."""

    limit: int = Field(500, ge=1, le=1000)

    def of(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        return rows[self.offset : self.offset + self.limit]


class Problem(Schema):
    detail: str


class Conflict(Schema):
    detail: str
    id: int


def aware(when: dt.datetime | None, zone_name: str) -> dt.datetime | None:
    if when is None or when.tzinfo is not None:
        return when
    return when.replace(tzinfo=zone(zone_name))


def changes_sent(data: Schema, entry: Any, required: tuple[str, ...]) -> dict[str, Any]:
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
        changes["occurred_at"] = aware(changes["occurred_at"], entry.time_zone)
    return changes


class Period(Schema):
    start: dt.date | None = None
    end: dt.date | None = None


def in_period(queryset: QuerySet[Any], period: Period) -> QuerySet[Any]:
    if period.start:
        queryset = queryset.filter(local_date__gte=period.start)
    if period.end:
        queryset = queryset.filter(local_date__lte=period.end)
    return queryset


class TimedOut(Schema):
    """What an episode's and a stress moment's answers share: the time in UTC, with the local
    date and zone it was logged in beside it."""

    id: int
    client_id: UUID | None
    occurred_at: dt.datetime
    local_date: dt.date
    time_zone: str
    notes: str

    @staticmethod
    def resolve_occurred_at(entry: Episode | StressEvent) -> dt.datetime:
        return entry.occurred_at.astimezone(dt.UTC)
