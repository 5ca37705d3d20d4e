"""The diary version: one counter per person, bumped in the same transaction as every write.

Every model whose rows make up the daily table (episodes, check-ins, stress events, custom
factors and their values, values from a phone or watch) bumps its owner's version from
``post_save`` and ``post_delete``, which Django sends inside the writing transaction (so a
rolled-back write leaves the version alone) and for every row of a queryset delete.  Writes
that skip those signals (``bulk_create``, ``bulk_update``, ``QuerySet.update``) must call
:func:`bump` themselves; the demo generator and the device import do.  Readers compare the
version with the one their stored result was computed at (insights/services.py)."""

from typing import Any

from django.db.models import F
from django.db.models.signals import post_delete, post_save

from twitchlog.accounts.models import User
from twitchlog.diary.models import (
    CheckIn,
    CustomFactor,
    CustomValue,
    DeviceValue,
    DiaryVersion,
    Episode,
    StressEvent,
)

WATCHED = (Episode, CheckIn, StressEvent, CustomFactor, CustomValue, DeviceValue)


def bump(user_id: int) -> None:
    """Move the person's diary version on (the first write makes it 1)."""
    moved = DiaryVersion.objects.filter(user_id=user_id).update(version=F("version") + 1)
    if not moved:
        _row, created = DiaryVersion.objects.get_or_create(user_id=user_id, defaults={"version": 1})
        if not created:  # another first write made the row a moment ago: still move it on
            DiaryVersion.objects.filter(user_id=user_id).update(version=F("version") + 1)


def current(user: User) -> int:
    """The person's diary version: 0 before the first write (reading never writes)."""
    version = DiaryVersion.objects.filter(user=user).values_list("version", flat=True).first()
    return version or 0


def _owner(instance: Any) -> int | None:
    if isinstance(instance, CustomValue):
        # Deleted along with its check-in or factor, whose own deletion bumps the version.
        row = CheckIn.objects.filter(pk=instance.checkin_id).values_list("user_id").first()
        return row[0] if row else None
    return int(instance.user_id)


def _written(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loading fixtures
        return
    origin = kwargs.get("origin")
    if isinstance(origin, User) or getattr(origin, "model", None) is User:
        return  # the account itself is being deleted, its version with it
    owner = _owner(instance)
    if owner is not None:
        bump(owner)


def connect() -> None:
    for model in WATCHED:
        post_save.connect(_written, sender=model, dispatch_uid=f"diary-version-save-{model}")
        post_delete.connect(_written, sender=model, dispatch_uid=f"diary-version-del-{model}")
