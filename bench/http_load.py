"""How fast are the product's hot paths, against the framework's own ceiling on the same server?

Starts gunicorn (two workers) on a PostgreSQL database of its own, fills it with a population
(people with a year of diary each, plus the demo), and drives a bounded, loopback-only load on
each path at several client counts. Each path is reported as requests/s, p50/p95/p99 latency
and its ratio to the bare view (``/healthz``, one query) measured in the same run; then the
population grows and the same is measured again, since a person's pages must not slow down as
others join. Not part of the test run.

    python bench/http_load.py --people 10 1000 --clients 1 20 50 --seconds 5

Paths: log a twitch through the API and through the form, open home, open the diary, read a
current insights report, book a slot (a 409 "just taken" counts as an answer, as it is one).
"""

import argparse
import http.client
import json
import multiprocessing
import os
import secrets
import shlex
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

POPULATE = r"""
import datetime as dt, json, random, sys
import django
django.setup()
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction
from twitchlog.accounts.models import User
from twitchlog.accounts.services import create_token
from twitchlog.diary.models import CheckIn, Episode

target, clients = int(sys.argv[1]), int(sys.argv[2])
have = User.objects.filter(email__startswith="bench").count()
password = make_password("bench password 12345")
today = dt.date.today()
rng = random.Random(have)
for n in range(have, target):
    with transaction.atomic():
        user = User.objects.create(email=f"bench{n}@example.org", password=password,
                                   time_zone="Europe/London")
        checkins, episodes = [], []
        for d in range(365):
            day = today - dt.timedelta(days=d)
            checkins.append(CheckIn(
                user=user, local_date=day, sleep_hours=rng.choice([5, 6, 7, 8]),
                caffeine_mg=rng.choice([0, 100, 200]), stress_level=rng.randint(0, 10)))
            for k in range(rng.randint(0, 4)):
                at = dt.datetime.combine(day, dt.time(8 + 3 * k), tzinfo=dt.UTC)
                episodes.append(Episode(
                    user=user, occurred_at=at, local_date=day, time_zone="Europe/London",
                    region="calf", side="left", sensation="twitch"))
        CheckIn.objects.bulk_create(checkins, batch_size=2000)
        Episode.objects.bulk_create(episodes, batch_size=2000)
people = []
for user in User.objects.filter(email__startswith="bench").order_by("pk")[:clients]:
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    people.append({"token": create_token(user, "bench")[1], "session": session.session_key})
print(json.dumps(people))
"""

THERAPIST = r"""
import django
django.setup()
from twitchlog.therapists.models import TherapistProfile
found = TherapistProfile.objects.order_by("pk").first()
print(found.pk if found else "")
"""


@dataclass(frozen=True)
class Path_:
    name: str
    method: str
    url: str
    kind: str  # "plain", "token" or "session"
    body: str = ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def psql(base: str, sql: str) -> None:
    subprocess.run(["psql", "-q", f"{base}/postgres", "-c", sql], check=True, timeout=120)


def twitchlog(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "twitchlog", *args],
        env=env, capture_output=True, text=True, check=True, timeout=3600,
    ).stdout  # fmt: skip


def django_script(env: dict[str, str], code: str, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env={**env, "DJANGO_SETTINGS_MODULE": "twitchlog.settings"},
        capture_output=True, text=True, check=True, timeout=3600,
    ).stdout  # fmt: skip


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "twitchlog.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def client(args: tuple[int, Path_, dict[str, str], float, Any]) -> tuple[list[float], list[int]]:
    """One client: requests one after another on one connection until the deadline."""
    port, path, person, deadline, start_at = args
    while time.time() < start_at:
        time.sleep(0.001)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    csrf = secrets.token_hex(16)
    headers = {"Connection": "keep-alive"}
    if path.kind == "token":
        headers["Authorization"] = f"Bearer {person['token']}"
    if path.kind == "session":
        headers["Cookie"] = f"sessionid={person['session']}; csrftoken={csrf}"
    latencies, statuses = [], []
    while time.time() < deadline:
        body = path.body.replace("{uuid}", str(uuid.uuid4())).replace("{csrf}", csrf)
        sent = dict(headers)
        if body:
            form = path.kind == "session"
            sent["Content-Type"] = (
                "application/x-www-form-urlencoded" if form else "application/json"
            )
        begin = time.perf_counter()
        try:
            conn.request(path.method, path.url, body or None, sent)
            response = conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        if response.status >= 500 and response.status != 503:
            raise SystemExit(f"{path.name}: {response.status}")
        latencies.append(time.perf_counter() - begin)
        statuses.append(response.status)
    return latencies, statuses


