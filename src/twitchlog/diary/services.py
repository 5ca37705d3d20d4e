"""Every change to a diary goes through here, and each one writes the audit log.

The diary's rules live here once, whatever the entry point (the pages, the API, the ``log``
command, the CSV import): adapters parse their input into plain values and call these
actions, which check what no adapter may skip and raise ``columns.DiaryInputError`` (a
ValueError with a reason in plain words) when the input cannot become data.

The audit log carries ids, field names and counts only: which body region twitched or how
much someone slept is health data and stays out of it.

Why one module of some 500 lines: it is the diary's whole action layer, and the point of it is
that every rule the entry points share can be read in one place, in the order data flows
(episodes, check-ins, stress moments, own factors, red flags). The pure rules it applies are
already apart (columns.py, spots.py, presets.py); cutting the actions up by model would split
shared steps (``_create_once``, the timed-entry checks) across files.
"""

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from typing import Any, TypeVar, cast

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from twitchlog.accounts.models import User
from twitchlog.core import audit
from twitchlog.core.text import SINGLE_LINE_MESSAGE, has_control_characters
from twitchlog.core.timezones import local_date, local_now
from twitchlog.diary import csvfile, one_statement, versions
from twitchlog.diary.columns import (
    ChoiceError,
    ColumnError,
    DayError,
    EmptyCheckIn,
    check_day,
    check_moment,
    check_notes,
    check_value,
    check_values,
    column_for,
    own_column,
)
from twitchlog.diary.models import (
    ZERO_TO_TEN,
    CheckIn,
    CustomFactor,
    CustomValue,
    DiaryPreferences,
    Episode,
    RedFlagNote,
    StressEvent,
)
from twitchlog.diary.presets import settle_caffeine
from twitchlog.diary.spots import resolve_spot
from twitchlog.knowledge.red_flags import RED_FLAGS_BY_KEY

M = TypeVar("M", bound=models.Model)
E = TypeVar("E", Episode, StressEvent)

# What "same as last time" copies: what the twitch was like, not when or why it came.
REPEATED_FIELDS = ("region", "side", "sensation", "strength", "duration", "rhythm")


class DiaryConflict(Exception):
    """A create that clashes with something already there (a second check-in for a day)."""

    def __init__(self, message: str, existing: models.Model | None = None) -> None:
        super().__init__(message)
        self.existing = existing


def today_for(user: User) -> dt.date:
    return local_now(user.time_zone).date()


def _create_once(
    model: type[M],
    user: User,
    client_id: uuid.UUID | None,
    make: Callable[[], M],
    *,
    look_first: bool = True,
    own_transaction: bool = True,
) -> tuple[M, bool]:
    """Run ``make`` unless an entry with this client id exists; (entry, created).

    A client that retries a request (a lost answer, a double tap) sends the same id and gets
    the first entry back instead of a copy. Two racing requests both reach the insert; the
    database's unique constraint lets one win and the other returns the winner's row.

    Without ``look_first`` the insert goes first and the constraint alone catches a repeat:
    one query less on every new entry, for a ``make`` that only inserts (a retry must not
    meet a check that the first request passed). Without ``own_transaction``, ``make`` is one
    statement, and so all or nothing by itself.
    """
    if look_first:
        found = _with_client_id(model, user, client_id)
        if found is not None:
            return found, False
    try:
        with transaction.atomic() if own_transaction else nullcontext():
            return make(), True
    except IntegrityError:
        found = _with_client_id(model, user, client_id)
        if found is None:
            raise
        return found, False


def _with_client_id(model: type[M], user: User, client_id: uuid.UUID | None) -> M | None:
    """The entry a repeated request made first, if the clash was its client id."""
    if client_id is None:
        return None
    return model._default_manager.filter(user=user, client_id=client_id).first()


# --- Episodes ------------------------------------------------------------------------------


def _check_fields(model: type[E], fields: dict[str, Any]) -> None:
    """Each value is one the diary knows: a listed choice (region, sensation, kind...) and a
    strength from 0 to 10. The entry points offer only these; this is the guard none skips."""
    for name, value in fields.items():
        field = cast(models.Field, model._meta.get_field(name))
        if name == "notes" or value is None or (value == "" and field.blank):
            continue
        try:
            field.clean(value, None)
        except ValidationError as error:
            label = str(field.verbose_name)
            if field.choices:
                raise ChoiceError(f"“{value}” is not one of the choices for {label}.") from None
            if all(check in field.validators for check in ZERO_TO_TEN):
                raise ChoiceError(f"The {label} must be a whole number from 0 to 10.") from None
            raise ChoiceError(f"The {label}: {' '.join(error.messages)}") from None


