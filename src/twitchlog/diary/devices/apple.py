"""Apple Health's ``export.xml`` (inside ``export.zip`` or on its own). Pure: no Django.

The file is read as a stream (``iterparse``), and each element is dropped as soon as it has
been read, so memory stays flat however long the history. defusedxml refuses entity
declarations, the trick behind "billion laughs" files; Apple's own export declares none.

Kept: sleep analysis records with an asleep value, exercise time and workouts, resting heart
rate. Everything else (heart rate samples, steps, ...) is skipped unread.
"""

import datetime as dt
from typing import IO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from twitchlog.diary.devices.days import Period, Readings, Sample
from twitchlog.diary.devices.limits import Budget, ExportError

SLEEP = "HKCategoryTypeIdentifierSleepAnalysis"
ASLEEP = frozenset(
    {
        "HKCategoryValueSleepAnalysisAsleep",  # before iOS 16
        "HKCategoryValueSleepAnalysisAsleepUnspecified",
        "HKCategoryValueSleepAnalysisAsleepCore",
        "HKCategoryValueSleepAnalysisAsleepDeep",
        "HKCategoryValueSleepAnalysisAsleepREM",
    }
)
EXERCISE = "HKQuantityTypeIdentifierAppleExerciseTime"
RESTING_HR = "HKQuantityTypeIdentifierRestingHeartRate"


def instant(text: str | None) -> dt.datetime:
    """Apple's "2024-03-10 23:12:00 -0800": local time with the offset it was recorded in."""
    if not text:
        raise ValueError("no date")
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S %z")


def _period(element: Element) -> Period:
    return Period(
        instant(element.get("startDate")),
        instant(element.get("endDate")),
        element.get("sourceName") or "Apple Health",
    )


def _keep(element: Element, readings: Readings, budget: Budget) -> None:
    kind = element.get("type")
    if element.tag == "Workout":
        readings.exercise.append(_period(element))
    elif kind == SLEEP and element.get("value") in ASLEEP:
        readings.sleep.append(_period(element))
    elif kind == EXERCISE:
        readings.exercise.append(_period(element))
    elif kind == RESTING_HR:
        at = instant(element.get("startDate"))
        readings.resting_hr.append(
            Sample(at, float(element.get("value", "")), element.get("sourceName") or "")
        )
    else:
        return
    budget.spend()


def read_apple(stream: IO[bytes]) -> Readings:
    readings = Readings()
    budget = Budget()
    root: Element | None = None
    seen_root = False
    try:
        for event, element in iterparse(stream, events=("start", "end")):
            if event == "start":
                if not seen_root:
                    seen_root = True
                    root = element
                    if element.tag != "HealthData":
                        raise ExportError("This XML file is not an Apple Health export.")
                continue
            if element.tag in ("Record", "Workout"):
                try:
                    _keep(element, readings, budget)
                except ValueError as error:
                    if isinstance(error, ExportError):
                        raise
                    # One malformed record (a missing date) is skipped, not the whole file.
                if root is not None:
                    root.clear()
    except DefusedXmlException:
        raise ExportError(
            "This XML file declares entities, which a real Apple Health export never does; "
            "it was not imported."
        ) from None
    except ParseError as error:
        raise ExportError(
            f"The Apple Health file is damaged or cut short (line {error.position[0]})."
        ) from None
    if not seen_root:
        raise ExportError("The Apple Health file is empty.")
    return readings
