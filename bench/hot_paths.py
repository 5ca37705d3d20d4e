"""What each hot path costs in-process: CPU milliseconds and queries per request, and why.

Drives the full middleware stack with Django's test client (no server, no network), for one
person with a year of diary (365 check-ins, about 700 twitches), the same shape as
``http_load.py``'s population. Cheap and steady enough to compare before and after a change
on a busy machine, where the HTTP bench is not. Not part of the test run.

    python bench/hot_paths.py                       # SQLite in a temporary folder
    DATABASE_URL=postgres://.../db python bench/hot_paths.py   # an empty database of yours
    python bench/hot_paths.py --profile home        # cProfile of one path, top functions
"""

import argparse
import cProfile
import datetime as dt
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def setup() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("TWITCHLOG_DATA_DIR", tempfile.mkdtemp(prefix="twitchlog_hot_"))
    os.environ.setdefault("SECRET_KEY", "hot-paths")
    os.environ.setdefault("TWITCHLOG_LOG_LEVEL", "WARNING")
    os.environ["ALLOWED_HOSTS"] = "testserver"  # the test client's host
    os.environ["DJANGO_SETTINGS_MODULE"] = "twitchlog.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def populate() -> tuple[Any, str]:
    from django.db import transaction

    from twitchlog.accounts.models import User
    from twitchlog.accounts.services import create_token
    from twitchlog.diary import versions
    from twitchlog.diary.models import CheckIn, Episode

    rng = random.Random(0)
    today = dt.date.today()
    with transaction.atomic():
        user = User.objects.create_user(
            f"hot{uuid.uuid4().hex[:8]}@example.org", "hot paths 1", time_zone="Europe/London"
        )
        checkins, episodes = [], []
        for d in range(1, 366):
            day = today - dt.timedelta(days=d)
            checkins.append(
                CheckIn(
                    user=user,
                    local_date=day,
                    sleep_hours=rng.choice([5, 6, 7, 8]),
                    caffeine_mg=rng.choice([0, 100, 200]),
                    stress_level=rng.randint(0, 10),
                )
            )
            for k in range(rng.randint(0, 4)):
                at = dt.datetime.combine(day, dt.time(8 + 3 * k), tzinfo=dt.UTC)
                episodes.append(
                    Episode(
                        user=user,
                        occurred_at=at,
                        local_date=day,
                        time_zone="Europe/London",
                        region="calf",
                        side="left",
                        sensation="twitch",
                    )
                )
        CheckIn.objects.bulk_create(checkins, batch_size=2000)
        Episode.objects.bulk_create(episodes, batch_size=2000)
        versions.bump(user.pk)
    return user, create_token(user, "hot paths")[1]


def paths(writer: tuple[Any, str], reader: tuple[Any, str]) -> dict[str, Callable[[], Any]]:
    """Writers and readers are different people, as in http_load.py: the twitches logged
    here would otherwise pile up on the pages read (and make the insights report stale)."""
    from django.test import Client

    plain = Client()
    session, reading = Client(), Client()
    session.force_login(writer[0])
    reading.force_login(reader[0])
    token = Client(HTTP_AUTHORIZATION=f"Bearer {writer[1]}")
    reading_token = Client(HTTP_AUTHORIZATION=f"Bearer {reader[1]}")

    def api_log() -> Any:
        body = {"region": "calf", "side": "left", "sensation": "twitch"}
        return token.post(
            "/api/diary/episodes",
            {**body, "client_id": str(uuid.uuid4())},
            content_type="application/json",
        )

    def form_log() -> (
        Any
    ):  # url-encoded, as a browser sends it (the test client's own is multipart)
        body = "step=details&region=calf&side=left&sensation=twitch&client_id=" + str(uuid.uuid4())
        response = session.post("/diary/log/", body, "application/x-www-form-urlencoded")
        # A browser follows the redirect and shows "Your twitch is logged.", which empties the
        # messages cookie; not following it would pile up hundreds of messages in it.
        session.cookies.pop("messages", None)
        return response

    return {
        "healthz": lambda: plain.get("/healthz"),
        "api-log": api_log,
        "form-log": form_log,
        "home": lambda: reading.get("/home/"),
        "diary": lambda: reading.get("/diary/"),
        "insights": lambda: reading_token.get("/api/insights/report"),
    }


def measure(call: Callable[[], Any], repeat: int) -> tuple[float, float, int, int]:
    """(median and mean CPU ms, queries, status) of ``repeat`` requests, after a warm-up.
    The mean carries the garbage collector's occasional full collections."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        call()
    with CaptureQueriesContext(connection) as queries:
        status = call().status_code
    count = len(queries)  # now: the next request's reset_queries() empties the log
    # CPU time of this process (SQLite runs inside it): steady on a machine busy with other
    # work, where wall-clock time is not. On PostgreSQL it leaves out the server's share.
    times = []
    for _ in range(repeat):
        begin = time.process_time()
        call()
        times.append(time.process_time() - begin)
    return 1000 * statistics.median(times), 1000 * statistics.mean(times), count, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--profile", help="print a cProfile of this path instead")
    parser.add_argument("--queries", help="print the SQL of one request of this path")
    parser.add_argument("--top", type=int, default=35)
    args = parser.parse_args()
    setup()
    from django.db import connection

    calls = paths(populate(), populate())
    from twitchlog.core.warmup import warm_up

    warm_up()  # as a server does at start-up
    calls["insights"]()  # works out the reader's insights report once, as a first visit does
    if args.queries:
        from django.test.utils import CaptureQueriesContext

        calls[args.queries]()
        with CaptureQueriesContext(connection) as queries:
            calls[args.queries]()
        for query in queries:
            print(query["sql"][:300])
        return
    if args.profile:
        call = calls[args.profile]
        for _ in range(5):
            call()
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.repeat):
            call()
        profile.disable()
        stats = pstats.Stats(profile).strip_dirs().sort_stats("cumulative")
        stats.print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
        return
    print(f"# {connection.vendor}, {args.repeat} requests per path, median CPU time")
    print("| path | median ms | mean ms | queries | status |")
    print("|---|---|---|---|---|")
    for name, call in calls.items():
        median, mean, queries, status = measure(call, args.repeat)
        print(f"| {name} | {median:.2f} | {mean:.2f} | {queries} | {status} |", flush=True)


if __name__ == "__main__":
    main()