def _log_timed(
    model: type[E],
    user: User,
    occurred_at: dt.datetime | None,
    client_id: uuid.UUID | None,
    action: str,
    fields: dict[str, Any],
    then: Callable[[E], None] | None = None,
) -> tuple[E, bool]:
    """Store an episode or stress event; its local date is fixed now, in the person's
    current zone, and never moves afterwards. ``then`` runs in the same transaction, for a
    new entry only."""
    when = occurred_at or timezone.now()
    zone_name = user.time_zone
    check_moment(when.date(), local_date(when, zone_name))
    check_notes(fields.get("notes", ""))
    _check_fields(model, fields)

    def made() -> E:
        return model(
            user=user,
            client_id=client_id,
            occurred_at=when,
            local_date=local_date(when, zone_name),
            time_zone=zone_name,
            **fields,
        )

    def make() -> E:
        entry = made()
        entry.save(force_insert=True)
        audit.log(user, action, entry)
        if then is not None:
            then(entry)
        return entry

    def make_at_once() -> E:
        entry = made()
        one_statement.insert(entry, user.pk, action)
        return entry

    if then is None and one_statement.available():
        # On PostgreSQL the entry, its version and its audit entry are one statement, and so
        # one transaction of their own (diary/one_statement.py): one round trip instead of five.
        return _create_once(
            model, user, client_id, make_at_once, look_first=False, own_transaction=False
        )
    # The twitch log is the busiest write, and make() only inserts: no look first. Nor an
    # outer transaction: _create_once's own is then the outermost one, so a new twitch costs
    # no savepoint (two round trips) and a repeat rolls the whole attempt back.
    return _create_once(model, user, client_id, make, look_first=False)


def log_episode(
    user: User,
    *,
    region: str,
    side: str,
    sensation: str,
    occurred_at: dt.datetime | None = None,
    client_id: uuid.UUID | None = None,
    also_noticed: Iterable[str] = (),
    **details: Any,
) -> tuple[Episode, bool]:
    spot = resolve_spot(region, side)
    fields = {"region": spot.region, "side": spot.side, "sensation": sensation, **details}
    return _log_timed(
        Episode,
        user,
        occurred_at,
        client_id,
        "diary.episode.created",
        fields,
        then=(
            (lambda episode: note_red_flags(user, noticed, episode.local_date))
            if (noticed := list(also_noticed))
            else None
        ),
    )


def _update_timed(user: User, entry: E, changes: dict[str, Any], action: str) -> E:
    """Change an episode or stress event. A new time is read in the zone it was logged in,
    and its local date follows."""
    if "occurred_at" in changes:
        when = changes["occurred_at"]
        check_moment(when.date(), local_date(when, entry.time_zone))
    check_notes(changes.get("notes") or "")
    _check_fields(type(entry), {k: v for k, v in changes.items() if k != "occurred_at"})
    changed: list[str] = [name for name, value in changes.items() if getattr(entry, name) != value]
    for name in changed:
        setattr(entry, name, changes[name])
    if "occurred_at" in changed:
        entry.local_date = local_date(entry.occurred_at, entry.time_zone)
        changed.append("local_date")
    if changed:
        entry.save(update_fields=[*changed, "updated_at"])
        audit.log(user, action, entry, fields=sorted(changed))
    return entry


@transaction.atomic
def update_episode(user: User, episode: Episode, changes: dict[str, Any]) -> Episode:
    """Change an episode; a new region or side is checked against the other one."""
    if "region" in changes or "side" in changes:
        spot = resolve_spot(
            changes.get("region", episode.region), changes.get("side", episode.side)
        )
        changes = {**changes, "region": spot.region, "side": spot.side}
    return _update_timed(user, episode, changes, "diary.episode.updated")


@transaction.atomic
def delete_episode(user: User, episode: Episode) -> None:
    audit.log(user, "diary.episode.deleted", episode)
    episode.delete()


def last_episode(user: User) -> Episode | None:
    return Episode.objects.filter(user=user).order_by("-occurred_at", "-id").first()


