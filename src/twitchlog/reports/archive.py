"""Everything a person has logged, as one zip file of plain CSV and JSON files.

The files are listed in ``FILES`` in the order they are written, each with the line the
README gives it, so the archive and its README cannot disagree. Nothing secret to the account
goes in: no password hash, no API token or its hash (only the tokens' names and dates).
"""

import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable
from functools import cache
from typing import Any

from django.utils import timezone

from twitchlog.accounts.models import ApiToken, User
from twitchlog.assessments.models import AssessmentResult
from twitchlog.core.timezones import zone
from twitchlog.diary import transfer
from twitchlog.diary.csvfile import write_rows
from twitchlog.diary.models import CheckIn, CustomFactor, RedFlagNote, StressEvent
from twitchlog.diary.presets import DRINKS_BY_SLUG, MEDICATION_EVENTS
from twitchlog.diary.services import preferences_for
from twitchlog.experiments import export as experiments
from twitchlog.insights import services as insights
from twitchlog.knowledge.factors import OUTCOMES
from twitchlog.knowledge.red_flags import RED_FLAGS_BY_KEY
from twitchlog.reports import bundle
from twitchlog.therapists.models import Appointment

# core.timezones.zone() checks the name against the zone list on disk on every call, which
# adds up over thousands of rows; an export meets only a zone or two, so each is looked up once.
_zone = cache(zone)

STRESS_HEADER = ("date", "time", "time_zone", "occurred_at_utc", "kind", "strength", "notes")


