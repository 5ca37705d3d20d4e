"""``twitchlog log``: log a twitch, a check-in or a stress moment from the command line.

    twitchlog log twitch --user EMAIL --where left-eyelid --feel twitch --strength 4
    twitchlog log checkin --user EMAIL --date 2026-11-20 --sleep-hours 6.5 --caffeine-mg 200
    twitchlog log stress --user EMAIL --kind panic_attack --strength 7

A check-in from the command line changes only the values given; the rest stay as they are.
"""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twitchlog.accounts.lookup import user_by_email
from twitchlog.accounts.models import User
from twitchlog.core.timezones import zone
from twitchlog.diary import services
from twitchlog.diary.columns import (
    FACTOR_COLUMNS,
    DiaryInputError,
    NumberError,
    check_value,
    read_number,
)
from twitchlog.diary.models import CustomFactor
from twitchlog.diary.presets import STRESS_KINDS
from twitchlog.diary.spots import parse_spot
from twitchlog.knowledge.red_flags import RED_FLAGS_BY_KEY
from twitchlog.knowledge.vocabulary import CONTEXTS, DURATIONS, RHYTHMS, SENSATIONS, TIMINGS

YES = {"1", "yes", "y", "true"}
NO = {"0", "no", "n", "false"}


def _slugs(terms: Any) -> list[str]:
    return [t.slug for t in terms]


def _when(text: str | None, user: User) -> dt.datetime | None:
    if not text:
        return None
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--when “{text}” is not a time like 2026-11-20 22:30.") from error
    return when if when.tzinfo else when.replace(tzinfo=zone(user.time_zone))


def _number(name: str, text: str) -> float:
    lowered = text.strip().lower()
    if lowered in YES:
        return 1.0
    if lowered in NO:
        return 0.0
    try:
        return read_number(lowered)
    except NumberError as error:
        raise CommandError(f"--{name.replace('_', '-')} “{text}” {error}.") from error


class Command(BaseCommand):
    help = "Log a twitch, a check-in or a stress moment for a person."

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="entry", required=True, metavar="twitch|checkin|stress")
        twitch = kinds.add_parser("twitch", help="Log one twitch episode.")
        twitch.add_argument("--user", required=True, help="The person's email.")
        twitch.add_argument(
            "--where", required=True, help="Side and region, e.g. left-eyelid or throat."
        )
        twitch.add_argument("--feel", default="twitch", choices=_slugs(SENSATIONS))
        twitch.add_argument("--strength", type=int, choices=range(11), metavar="0-10")
        twitch.add_argument("--when", help="Local time, e.g. 2026-11-20 22:30 (default: now).")
        twitch.add_argument("--duration", default="", choices=[t.slug for t, _ in DURATIONS])
        twitch.add_argument("--rhythm", default="", choices=_slugs(RHYTHMS))
        twitch.add_argument("--context", default="", choices=_slugs(CONTEXTS))
        twitch.add_argument("--timing", default="", choices=_slugs(TIMINGS))
        twitch.add_argument("--notes", default="")
        twitch.add_argument(
            "--noticed",
            action="append",
            default=[],
            choices=sorted(RED_FLAGS_BY_KEY),
            help="A warning sign also noticed (may repeat).",
        )

        checkin = kinds.add_parser("checkin", help="Set values of a day's check-in.")
        checkin.add_argument("--user", required=True, help="The person's email.")
        checkin.add_argument("--date", type=dt.date.fromisoformat, help="Default: today.")
        for column in FACTOR_COLUMNS:
            kind = "yes or no" if column.kind == "binary" else "a number"
            checkin.add_argument(f"--{column.name.replace('_', '-')}", help=kind)
        checkin.add_argument("--twitch-rating", type=int, choices=range(11), metavar="0-10")
        checkin.add_argument(
            "--factor",
            action="append",
            default=[],
            metavar="COLUMN=VALUE",
            help="A value for one of your own factors (may repeat).",
        )
        checkin.add_argument("--notes")

        stress = kinds.add_parser("stress", help="Log a stress moment.")
        stress.add_argument("--user", required=True, help="The person's email.")
        stress.add_argument("--kind", required=True, choices=_slugs(STRESS_KINDS))
        stress.add_argument("--strength", required=True, type=int, choices=range(11))
        stress.add_argument("--when", help="Local time, e.g. 2026-11-20 14:05 (default: now).")
        stress.add_argument("--notes", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_by_email(options["user"])
        try:
            getattr(self, f"_{options['entry']}")(user, options)
        except DiaryInputError as error:
            raise CommandError(str(error)) from error

    def _twitch(self, user: User, options: dict[str, Any]) -> None:
        spot = parse_spot(options["where"])
        episode, _ = services.log_episode(
            user,
            region=spot.region,
            side=spot.side,
            sensation=options["feel"],
            occurred_at=_when(options["when"], user),
            strength=options["strength"],
            duration=options["duration"],
            rhythm=options["rhythm"],
            context=options["context"],
            timing=options["timing"],
            notes=options["notes"],
            also_noticed=options["noticed"],
        )
        self.stdout.write(f"Logged a twitch for {episode.local_date.isoformat()}.")

    def _checkin(self, user: User, options: dict[str, Any]) -> None:
        day = options["date"] or services.today_for(user)
        values: dict[str, Any] = {}
        for column in FACTOR_COLUMNS:
            text = options[column.name]
            if text is None:
                continue
            value = _number(column.name, text)
            if reason := check_value(column, value):
                raise CommandError(f"--{column.name.replace('_', '-')} {text}: {reason}.")
            if column.kind == "binary":
                values[column.field] = value == 1
            else:
                values[column.field] = int(value) if column.integer else value
        if options["twitch_rating"] is not None:
            values["twitch_rating"] = options["twitch_rating"]
        if options["notes"] is not None:
            values["notes"] = options["notes"]
        custom = self._custom(user, options["factor"])
        if not values and not custom:
            raise CommandError("Give at least one value, e.g. --sleep-hours 7.")
        _, created = services.save_checkin(user, day, values, custom)
        verb = "Saved" if created else "Updated"
        self.stdout.write(f"{verb} the check-in for {day.isoformat()}.")

    def _custom(self, user: User, pairs: list[str]) -> dict[CustomFactor, float | None]:
        values: dict[str, float | None] = {}
        for pair in pairs:
            column, _, text = pair.partition("=")
            values[column] = _number(column, text)
        return services.resolve_custom(user, values)

    def _stress(self, user: User, options: dict[str, Any]) -> None:
        event, _ = services.log_stress_event(
            user,
            kind=options["kind"],
            strength=options["strength"],
            occurred_at=_when(options["when"], user),
            notes=options["notes"],
        )
        self.stdout.write(f"Logged a stress moment for {event.local_date.isoformat()}.")
