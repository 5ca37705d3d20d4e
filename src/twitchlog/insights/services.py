"""The driver analysis of a person's own diary, computed when the diary changes and kept.

Every diary write bumps the person's diary version in the same transaction
(diary/versions.py).  A stored report is current while its diary version and its engine
fingerprint (the engine's code and the outcome) still match: showing it then costs two small
queries and reads no diary rows.  Otherwise the daily table is built and analysed again.
"""

import datetime as dt
import hashlib
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from twitchlog.accounts.models import User
from twitchlog.core import audit
from twitchlog.diary import versions
from twitchlog.insights.models import InsightReport

# The source files whose code decides a report: the engine and the project modules it imports
# (tests/insights/test_page.py checks this list against the imports). A change to any of them
# makes stored reports recompute.
ENGINE_SOURCES = (
    "insights/cycle.py",
    "insights/design.py",
    "insights/engine.py",
    "insights/errors.py",
    "insights/fitting.py",
    "insights/frame.py",
    "insights/glm.py",
    "insights/joint.py",
    "insights/load.py",
    "insights/loadfit.py",
    "insights/report.py",
    "insights/reverse.py",
    "insights/selection.py",
    "insights/wording.py",
    "knowledge/factors.py",
)


@cache
def engine_fingerprint(outcome: str) -> str:
    package = Path(__file__).parents[1]
    digest = hashlib.sha256(outcome.encode())
    for source in ENGINE_SOURCES:
        digest.update((package / source).read_bytes())
    return digest.hexdigest()


def empty_report(outcome: str) -> dict[str, Any]:
    """The report of a diary with nothing in it yet, in the engine's shape."""
    return {
        "outcome": outcome,
        "days_used": 0,
        "days_left_out": 0,
        "findings": [],
        "load": {
            "factor": "anxiety_episodes",
            "available": False,
            "verdict": "not_enough_data",
            "summary": "Nothing is logged yet, so there is no stress build-up to show.",
            "dates": [],
            "values": [],
        },
    }


@dataclass(frozen=True)
class Current:
    stored: InsightReport

    def outcome_by_day(self) -> dict[dt.date, float]:
        """The outcome per logged day, from when the report was computed (for the chart)."""
        days = self.stored.outcome_days or {}
        return {dt.date.fromisoformat(day): float(value) for day, value in days.items()}


def current_report(user: User, outcome: str) -> Current:
    """The person's report for ``outcome``, recomputed first if the diary has changed.

    A process that has read or computed it at this diary version keeps it in memory
    (versions.remembered), so showing it again costs the version's query alone."""
    found = versions.remembered(
        user, ("insights", outcome), lambda version: _report_at(user, outcome, version)
    )
    if found.stored.fingerprint != engine_fingerprint(outcome):  # changed under our feet
        found = _report_at(user, outcome, versions.current(user))
    return found


def _report_at(user: User, outcome: str, version: int) -> Current:
    # The version is read before the diary: a write in between leaves the stored report
    # one version behind, so the next visit computes again (never the other way round).
    fingerprint = engine_fingerprint(outcome)
    stored = InsightReport.objects.filter(user=user, outcome=outcome).first()
    if stored is not None and (stored.diary_version, stored.fingerprint) == (version, fingerprint):
        return Current(stored)

    from twitchlog.diary.daily import daily_frame
    from twitchlog.insights.engine import analyze
    from twitchlog.insights.frame import DiaryError

    frame = daily_frame(user)
    started = time.perf_counter()
    try:
        report = analyze(frame, outcome).to_dict()
    except DiaryError:
        report = empty_report(outcome)
    logged = frame[["date", outcome]].dropna() if outcome in frame else frame.iloc[0:0]
    fields = {
        "fingerprint": fingerprint,
        "diary_version": version,
        "report": report,
        "outcome_days": {
            stamp.date().isoformat(): float(value)
            for stamp, value in logged.itertuples(index=False)
        },
        "computed_at": timezone.now(),
        "compute_ms": round(1000 * (time.perf_counter() - started)),
    }
    try:
        with transaction.atomic():
            stored, _ = InsightReport.objects.update_or_create(
                user=user, outcome=outcome, defaults=fields
            )
            audit.log(user, "insights.computed", stored, outcome=outcome)
    except IntegrityError:
        # Another process stored the same diary's report a moment ago; theirs is as good.
        stored = InsightReport.objects.get(user=user, outcome=outcome)
    return Current(stored)


def custom_labels(user: User) -> dict[str, str]:
    """CSV column -> the name the person gave their own factors."""
    from twitchlog.diary.models import CustomFactor

    return dict(CustomFactor.objects.filter(user=user).values_list("column", "name"))