def _utc(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _local(value: dt.datetime, zone_name: str) -> str:
    return value.astimezone(_zone(zone_name)).isoformat()


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def account(user: User) -> str:
    tokens = ApiToken.objects.filter(user=user).order_by("created_at", "pk")
    return _json(
        {
            "email": user.email,
            "name": user.display_name,
            "time_zone": user.time_zone,
            "country": user.country,
            "health_data_consent_at": _utc(user.health_data_consent_at),
            "joined_at": _utc(user.date_joined),
            "diary_settings": {"show_menstruation": preferences_for(user).show_menstruation},
            "api_tokens": [
                {
                    "name": token.name,
                    "created_at": _utc(token.created_at),
                    "last_used_at": _utc(token.last_used_at),
                }
                for token in tokens
            ],
        }
    )


def checkin_details(user: User) -> str:
    """What a check-in holds beyond the daily CSV's numbers: notes, drinks, medicine changes."""
    medication = {term.slug: term.label for term in MEDICATION_EVENTS}
    rows = []
    for checkin in CheckIn.objects.filter(user=user).order_by("local_date"):
        drinks = {slug: n for slug, n in checkin.caffeine_drinks.items() if n}
        if not (checkin.notes or drinks or checkin.medication_events):
            continue
        rows.append(
            {
                "date": checkin.local_date.isoformat(),
                "notes": checkin.notes,
                "caffeine_drinks": [
                    {
                        "drink": slug,
                        "label": DRINKS_BY_SLUG[slug].label if slug in DRINKS_BY_SLUG else slug,
                        "count": n,
                    }
                    for slug, n in sorted(drinks.items())
                ],
                "medication_events": [
                    {"event": slug, "label": medication.get(slug, slug)}
                    for slug in checkin.medication_events
                ],
            }
        )
    return _json(rows)


def stress_moments(user: User) -> str:
    events = StressEvent.objects.filter(user=user).order_by("occurred_at", "pk")
    return write_rows(
        STRESS_HEADER,
        (
            [
                e.local_date.isoformat(),
                e.occurred_at.astimezone(_zone(e.time_zone)).strftime("%H:%M"),
                e.time_zone,
                _utc(e.occurred_at),
                e.kind,
                e.strength,
                e.notes,
            ]
            for e in events
        ),
    )


def custom_factors(user: User) -> str:
    return _json(
        [
            {
                "name": f.name,
                "column": f.column,
                "kind": f.kind,
                "unit": f.unit,
                "created_at": _utc(f.created_at),
            }
            for f in CustomFactor.objects.filter(user=user).order_by("created_at", "pk")
        ]
    )


def red_flags(user: User) -> str:
    rows = []
    for note in RedFlagNote.objects.filter(user=user).order_by("noted_on", "pk"):
        flag = RED_FLAGS_BY_KEY.get(note.key)
        rows.append(
            {
                "key": note.key,
                "sign": flag.label if flag else note.key,
                "why": flag.why if flag else "",
                "see_a_doctor": flag.urgency if flag else "",
                "noted_on": note.noted_on.isoformat(),
                "dismissed_at": _utc(note.dismissed_at),
            }
        )
    return _json(rows)


def assessments(user: User) -> str:
    rows = []
    for result in AssessmentResult.objects.filter(user=user).order_by("taken_at", "pk"):
        instrument = result.definition
        rows.append(
            {
                "id": result.pk,
                "instrument": result.instrument,
                "questionnaire": f"{instrument.name}: {instrument.title}",
                "taken_at": _utc(result.taken_at),
                "taken_at_local": _local(result.taken_at, user.time_zone),
                "score": result.score,
                "max_score": result.max_score,
                "band": result.band,
                "positive_screen": result.positive_screen,
                "safety_alert": result.safety_alert,
                "subscales": result.subscales,
                "difficulty": result.difficulty_label or None,
                "answers": [
                    {"number": row["number"], "question": row["text"], "answer": row["answer"]}
                    for row in result.answer_rows()
                ],
                "answer_values": result.answers,
            }
        )
    return _json(rows)


def insight_reports(user: User) -> str:
    reports = {}
    for outcome in OUTCOMES:
        stored = insights.current_report(user, outcome).stored
        reports[outcome] = {**stored.report, "computed_at": _utc(stored.computed_at)}
    return _json(reports)


def appointments(user: User) -> str:
    rows = []
    found = Appointment.objects.filter(client=user).select_related("therapist").order_by("start")
    for a in found:
        rows.append(
            {
                "therapist": a.therapist.name,
                "start_utc": _utc(a.start),
                "end_utc": _utc(a.end),
                "start_local": _local(a.start, user.time_zone),
                "end_local": _local(a.end, user.time_zone),
                "time_zone": user.time_zone,
                "session_format": a.get_session_format_display(),
                "status": a.status,
                "booked_at": _utc(a.created_at),
                "cancelled_at": _utc(a.cancelled_at),
                "shared_with_therapist": a.shared_at is not None,
                "shared_at": _utc(a.shared_at),
            }
        )
    return _json(rows)


def assessments_fhir(user: User) -> str:
    return bundle.to_json(bundle.questionnaire_bundle(user))


# (file name, what the README says it holds, how it is made), in the order written.
FILES: tuple[tuple[str, str, Callable[[User], str]], ...] = (
    (
        "account.json",
        "Your account: email, name, time zone, country, when you agreed to us keeping your "
        "health data, when you joined, your diary settings, and the names and dates of your "
        "API tokens (never the tokens themselves, and never your password).",
        account,
    ),
    (
        "diary_daily.csv",
        "Your diary, one row per day: twitches logged, the day's overall twitching and every "
        "factor from the evening check-in. An empty cell means you did not log it, not zero. "
        "This is the same file as the diary's own download and can be imported again.",
        transfer.export_daily,
    ),
    (
        "diary_episodes.csv",
        "Every twitch you logged, one row each: date and time (your local time and UTC), "
        "where, what it felt like, how strong, and the other details and notes.",
        transfer.export_episodes,
    ),
    (
        "checkin_details.json",
        "What your check-ins hold beyond the numbers: notes, the drinks that made up your "
        "caffeine, and medicine changes.",
        checkin_details,
    ),
    (
        "stress_moments.csv",
        "Every moment of acute stress you logged (a panic attack, a fright, bad news), with "
        "its time, kind, strength and notes.",
        stress_moments,
    ),
    (
        "custom_factors.json",
        "The factors you added yourself, with their column names in the daily file.",
        custom_factors,
    ),
    (
        "red_flags.json",
        "Warning signs you ticked while logging, when, what we advised, and when you "
        "dismissed the reminder.",
        red_flags,
    ),
    (
        "assessments.json",
        "Every questionnaire you completed: each question with your answer, the score, what "
        "band it fell in, and when you took it.",
        assessments,
    ),
    (
        "assessments_fhir.json",
        "The same questionnaire results as a FHIR bundle (QuestionnaireResponse resources), "
        "a format health record systems can read.",
        assessments_fhir,
    ),
    (
        "insights.json",
        "What your diary shows about what drives your twitching, for the number of twitches "
        "and for the day's overall twitching, as the Insights page last worked it out.",
        insight_reports,
    ),
    (
        "experiments.json",
        "Your self-experiments: each registered plan (the change, what was measured, the "
        "randomised schedule and the analysis), the days you answered “kept to the plan?”, "
        "whether you stopped early, and the result.",
        experiments.to_json,
    ),
    (
        "appointments.json",
        "Your appointments with therapists: who, when (in UTC and in your own time), how, "
        "whether it went ahead or was cancelled, and whether you shared your summary.",
        appointments,
    ),
)


def readme(user: User, now: dt.datetime) -> str:
    local = now.astimezone(zone(user.time_zone))
    lines = [
        "Your Twitchlog data",
        "===================",
        "",
        f"Everything you have logged in Twitchlog, downloaded on {local:%d %B %Y at %H:%M} "
        f"({user.time_zone}).",
        "",
        "The .csv files open in any spreadsheet. The .json files are plain text that other "
        "apps, or a person who writes code, can read. Times marked UTC are world time; your "
        "diary days are dates in your own time zone.",
        "",
        "What each file holds:",
        "",
    ]
    for name, about, _ in FILES:
        lines += [name, f"  {about}", ""]
    lines += [
        "Keep this file somewhere safe: it is health information about you.",
        "",
    ]
    return "\n".join(lines)


def build(user: User, now: dt.datetime | None = None) -> bytes:
    """The zip file, its members always in the same order and stamped with ``now``."""
    now = now or timezone.now()
    stamp = now.astimezone(zone(user.time_zone)).timetuple()[:6]
    members = [("README.txt", readme(user, now))]
    members += [(name, make(user)) for name, _, make in FILES]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return out.getvalue()
