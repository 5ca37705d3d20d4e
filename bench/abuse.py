"""What the worst upload of each kind costs the server: time and peak memory.

Each case runs in a fresh Python process against a throwaway SQLite database in a temporary
folder, through Django's test client (no network at all), and prints the request's time, the
process's peak memory above what it held before the request, and the answer's status code.

    python bench/abuse.py                  # every case, against this checkout
    PYTHONPATH=/path/to/old/src python bench/abuse.py --cases header-16k import-5000x10 bomb-8900

The second form measures an older checkout (its ``src``) with the same cases, for a before and
after. Every case is bounded: a case that runs past --timeout seconds is stopped and reported.
"""

import argparse
import io
import os
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

CASES = {
    "header-16k": "CSV header: 16,000 columns (101 KB) with one repeat",
    "header-5mb": "CSV header: one 5 MB line of 800,000 columns",
    "import-5000x10": "CSV import: 5,000 days x 10 new columns",
    "import-largest": "CSV import: 10,000 days x 19 standard + 20 new columns",
    "bomb-8900": "Photo: an 8,900 x 8,900 PNG (a few KB), form otherwise valid",
    "photo-5000": "Photo: a 5,000 x 5,000 PNG, the largest accepted",
}

APPLICATION = {
    "name": "Bench Therapist",
    "credentials": "MA Clinical Psychology",
    "qualification": "master",
    "licence_number": "PYL12345",
    "licence_body": "HCPC",
    "jurisdiction": "United Kingdom",
    "lived_experience": "on",
    "approaches": ["cbt"],
    "languages": ["en"],
    "formats": ["video"],
    "session_minutes": "50",
    "fee": "80",
    "currency": "GBP",
    "time_zone": "Europe/London",
    "bio": "I help people out of anxiety.",
}


def _header(columns: int) -> bytes:
    names = ",".join(f"c{i}" for i in range(columns))
    return f"date,{names},c7\n2026-11-01\n".encode()


def _import(days: int, standard: bool, new_columns: int) -> bytes:
    import datetime as dt

    names = ["sleep_hours", "caffeine_mg", "nicotine", "stress_level"] if standard else []
    if standard:
        names += [
            "sleep_quality", "alcohol_units", "recreational_drugs", "water_l", "missed_meals",
            "exercise_min", "anxiety_episodes", "overbreathing", "magnesium_mg", "calcium_mg",
            "vitamin_d_iu", "medication_change", "menstruating", "twitch_count",
            "twitch_severity",
        ]  # fmt: skip
    names += [f"new_factor_{i}" for i in range(new_columns)]
    lines = ["date," + ",".join(names)]
    first = dt.date(1990, 1, 1)
    for n in range(days):
        cells = []
        for name in names:
            binary = name in ("nicotine", "recreational_drugs", "medication_change", "menstruating")
            cells.append(str(n % 2) if binary else str(n % 7))
        lines.append(f"{first + dt.timedelta(days=n)}," + ",".join(cells))
    return ("\n".join(lines) + "\n").encode()


def _png(side: int, mode: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new(mode, (side, side)).save(out, "PNG")
    return out.getvalue()


def _run_case(case: str) -> str:
    """Inside the child process: set up, measure one request, return the result line."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "twitchlog.settings"
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    from twitchlog.accounts.models import User

    user = User.objects.create_user("bench@example.org", "bench password 123")
    client = Client()
    client.force_login(user)

    post: Callable[[], Any]
    if case.startswith("header") or case.startswith("import"):
        body = {
            "header-16k": lambda: _header(16_000),
            "header-5mb": lambda: _header(800_000),
            "import-5000x10": lambda: _import(5_000, False, 10),
            "import-largest": lambda: _import(10_000, True, 20),
        }[case]()

        def post() -> Any:
            upload = SimpleUploadedFile("diary.csv", body, "text/csv")
            return client.post("/diary/import/", {"file": upload})
    else:
        png = _png(8_900, "1") if case == "bomb-8900" else _png(5_000, "RGB")

        def post() -> Any:
            upload = SimpleUploadedFile("me.png", png, "image/png")
            return client.post("/therapists/apply/", {**APPLICATION, "photo": upload})

    size = len(body) if "body" in locals() else len(png)
    # Warm up: the first request to a page loads code and templates; that is not the upload.
    bad_csv = SimpleUploadedFile("d.csv", b"date,x\nnot a date,1\n", "text/csv")
    client.post("/diary/import/", {"file": bad_csv})
    client.post("/therapists/apply/", {**APPLICATION, "name": ""})
    before_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    response = post()
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return (
        f"{case:15} {size / 1024:9,.0f} KB upload  {seconds:8.2f} s  "
        f"peak +{(peak_kb - before_kb) / 1024:7,.0f} MB  status {response.status_code}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="*", default=list(CASES), choices=list(CASES))
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(_run_case(args.child))
        return
    print(
        "# " + shlex.join(["python", "bench/abuse.py", *(sys.argv[1:] if argv is None else argv)])
    )
    import twitchlog

    print(f"# twitchlog from {os.path.dirname(twitchlog.__file__)}")
    for case in args.cases:
        print(f"# {case}: {CASES[case]}")
        with tempfile.TemporaryDirectory() as data_dir:
            env = {**os.environ, "TWITCHLOG_DATA_DIR": data_dir, "TWITCHLOG_LOG_LEVEL": "ERROR"}
            try:
                done = subprocess.run(
                    [sys.executable, __file__, "--child", case],
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=args.timeout,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                print(f"{case:15} stopped after {args.timeout:.0f} s")
                continue
        lines = done.stdout.strip().splitlines()
        print(
            lines[-1]
            if done.returncode == 0 and lines
            else f"{case:15} failed: {done.stderr[-500:]}"
        )


if __name__ == "__main__":
    main()
