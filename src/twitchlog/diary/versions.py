"""The diary version: one counter per person, bumped in the same transaction as every write.

Every model whose rows make up the daily table (episodes, check-ins, stress events, custom
factors and their values, values from a phone or watch), and the diary's settings and
warning-sign notes, bumps its owner's version from
``post_save`` and ``post_delete``, which Django sends inside the writing transaction (so a
rolled-back write leaves the version alone) and for every row of a queryset delete.  Writes
that skip those signals (``bulk_create``, ``bulk_update``, ``QuerySet.update``) must call
:func:`bump` themselves; the demo generator and the device import do. On PostgreSQL a new
twitch or stress moment moves the version in its own statement (diary/one_statement.py,
:func:`move_on_sql` and :func:`noted`), which sends no signal.  Readers compare the
version with the one their stored result was computed at (insights/services.py), or keep
what they worked out in this process's memory for as long as the version stays the same
(:func:`remembered`: the home page's diary panels, the day page, the current insights
report)."""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from functools import cache
from typing import Any, TypeVar

from django.core.signals import request_finished, request_started
from django.db import connection
from django.db.models import F, Model
from django.db.models.signals import post_delete, post_save

from twitchlog.accounts.models import User
from twitchlog.core import sessions
from twitchlog.diary.models import (
    CheckIn,
    CustomFactor,
    CustomValue,
    DeviceValue,
    DiaryPreferences,
    DiaryVersion,
    Episode,
    RedFlagNote,
    StressEvent,
)

# The diary's settings and warning-sign notes are not in the daily table, but the home page's
# panels read them with the rest (diary/panels.py), so they move the version on too.
WATCHED = (
    Episode,
    CheckIn,
    StressEvent,
    CustomFactor,
    CustomValue,
    DeviceValue,
    RedFlagNote,
    DiaryPreferences,
)

T = TypeVar("T")

# What remembered() keeps: (person, account's creation, key) -> (version, value), the least
# recently used dropped first. A few thousand people's home panels are a few megabytes.
MEMO_SIZE = 4096
_memo: OrderedDict[tuple[Any, ...], tuple[int, Any]] = OrderedDict()
_memo_lock = threading.Lock()

# The versions read during the request being served (person -> version), so the panels of one
# page ask once; a bump in this request forgets the person's. None outside a request.
_this_request: ContextVar[dict[int, int] | None] = ContextVar("diary_versions", default=None)
# The people whose diary this request wrote to: what it works out for them is not remembered,
# as its transaction may still roll back and give the version number to another write.
_wrote_to: ContextVar[set[int] | None] = ContextVar("diary_written", default=None)


@cache
def _sql() -> tuple[str, str]:
    """The two statements every request and every diary write runs: read the person's
    version, and move it on. Only the table's and columns' names go into the text; the
    person is a parameter."""
    q = connection.ops.quote_name
    table, version, user = q(DiaryVersion._meta.db_table), q("version"), q("user_id")
    read = f"SELECT {version} FROM {table} WHERE {user} = %s"  # noqa: S608
    move = f"UPDATE {table} SET {version} = {version} + 1 WHERE {user} = %s"  # noqa: S608
    return read, move


def bump(user_id: int) -> None:
    """Move the person's diary version on (the first write makes it 1).

    Every diary write runs this, so the update is written out (see _sql); it is
    ``DiaryVersion.objects.filter(user_id=user_id).update(version=F("version") + 1)``."""
    noted(user_id)
    with connection.cursor() as cursor:
        cursor.execute(_sql()[1], [user_id])
        moved = cursor.rowcount
    if not moved:
        _row, created = DiaryVersion.objects.get_or_create(user_id=user_id, defaults={"version": 1})
        if not created:  # another first write made the row a moment ago: still move it on
            DiaryVersion.objects.filter(user_id=user_id).update(version=F("version") + 1)


def noted(user_id: int) -> None:
    """What this process keeps of a bump (the version read in this request is forgotten, and
    what the request works out for the person is not remembered), for a write that moved the
    version itself (diary/one_statement.py)."""
    seen, written = _this_request.get(), _wrote_to.get()
    if seen is not None:
        seen.pop(user_id, None)
    if written is not None:
        written.add(user_id)
    sessions.forget_alongside(user_id)


def _read_alongside_sql() -> str:
    """The version as a subquery over the account's row ``a``, which core/sessions.py reads
    in the session's query: one round trip fewer on every signed-in page that reads it."""
    q = connection.ops.quote_name
    table, version, user = q(DiaryVersion._meta.db_table), q("version"), q("user_id")
    return f"SELECT {version} FROM {table} WHERE {user} = a.{q('id')}"  # noqa: S608


