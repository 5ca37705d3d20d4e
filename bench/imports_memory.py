"""Does reading an Apple Health export take constant memory, whatever its size?

Generates synthetic Apple exports (``export.xml`` zipped, as the Health app makes them) of
several sizes, mostly heart-rate samples as real ones are, with one night of sleep and one
resting heart rate a day, then reads each in a fresh process and prints its time and peak
memory. Constant memory shows as the same peak for every size. Then reads two files no device
writes, each in a fresh process: an export.xml of nothing but ``<a/>`` elements, and a Fitbit
night with thousands of short wakes; each must stay within the same memory and take seconds
at most, or be refused in plain words. Not part of the test run.

    python bench/imports_memory.py --sizes-mb 100 1000 --junk-mb 19 --wakes 16000 50000
"""

import argparse
import datetime as dt
import json
import shlex
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from twitchlog.diary.devices import synthetic as s

FILLER_PER_DAY = 288  # a heart-rate sample every five minutes


def write_export(folder: Path, megabytes: int) -> tuple[Path, int]:
    """A zipped export.xml of about ``megabytes`` MB; returns its path and its days."""
    xml = folder / "export.xml"
    start = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    target = megabytes << 20
    days = 0
    with xml.open("w", encoding="utf-8") as out:
        out.write(s.APPLE_HEAD)
        while out.tell() < target:
            day = start + dt.timedelta(days=days)
            night = s.asleep(day - dt.timedelta(hours=1), day + dt.timedelta(hours=6, minutes=30))
            resting = s.Record(
                "HKQuantityTypeIdentifierRestingHeartRate", "58", day, day, unit="count/min"
            )
            out.write(s.apple_record(night) + s.apple_record(resting))
            out.writelines(s.filler_records(day, FILLER_PER_DAY))
            days += 1
        out.write(s.APPLE_TAIL)
    path = folder / f"export-{megabytes}.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.write(xml, "apple_health_export/export.xml")
    xml.unlink()
    return path, days


READER = """
import json, resource, sys, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo
from twitchlog.diary.devices.days import daily_values
from twitchlog.diary.devices.files import read_export
tz = ZoneInfo("Europe/London")
start = time.perf_counter()
found = daily_values(read_export(Path(sys.argv[1]), "apple", tz), tz)
print(json.dumps({
    "seconds": time.perf_counter() - start,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "sleep_days": len(found.get("sleep_hours", {})),
}))
"""


HOSTILE = """
import datetime as dt, io, json, resource, sys, time
from zoneinfo import ZoneInfo
from twitchlog.diary.devices.apple import read_apple
from twitchlog.diary.devices.fitbit import read_fitbit
from twitchlog.diary.devices.limits import ExportError
from twitchlog.diary.devices.synthetic import fitbit_sleep_log
kind, size = sys.argv[1], int(sys.argv[2])
if kind == "junk":
    data = b"<HealthData>" + b"<a/>" * (size << 18) + b"</HealthData>"
    read = lambda: read_apple(io.BytesIO(data))
else:
    start = dt.datetime(2026, 1, 11)
    wakes = [(start + dt.timedelta(seconds=2 * i + 1), 1) for i in range(size)]
    data = json.dumps([fitbit_sleep_log(start, [("light", 2 * size + 10)], wakes)]).encode()
    read = lambda: read_fitbit([("sleep-2026-01-11.json", data)], ZoneInfo("UTC"))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
begun = time.perf_counter()
try:
    read()
    outcome = "read"
except ExportError as error:
    outcome = "refused: " + str(error)
print(json.dumps({
    "bytes": len(data),
    "seconds": time.perf_counter() - begun,
    "growth_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024,
    "outcome": outcome,
}))
"""


def hostile(kind: str, size: int) -> dict[str, Any]:
    run = subprocess.run(
        [sys.executable, "-c", HOSTILE, kind, str(size)], check=True, capture_output=True, text=True
    )
    return json.loads(run.stdout)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes-mb", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--junk-mb", type=int, nargs="*", default=[19])
    parser.add_argument("--wakes", type=int, nargs="*", default=[16_000, 50_000])
    args = parser.parse_args(argv)
    print("# " + shlex.join(["python", "bench/imports_memory.py", *(argv or sys.argv[1:])]))
    print("| export.xml | zip | days | read time | peak memory | sleep days found |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes_mb:
            made = time.perf_counter()
            path, days = write_export(Path(folder), size)
            made = time.perf_counter() - made
            result = json.loads(
                subprocess.run(
                    [sys.executable, "-c", READER, str(path)],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
            )
            print(
                f"| {size} MB | {path.stat().st_size >> 20} MB | {days} | "
                f"{result['seconds']:.1f} s | {result['peak_mb']:.0f} MB | "
                f"{result['sleep_days']} |",
                flush=True,
            )
            path.unlink()
            print(f"#   (generating it took {made:.0f} s)", file=sys.stderr)
    print()
    print("| file no device writes | size | read time | memory growth | outcome |")
    print("|---|---|---|---|---|")
    rows = [("junk", mb, f"export.xml of {mb << 18:,} <a/>") for mb in args.junk_mb]
    rows += [("wakes", n, f"Fitbit night, {n:,} short wakes") for n in args.wakes]
    for kind, size, label in rows:
        result = hostile(kind, size)
        print(
            f"| {label} | {result['bytes'] / (1 << 20):.1f} MB | {result['seconds']:.2f} s | "
            f"{result['growth_mb']:.0f} MB | {result['outcome']} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
