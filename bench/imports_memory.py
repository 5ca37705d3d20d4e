"""Does reading an Apple Health export take constant memory, whatever its size?

Generates synthetic Apple exports (``export.xml`` zipped, as the Health app makes them) of
several sizes, mostly heart-rate samples as real ones are, with one night of sleep and one
resting heart rate a day, then reads each in a fresh process and prints its time and peak
memory. Constant memory shows as the same peak for every size. Not part of the test run.

    python bench/imports_memory.py --sizes-mb 100 1000
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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes-mb", type=int, nargs="+", default=[100, 1000])
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


if __name__ == "__main__":
    main()