@cache
def move_on_sql() -> str:
    """Move the person's version on, making it 1 on the first write: one statement for use
    inside another (PostgreSQL's ``ON CONFLICT``); the person is the one parameter."""
    q = connection.ops.quote_name
    table, version, user = q(DiaryVersion._meta.db_table), q("version"), q("user_id")
    return (
        f"INSERT INTO {table} ({user}, {version}) VALUES (%s, 1)"  # noqa: S608
        f" ON CONFLICT ({user}) DO UPDATE SET {version} = {table}.{version} + 1"
    )


def current(user: User) -> int:
    """The person's diary version: 0 before the first write (reading never writes).

    Read on every home page and insights request, so the query is written out: building
    ``DiaryVersion.objects.filter(user=user).values_list("version")`` through the ORM cost
    ten times running it (bench/hot_paths.py). Within a request it is read once per person,
    until a write of that request moves it on."""
    seen = _this_request.get()
    if seen is not None and user.pk in seen:
        return seen[user.pk]
    # Inside a request, the version may have come with the session (core/sessions.py);
    # outside one, nothing resets it, so it is always read.
    read, value = (
        sessions.alongside("diary_version", user.pk) if seen is not None else (False, None)
    )
    if not read:
        with connection.cursor() as cursor:
            cursor.execute(_sql()[0], [user.pk])
            row = cursor.fetchone()
        value = row[0] if row else None
    version = int(value) if value is not None else 0
    if seen is not None:
        seen[user.pk] = version
    return version


def remembered(
    user: User,
    key: Hashable,
    compute: Callable[[int], T],
    keep: Callable[[T], bool] | None = None,
) -> T:
    """``compute(version)`` for the person's diary as it is now, worked out once per diary
    version in this process: one small query (the version) instead of what ``compute`` reads.

    Only for values that follow from the rows WATCHED bumps the version for (and from the
    ``key``, which carries anything else they depend on, such as the day). Every process reads
    the version from the database, so a write through any process is seen by all at once.
    The account's creation time is part of the slot, so an id used again (a restored or
    re-created database) never meets another account's values. Values are shared between
    requests: treat them as read-only. A request that wrote to the person's diary gets a fresh
    value that is not kept (its transaction may still roll back, and the version number go to
    another write); outside a request, call it for reading only. ``keep(value)`` False leaves
    a value out of memory (one too big to keep for every person).
    """
    version = current(user)
    written = _wrote_to.get()
    if written is not None and user.pk in written:
        return compute(version)
    slot = (user.pk, user.date_joined, key)
    with _memo_lock:
        found = _memo.get(slot)
        if found is not None and found[0] == version:
            _memo.move_to_end(slot)
            return found[1]
    value = compute(version)
    if keep is not None and not keep(value):
        return value
    with _memo_lock:
        _memo[slot] = (version, value)
        _memo.move_to_end(slot)
        while len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)
    return value


def _owner(instance: Any) -> int | None:
    if isinstance(instance, CustomValue):
        if CustomValue.checkin.is_cached(instance):
            return int(instance.checkin.user_id)
        row = CheckIn.objects.filter(pk=instance.checkin_id).values_list("user_id").first()
        return row[0] if row else None
    return int(instance.user_id)


# Deleting one of these takes rows of WATCHED models with it; its own deletion moves the
# version on (or, for the account, deletes it), so the rows it takes need not each do so.
_CASCADES_FROM = (User, CheckIn, CustomFactor)


def _written(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loading fixtures
        return
    origin = kwargs.get("origin")
    origin_model = type(origin) if isinstance(origin, Model) else getattr(origin, "model", None)
    if origin_model in _CASCADES_FROM and sender is not origin_model:
        return
    owner = _owner(instance)
    if owner is not None:
        bump(owner)


def _request_started(**kwargs: Any) -> None:
    _this_request.set({})
    _wrote_to.set(set())


def _request_finished(**kwargs: Any) -> None:
    _this_request.set(None)
    _wrote_to.set(None)


def connect() -> None:
    sessions.read_with_account("diary_version", _read_alongside_sql)
    request_started.connect(_request_started, dispatch_uid="diary-versions-request-started")
    request_finished.connect(_request_finished, dispatch_uid="diary-versions-request-finished")
    for model in WATCHED:
        post_save.connect(_written, sender=model, dispatch_uid=f"diary-version-save-{model}")
        post_delete.connect(_written, sender=model, dispatch_uid=f"diary-version-del-{model}")