def repeat_last_episode(user: User, client_id: uuid.UUID | None = None) -> Episode | None:
    """Log "same as last time", now: the last episode's spot, feeling and manner."""
    last = last_episode(user)
    if last is None:
        return None
    copied = {name: getattr(last, name) for name in REPEATED_FIELDS}
    episode, _ = log_episode(user, client_id=client_id, **copied)
    return episode


# --- Check-ins -----------------------------------------------------------------------------


def set_checkin_values(checkin: CheckIn, values: dict[str, Any]) -> list[str]:
    """Set a check-in's values (only those given), unsaved; the names that changed.

    The caffeine total and its drink breakdown stay consistent whichever of them changed
    (presets.settle_caffeine), and any medication event makes it a medication-change day.
    """
    changed = []
    values = dict(values)
    if values.get("medication_events"):
        values["medication_change"] = True
    if "caffeine_mg" in values or "caffeine_drinks" in values:
        values["caffeine_mg"], values["caffeine_drinks"] = settle_caffeine(
            checkin.caffeine_mg, checkin.caffeine_drinks or {}, values
        )
    for name, value in values.items():
        if getattr(checkin, name) != value:
            setattr(checkin, name, value)
            changed.append(name)
    return changed


def apply_checkin_values(
    checkin: CheckIn, values: dict[str, Any], custom: dict[CustomFactor, float | None]
) -> list[str]:
    """Set and save a check-in's values and its custom values; the names that changed."""
    changed = set_checkin_values(checkin, values)
    checkin.save()
    for factor, value in custom.items():
        if value is None:
            deleted, _ = CustomValue.objects.filter(checkin=checkin, factor=factor).delete()
            if deleted:
                changed.append(f"custom:{factor.pk}")
            continue
        stored, created = CustomValue.objects.get_or_create(
            checkin=checkin, factor=factor, defaults={"value": value}
        )
        if created or stored.value != value:
            if not created:
                stored.value = value
                stored.save(update_fields=["value"])
            changed.append(f"custom:{factor.pk}")
    return changed


def has_answers(values: dict[str, Any], custom: dict[CustomFactor, float | None]) -> bool:
    """Whether a check-in's values say anything: one answer, a drink, a medication event or a
    note. Bookkeeping (counts_episodes) is not an answer."""
    answers = {k: v for k, v in values.items() if k != "counts_episodes"}
    given = [*answers.values(), *custom.values()]
    return any(value not in (None, "", [], {}) for value in given)


def check_checkin(
    day: dt.date,
    values: dict[str, Any],
    custom: dict[CustomFactor, float | None],
    *,
    new: bool,
    latest: dt.date | None = None,
) -> None:
    """The rules every check-in follows: a diary day; numbers within their range; notes that
    fit; and a new check-in holds at least one answer, since a stored check-in says the day
    was logged (a day with a check-in and no twitches counts as a day without twitches).
    Raises DiaryInputError."""
    if reason := check_day(day, latest):
        raise DayError(f"{day.isoformat()} {reason}.")
    check_values(values)
    check_notes(values.get("notes") or "")
    if new and not has_answers(values, custom):
        raise EmptyCheckIn(
            "Nothing is filled in, so there is nothing to save. Answer at least one question."
        )


def save_checkin(
    user: User,
    day: dt.date,
    values: dict[str, Any],
    custom: dict[CustomFactor, float | None] | None = None,
    also_noticed: Iterable[str] = (),
) -> tuple[CheckIn, bool]:
    """Create or change the check-in for ``day``. Only the given values are touched.

    A value of None means "not logged" and is stored as such; it never becomes 0.
    """
    custom = custom or {}
    exists = CheckIn.objects.filter(user=user, local_date=day).exists()
    try:
        check_checkin(day, values, custom, new=not exists)
    except EmptyCheckIn:
        # A warning sign ticked on an otherwise empty check-in is kept all the same: its
        # advice must show. The check-in itself is still not made.
        if not check_day(day):
            note_red_flags(user, also_noticed, day)
        raise
    with transaction.atomic():
        checkin, created = CheckIn.objects.select_for_update().get_or_create(
            user=user, local_date=day
        )
        changed = apply_checkin_values(checkin, values, custom)
        if created:
            audit.log(user, "diary.checkin.created", checkin, fields=sorted(changed))
        elif changed:
            audit.log(user, "diary.checkin.updated", checkin, fields=sorted(changed))
        note_red_flags(user, also_noticed, day)
    return checkin, created


