"""Twitch episodes: list, log (idempotent with a ``client_id``), read, change, delete."""

from typing import Any
from uuid import UUID

from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import field_validator, model_validator

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
    get_episode_for_user,
)
from twitchlog.diary.models import Episode
from twitchlog.diary.spots import resolve_spot
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


def _check_choices(entry: Any) -> None:
    """Vocabulary checks for an episode's fields (those that are set)."""
    for name, allowed in _CHOICES.items():
        value = getattr(entry, name)
        if value is not None and value not in allowed:
            raise ValueError(f"{name} must be one of: {', '.join(sorted(a for a in allowed if a))}")
    if entry.region is not None and entry.side is not None:
        spot = resolve_spot(entry.region, entry.side)
        entry.region, entry.side = spot.region, spot.side


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


class EpisodeOut(TimedOut):
    region: str
    side: str
    sensation: str
    strength: int | None
    duration: str
    rhythm: str
    context: str
    timing: str


@router.get("/episodes", response=list[EpisodeOut], url_name="diary_episodes")
@paginate(Pages)
def list_episodes(request: AuthedRequest, period: Query[Period]) -> Any:
    """Your twitch episodes, newest first; ``start``/``end`` pick local dates."""
    return in_period(Episode.objects.filter(user=request.user), period)


@router.post("/episodes", response={200: EpisodeOut, 201: EpisodeOut}, url_name="diary_episodes")
def create_episode(request: AuthedRequest, data: EpisodeIn) -> Any:
    """Log an episode. A repeated ``client_id`` returns the stored one (200)."""
    fields = data.dict(exclude={"client_id", "also_noticed", "occurred_at"})
    episode, created = services.log_episode(
        request.user,
        client_id=data.client_id,
        occurred_at=aware(data.occurred_at, request.user.time_zone),
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
    changes = changes_sent(data, episode, ("occurred_at", "region", "side", "sensation"))
    return services.update_episode(request.user, episode, changes)


@router.delete("/episodes/{episode_id}", response={204: None}, url_name="diary_episode")
def delete_episode(request: AuthedRequest, episode_id: int) -> Any:
    services.delete_episode(request.user, get_episode_for_user(request.user, episode_id))
    return Status(204, None)
