"""Apple Health's ``export.xml`` (inside ``export.zip`` or on its own). Pure: no Django.

The file is fed to the parser in chunks and no tree is built: every reading Apple writes is in
an element's attributes, so each element is looked at when it starts and then forgotten, and
text between tags is never kept. Memory stays flat however long the history, and whatever else
the file holds (millions of elements Apple never writes, a tag that never ends) costs no more
than the bounds in ``limits`` allow. defusedxml refuses entity declarations, the trick behind
"billion laughs" files; Apple's own export declares none.

Kept: sleep analysis records with an asleep value, exercise time and workouts, resting heart
rate. Everything else (heart rate samples, steps, ...) is skipped unread.
"""

import datetime as dt
from typing import IO
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from twitchlog.diary.devices.days import Period, Readings, Sample
from twitchlog.diary.devices.limits import (
    MAX_XML_DEPTH,
    MAX_XML_ELEMENTS,
    MAX_XML_QUIET_BYTES,
    Budget,
    ExportError,
)

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
CHUNK_BYTES = 1 << 16


def instant(text: str | None) -> dt.datetime:
    """Apple's "2024-03-10 23:12:00 -0800": local time with the offset it was recorded in."""
    if not text:
        raise ValueError("no date")
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S %z")


def _period(attrib: dict[str, str]) -> Period:
    return Period(
        instant(attrib.get("startDate")),
        instant(attrib.get("endDate")),
        attrib.get("sourceName") or "Apple Health",
    )


def _keep(tag: str, attrib: dict[str, str], readings: Readings, budget: Budget) -> None:
    kind = attrib.get("type")
    if tag == "Workout":
        readings.exercise.append(_period(attrib))
    elif kind == SLEEP and attrib.get("value") in ASLEEP:
        readings.sleep.append(_period(attrib))
    elif kind == EXERCISE:
        readings.exercise.append(_period(attrib))
    elif kind == RESTING_HR:
        at = instant(attrib.get("startDate"))
        readings.resting_hr.append(
            Sample(at, float(attrib.get("value", "")), attrib.get("sourceName") or "")
        )
    else:
        return
    budget.spend()


class _Export:
    """The parser's target: sees each element start and end, keeps readings and two counts."""

    def __init__(self) -> None:
        self.readings = Readings()
        self.budget = Budget()
        self.depth = 0  # elements open now
        self.elements = 0  # elements started so far

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if not self.elements and tag != "HealthData":
            raise ExportError("This XML file is not an Apple Health export.")
        self.elements += 1
        self.depth += 1
        if self.depth > MAX_XML_DEPTH:
            raise ExportError(
                "The Apple Health file nests its elements far deeper than a real export does; "
                "it was not imported."
            )
        if self.elements > MAX_XML_ELEMENTS:
            raise ExportError("The Apple Health file holds more elements than one import may read.")
        if tag in ("Record", "Workout"):
            try:
                _keep(tag, attrib, self.readings, self.budget)
            except ExportError:
                raise
            except ValueError:
                pass  # One malformed record (a missing date) is skipped, not the whole file.

    def end(self, tag: str) -> None:
        self.depth -= 1


def read_apple(stream: IO[bytes]) -> Readings:
    export = _Export()
    parser = DefusedXMLParser(target=export)
    try:
        read = counted = 0  # bytes fed, and bytes fed when the last element started
        elements = 0
        while chunk := stream.read(CHUNK_BYTES):
            parser.feed(chunk)
            read += len(chunk)
            if export.elements != elements:
                elements, counted = export.elements, read
            elif read - counted > MAX_XML_QUIET_BYTES:
                raise ExportError(
                    "The Apple Health file has a tag or text far longer than a real export "
                    "does; it was not imported."
                )
        parser.close()
    except DefusedXmlException:
        raise ExportError(
            "This XML file declares entities, which a real Apple Health export never does; "
            "it was not imported."
        ) from None
    except ParseError as error:
        raise ExportError(
            f"The Apple Health file is damaged or cut short (line {error.position[0]})."
        ) from None
    if not export.elements:
        raise ExportError("The Apple Health file is empty.")
    return export.readings