def create_checkin(
    user: User,
    day: dt.date,
    values: dict[str, Any],
    custom: dict[CustomFactor, float | None] | None = None,
    client_id: uuid.UUID | None = None,
) -> tuple[CheckIn, bool]:
    """A new check-in (the API's create). A second one for the same day is a conflict."""

    check_checkin(day, values, custom or {}, new=True)

    def conflict(existing: CheckIn) -> DiaryConflict:
        message = f"There is already a check-in for {day.isoformat()}; change that one instead."
        return DiaryConflict(message, existing)

    def make() -> CheckIn:
        checkin = CheckIn.objects.create(user=user, local_date=day, client_id=client_id)
        changed = apply_checkin_values(checkin, values, custom or {})
        audit.log(user, "diary.checkin.created", checkin, fields=sorted(changed))
        return checkin

    try:
        return _create_once(CheckIn, user, client_id, make)
    except IntegrityError:
        # The one-check-in-a-day constraint decides, without a look first: a request racing
        # another for the same day takes exactly the path of one that comes later.
        existing = CheckIn.objects.filter(user=user, local_date=day).first()
        if existing is None:
            raise
        raise conflict(existing) from None


@transaction.atomic
def delete_checkin(user: User, checkin: CheckIn) -> None:
    audit.log(user, "diary.checkin.deleted", checkin)
    checkin.delete()


def previous_checkin(user: User, day: dt.date) -> CheckIn | None:
    """The check-in of the day before ``day``, offered as a starting point."""
    return CheckIn.objects.filter(user=user, local_date=day - dt.timedelta(days=1)).first()


# --- Stress events -------------------------------------------------------------------------


def log_stress_event(
    user: User,
    *,
    kind: str,
    strength: int,
    occurred_at: dt.datetime | None = None,
    notes: str = "",
    client_id: uuid.UUID | None = None,
) -> tuple[StressEvent, bool]:
    fields = {"kind": kind, "strength": strength, "notes": notes}
    return _log_timed(
        StressEvent, user, occurred_at, client_id, "diary.stress_event.created", fields
    )


@transaction.atomic
def update_stress_event(user: User, event: StressEvent, changes: dict[str, Any]) -> StressEvent:
    return _update_timed(user, event, changes, "diary.stress_event.updated")


@transaction.atomic
def delete_stress_event(user: User, event: StressEvent) -> None:
    audit.log(user, "diary.stress_event.deleted", event)
    event.delete()


# --- Custom factors ------------------------------------------------------------------------


def resolve_custom(user: User, values: dict[str, float | None]) -> dict[CustomFactor, float | None]:
    """Values for the person's own factors, by CSV column, checked once for every entry
    point: the column must be one of theirs, a yes/no factor takes 1 or 0, a number is not
    negative; None clears the value. Raises ColumnError."""
    factors = {f.column: f for f in CustomFactor.objects.filter(user=user)}
    unknown = sorted(set(values) - set(factors))
    if unknown:
        raise ColumnError(f"There is no factor with the column {', '.join(unknown)}; add it first.")
    resolved: dict[CustomFactor, float | None] = {}
    for column, value in values.items():
        factor = factors[column]
        rule = own_column(factor.column, factor.kind)
        if value is not None and (reason := check_value(rule, value)):
            raise ColumnError(f"{column} {reason}.")
        resolved[factor] = value
    return resolved


def factor_column(user: User, name: str, exclude: CustomFactor | None = None) -> str:
    """The CSV column for a new factor name; raises ColumnError with a plain reason."""
    if has_control_characters(name):
        raise ColumnError(SINGLE_LINE_MESSAGE)
    column = column_for(name)
    taken = CustomFactor.objects.filter(user=user, column=column)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise ColumnError(f"You already track a factor with the column “{column}”.")
    return column


def add_factor(
    user: User,
    name: str,
    kind: str,
    unit: str = "",
    client_id: uuid.UUID | None = None,
) -> tuple[CustomFactor, bool]:
    def make() -> CustomFactor:
        # Two requests at once take the person's row in turn, so both cannot pass at 19.
        User.objects.select_for_update().filter(pk=user.pk).exists()
        if CustomFactor.objects.filter(user=user).count() >= csvfile.LIMITS.factors:
            raise ColumnError(
                f"You already track {csvfile.LIMITS.factors} factors of your own, the most a "
                "diary can have. Remove one you no longer need to add another."
            )
        factor = CustomFactor.objects.create(
            user=user,
            client_id=client_id,
            name=name.strip(),
            column=factor_column(user, name),
            kind=kind,
            unit=unit.strip(),
        )
        audit.log(user, "diary.factor.created", factor)
        return factor

    try:
        return _create_once(CustomFactor, user, client_id, make)
    except IntegrityError:
        # Another request made a factor with this column between our check and our insert:
        # the same answer as if it had come first.
        column = column_for(name)
        if not CustomFactor.objects.filter(user=user, column=column).exists():
            raise
        raise ColumnError(f"You already track a factor with the column “{column}”.") from None