def measure(port: int, path: Path_, people: list[dict[str, str]], clients: int,
            seconds: float) -> dict[str, Any]:  # fmt: skip
    start_at = time.time() + 0.5
    deadline = start_at + seconds
    jobs = [(port, path, people[i % len(people)], deadline, start_at) for i in range(clients)]
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        results = pool.map(client, jobs)
    latencies = sorted(x for r, _ in results for x in r)
    codes: dict[int, int] = {}
    for _, statuses in results:
        for code in statuses:
            codes[code] = codes.get(code, 0) + 1
    answers = ", ".join(f"{code}×{n}" for code, n in sorted(codes.items()))
    if not latencies:
        return {"rps": 0.0, "p50": 0.0, "p95": 0.0, "p99": 0.0, "answers": answers}

    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000

    return {
        "rps": len(latencies) / seconds,
        "p50": pct(0.5),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "answers": answers,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, nargs="+", default=[10, 1000])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 20, 50])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--port", type=int, help="the server's port (default: a free one)")
    parser.add_argument(
        "--paired",
        action="store_true",
        help="set each path against the bare view measured just before it, not once per "
        "client count: steadier shares on a machine busy with other work",
    )
    args = parser.parse_args(argv)
    print("# " + shlex.join(["python", "bench/http_load.py", *(argv or sys.argv[1:])]))
    name = f"twitchlog_bench_{uuid.uuid4().hex[:6]}"
    psql(args.database, f"CREATE DATABASE {name}")
    data_dir = Path(tempfile.mkdtemp(prefix=name))
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DATABASE_URL": f"{args.database}/{name}",
        "DB_CONN_MAX_AGE": "60",
        "TWITCHLOG_DATA_DIR": str(data_dir),
        "SECRET_KEY": "bench-" + secrets.token_hex(16),
        "PYTHONPATH": str(ROOT / "src"),
        "TWITCHLOG_LOG_LEVEL": "WARNING",
    }
    server = None
    try:
        twitchlog(env, "migrate", "-v0")
        twitchlog(env, "demo", "--days", "120")
        therapist = django_script(env, THERAPIST).strip()
        day = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 14 * 86400))
        paths = [
            Path_("bare view (/healthz)", "GET", "/healthz", "plain"),
            Path_("log a twitch (API)", "POST", "/api/diary/episodes", "token",
                  '{"region": "calf", "side": "left", "sensation": "twitch", '
                  '"client_id": "{uuid}"}'),
            Path_("log a twitch (form)", "POST", "/diary/log/", "session",
                  "step=details&region=calf&side=left&sensation=twitch&client_id={uuid}"
                  "&csrfmiddlewaretoken={csrf}"),
            Path_("open home", "GET", "/home/", "session"),
            Path_("open the diary", "GET", "/diary/", "session"),
            Path_("insights report (API)", "GET", "/api/insights/report", "token"),
        ]  # fmt: skip
        if therapist:
            paths.append(
                Path_("book a slot (API)", "POST", f"/api/therapists/{therapist}/bookings",
                      "token", '{"start": "' + day + 'T10:00:00Z", "session_format": "video"}')
            )  # fmt: skip
        for people_count in args.people:
            people = json.loads(
                django_script(env, POPULATE, str(people_count), str(2 * max(args.clients)))
            )
            # Writers and readers are different people: twitches the bench logs would
            # otherwise pile up on the very day pages it reads (thousands in a minute).
            writers, readers = people[::2], people[1::2]
            port = args.port or free_port()
            server = start_server(env, port)
            # One read makes each person's insights report current, as a visit would.
            for person in readers:
                measure(port, paths[5], [person], 1, 0.01)
            print(f"\n## {people_count} people with a year of diary each (plus the demo)\n")
            print("| path | clients | req/s | p50 ms | p95 ms | p99 ms | of bare view | answers |")
            print("|---|---|---|---|---|---|---|---|")
            for clients in args.clients:
                bare = None
                for path in paths:
                    who = writers if path.method == "POST" else readers
                    if args.paired and bare is not None:
                        bare = measure(port, paths[0], readers, clients, args.seconds)["rps"]
                    found = measure(port, path, who, clients, args.seconds)
                    bare = bare or found["rps"]
                    print(
                        f"| {path.name} | {clients} | {found['rps']:.0f} | {found['p50']:.1f} | "
                        f"{found['p95']:.1f} | {found['p99']:.1f} | "
                        f"{100 * found['rps'] / bare:.0f}% | {found['answers']} |",
                        flush=True,
                    )
            os.killpg(server.pid, 9)
            server.wait()
            server = None
    finally:
        if server is not None:
            os.killpg(server.pid, 9)
        psql(args.database, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        subprocess.run(["rm", "-rf", str(data_dir)], check=False)
    print("\nOne run per cell; run it twice to see the spread.")


if __name__ == "__main__":
    main()
