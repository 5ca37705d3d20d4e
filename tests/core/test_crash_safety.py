"""Crash safety: ``kill -9`` the server in the middle of a burst of diary writes.

After a restart every write the server acknowledged is there, the database is not corrupt
(SQLite's ``PRAGMA integrity_check``), and sending every request again with the same
``client_id`` stores nothing twice. The server is a real gunicorn with two workers on a
database of its own; all traffic stays on 127.0.0.1 and every loop is bounded.
"""

import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BURST = 400  # writes at most; the kill comes long before
KILL_AFTER_ACKS = 25


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def twitchlog(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "twitchlog", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "twitchlog.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--timeout",
            "30",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so one kill takes every worker
    )
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise AssertionError("the server did not start")


def kill_hard(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGKILL)
    server.wait(timeout=30)


def post_episode(port: int, token: str, client_id: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    body = {"region": "calf", "side": "left", "sensation": "twitch", "client_id": client_id}
    conn.request(
        "POST",
        "/api/diary/episodes",
        json.dumps(body),
        {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    return conn.getresponse().status


def stored_client_ids(port: int, token: str) -> list[str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request(
        "GET", "/api/diary/episodes?limit=1000", headers={"Authorization": f"Bearer {token}"}
    )
    response = conn.getresponse()
    assert response.status == 200
    data = json.loads(response.read())
    items = data["items"] if isinstance(data, dict) else data
    return [item["client_id"] for item in items]


@pytest.fixture
def server_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL") and not k.startswith("PYTEST")
    }
    env.update(
        TWITCHLOG_DATA_DIR=str(tmp_path / "data"),
        SECRET_KEY="crash-test-" + uuid.uuid4().hex,
        PYTHONPATH=str(ROOT / "src"),
    )
    yield env


def make_account(env: dict[str, str]) -> str:
    twitchlog(env, "migrate", "-v0")
    code = (
        "from twitchlog.accounts.models import User;"
        "from twitchlog.accounts.services import create_token;"
        "u = User.objects.create_user(email='crash@example.org', password='x' * 20);"
        "print(create_token(u, 'crash')[1])"
    )
    return twitchlog(env, "shell", "-c", code).strip().splitlines()[-1]


def burst_then_kill(env: dict[str, str]) -> tuple[int, str, set[str], list[str]]:
    token = make_account(env)
    port = free_port()
    server = start_server(env, port)
    acked: set[str] = set()
    sent: list[str] = []
    stop = threading.Event()

    def writer() -> None:
        for _ in range(BURST):
            if stop.is_set():
                return
            client_id = str(uuid.uuid4())
            sent.append(client_id)
            try:
                if post_episode(port, token, client_id) in (200, 201):
                    acked.add(client_id)
            except (OSError, http.client.HTTPException):
                return  # the server died under this request: it was never acknowledged

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 60
    while len(acked) < KILL_AFTER_ACKS and time.monotonic() < deadline:
        time.sleep(0.01)
    kill_hard(server)
    stop.set()
    for t in threads:
        t.join(timeout=30)
    assert len(acked) >= KILL_AFTER_ACKS
    return port, token, acked, sent


def check_after_restart(env: dict[str, str], port: int, token: str, acked: set[str],
                        sent: list[str]) -> None:  # fmt: skip
    server = start_server(env, port)
    try:
        stored = stored_client_ids(port, token)
        assert acked <= set(stored), f"{len(acked - set(stored))} acknowledged writes were lost"
        # Send everything again: each id is stored once, whether it had landed or not.
        for client_id in sent:
            assert post_episode(port, token, client_id) in (200, 201)
        again = stored_client_ids(port, token)
        assert sorted(again) == sorted(set(sent))
    finally:
        kill_hard(server)


def test_sqlite_keeps_every_acknowledged_write_through_kill_9(
    server_env: dict[str, str],
) -> None:
    port, token, acked, sent = burst_then_kill(server_env)
    database = Path(server_env["TWITCHLOG_DATA_DIR"]) / "twitchlog.sqlite3"
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    check_after_restart(server_env, port, token, acked, sent)


@pytest.mark.postgres
def test_postgresql_keeps_every_acknowledged_write_through_kill_9(
    server_env: dict[str, str],
) -> None:
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    name = f"twitchlog_crash_{uuid.uuid4().hex[:8]}"
    admin = [*["psql", "-v", "ON_ERROR_STOP=1", "-q"], f"{base}/postgres", "-c"]
    subprocess.run([*admin, f"CREATE DATABASE {name}"], check=True, timeout=60)
    try:
        env: dict[str, Any] = {**server_env, "DATABASE_URL": f"{base}/{name}"}
        port, token, acked, sent = burst_then_kill(env)
        check_after_restart(env, port, token, acked, sent)
    finally:
        subprocess.run([*admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], timeout=60)
