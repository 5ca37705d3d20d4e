"""The driver analysis of a person's own diary, computed when the diary changes and kept.

Reading the diary into its daily table takes milliseconds; the analysis takes tens of
milliseconds to a second. So every view builds the table, hashes it, and reruns the analysis
only when the hash differs from the stored report's. No signal from the diary is needed, and
a diary changed by import, API or command line is picked up just the same.
"""

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
from twitchlog.insights.models import InsightReport

# The source files whose code decides a report: the engine and the project modules it imports
# (tests/insights/test_page.py checks this list against the imports). A change to any of them
# makes stored reports recompute.
ENGINE_SOURCES = (
    "insights/design.py",
    "insights/engine.py",
    "insights/errors.py",
    "insights/fitting.py",
    "insights/frame.py",
    "insights/glm.py",
    "insights/load.py",
    "insights/loadfit.py",
    "insights/report.py",
    "insights/reverse.py",
    "insights/selection.py",
    "insights/wording.py",
    "knowledge/factors.py",
)


@cache
def engine_fingerprint() -> str:
    package = Path(__file__).parents[1]
    digest = hashlib.sha256()
    for source in ENGINE_SOURCES:
        digest.update((package / source).read_bytes())
    return digest.hexdigest()


def empty_report(outcome: str) -> dict[str, Any]:
    """The report of a diary with nothing in it yet, in the engine's shape."""
    return {
        "outcome": outcome,
        "days_used": 0,
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
    frame: Any  # the daily table (pandas.DataFrame) the report was computed from


def current_report(user: User, outcome: str) -> Current:
    """The person's report for ``outcome``, recomputed first if the diary has changed."""
    from twitchlog.diary.daily import daily_frame
    from twitchlog.insights.engine import analyze
    from twitchlog.insights.frame import DiaryError

    frame = daily_frame(user)
    digest = hashlib.sha256(engine_fingerprint().encode())
    digest.update(outcome.encode())
    digest.update(frame.to_csv(index=False).encode())
    fingerprint = digest.hexdigest()

    stored = InsightReport.objects.filter(user=user, outcome=outcome).first()
    if stored is not None and stored.fingerprint == fingerprint:
        return Current(stored, frame)

    started = time.perf_counter()
    try:
        report = analyze(frame, outcome).to_dict()
    except DiaryError:
        report = empty_report(outcome)
    fields = {
        "fingerprint": fingerprint,
        "report": report,
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
    return Current(stored, frame)


def custom_labels(user: User) -> dict[str, str]:
    """CSV column -> the name the person gave their own factors."""
    from twitchlog.diary.models import CustomFactor

    return dict(CustomFactor.objects.filter(user=user).values_list("column", "name"))