@transaction.atomic
def update_factor(user: User, factor: CustomFactor, changes: dict[str, Any]) -> CustomFactor:
    """Rename a factor or change its unit. The kind is fixed once values exist."""
    if "name" in changes and changes["name"].strip() != factor.name:
        factor.name = changes["name"].strip()
        factor.column = factor_column(user, factor.name, exclude=factor)
    if "unit" in changes:
        factor.unit = changes["unit"].strip()
    if "kind" in changes and changes["kind"] != factor.kind:
        if factor.values.exists():
            raise ColumnError("This factor already has values, so its kind cannot change.")
        factor.kind = changes["kind"]
    factor.save()
    audit.log(user, "diary.factor.updated", factor, fields=sorted(changes))
    return factor


@transaction.atomic
def delete_factor(user: User, factor: CustomFactor) -> None:
    audit.log(user, "diary.factor.deleted", factor, values=factor.values.count())
    factor.delete()


# --- Red flags and preferences -------------------------------------------------------------


def note_red_flags(user: User, keys: Iterable[str], day: dt.date) -> None:
    """Remember warning signs the person ticked, until they dismiss the advice."""
    keys = [key for key in dict.fromkeys(keys) if key in RED_FLAGS_BY_KEY]
    for key in keys:
        active = RedFlagNote.objects.filter(user=user, key=key, dismissed_at=None).first()
        if active is None:
            RedFlagNote.objects.create(user=user, key=key, noted_on=day)
        elif active.noted_on < day:
            active.noted_on = day
            active.save(update_fields=["noted_on"])
    if keys:
        audit.log(user, "diary.red_flags.noted", None, count=len(keys))


def active_red_flags(user: User) -> list[RedFlagNote]:
    return list(RedFlagNote.objects.filter(user=user, dismissed_at=None))


@transaction.atomic
def dismiss_red_flags(user: User) -> int:
    count = RedFlagNote.objects.filter(user=user, dismissed_at=None).update(
        dismissed_at=timezone.now()
    )
    if count:
        versions.bump(user.pk)  # update() sends no signal (versions.py)
        audit.log(user, "diary.red_flags.dismissed", None, count=count)
    return count


def preferences_for(user: User) -> DiaryPreferences:
    found = DiaryPreferences.objects.filter(user=user).first()
    return found or DiaryPreferences(user=user)


@transaction.atomic
def save_preferences(
    user: User, show_menstruation: bool, log_less: bool, seen_doctor: bool
) -> DiaryPreferences:
    """Save the diary settings. ``seen_doctor`` keeps the date it was first said, so saving
    the page again does not move it."""
    current = preferences_for(user)
    seen_on = (current.seen_doctor_on or today_for(user)) if seen_doctor else None
    prefs, _ = DiaryPreferences.objects.update_or_create(
        user=user,
        defaults={
            "show_menstruation": show_menstruation,
            "log_less": log_less,
            "seen_doctor_on": seen_on,
        },
    )
    fields = ["show_menstruation", "log_less", "seen_doctor_on"]
    audit.log(user, "diary.preferences.updated", prefs, fields=fields)
    return prefs


@transaction.atomic
def record_seen_doctor(user: User) -> DiaryPreferences:
    """The person has seen a doctor about the signs they ticked: hide the advice, and stop
    offering the warning-sign list while they log."""
    prefs, _ = DiaryPreferences.objects.get_or_create(user=user)
    if prefs.seen_doctor_on is None:
        prefs.seen_doctor_on = today_for(user)
        prefs.save(update_fields=["seen_doctor_on"])
        audit.log(user, "diary.preferences.updated", prefs, fields=["seen_doctor_on"])
    dismiss_red_flags(user)
    return prefs


def asks_about_red_flags(user: User) -> bool:
    """Whether logging offers the "Something new or different?" list (not after a doctor)."""
    return preferences_for(user).seen_doctor_on is None
