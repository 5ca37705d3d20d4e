"""Settings come from the environment; checked in fresh processes, as a deployment sees them."""

import os
import subprocess
import sys
from pathlib import Path

TWITCHLOG = [sys.executable, "-m", "twitchlog"]
# What the test run itself sets, which a real deployment would not have.
NOT_INHERITED = ("DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")


def run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    full_env.update({"TWITCHLOG_DATA_DIR": str(tmp_path), **env})
    return subprocess.run(
        TWITCHLOG + args, env=full_env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_the_deploy_check(tmp_path: Path) -> None:
    result = run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        SECRET_KEY="k3y-" + "x7Qz9pL2mN4vB8cR1tY6wE5uI0oA3sD" * 2,
        ALLOWED_HOSTS="twitchlog.example.org",
        TWITCHLOG_HTTPS="1",
        TWITCHLOG_STATIC_FINDERS="0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_local_settings_make_and_keep_a_secret_key(tmp_path: Path) -> None:
    show = [
        "shell",
        "-v",
        "0",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
    ]
    first = run(show, tmp_path).stdout.strip()
    second = run(show, tmp_path).stdout.strip()
    assert len(first) > 40 and first == second
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(tmp_path: Path) -> None:
    code = (
        "from django.db import connection; c = connection.cursor();"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0]);"
        "print(connection.settings_dict['OPTIONS']['transaction_mode'])"
    )
    result = run(["shell", "-v", "0", "-c", code], tmp_path)
    assert result.stdout.split() == ["wal", "IMMEDIATE"], result.stderr
    assert (tmp_path / "twitchlog.sqlite3").exists()


def test_postgresql_keeps_plans_unless_told_not_to(tmp_path: Path) -> None:
    """Server-side binding with prepared statements on PostgreSQL (the same few queries run
    on every request); DB_PREPARED_STATEMENTS=0 for a pooler that cannot carry them. Only the
    settings are read: no connection is made."""
    code = "from django.db import connection; print(connection.settings_dict['OPTIONS'])"
    url = "postgres://nobody@127.0.0.1:5432/nothing"
    on = run(["shell", "-v", "0", "-c", code], tmp_path, DATABASE_URL=url).stdout.strip()
    assert on == "{'server_side_binding': True, 'prepare_threshold': 5}"
    off = run(
        ["shell", "-v", "0", "-c", code], tmp_path, DATABASE_URL=url, DB_PREPARED_STATEMENTS="0"
    )
    assert off.stdout.strip() == "{}", off.stderr


def test_email_url_configures_smtp(tmp_path: Path) -> None:
    code = (
        "from django.conf import settings as s;"
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_USE_TLS)"
    )
    result = run(
        ["shell", "-v", "0", "-c", code], tmp_path, EMAIL_URL="smtp://me%40x.org:pw@mail.x.org:587"
    )
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.x.org",
        "587",
        "me@x.org",
        "True",
    ]


def test_serve_prepares_the_database_and_serves_the_home_page(tmp_path: Path) -> None:
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    env["TWITCHLOG_DATA_DIR"] = str(tmp_path)
    server = subprocess.Popen(
        [*TWITCHLOG, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        body = ""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as response:
                    body = response.read().decode()
                    break
            except OSError:
                time.sleep(0.3)
        assert "Start a diary" in body
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0]
    assert f"http://127.0.0.1:{port}/" in output


def test_app_processes_load_the_statistics_stack_at_start_up(tmp_path: Path) -> None:
    code = "import sys, twitchlog.wsgi; print('pandas' in sys.modules, 'scipy' in sys.modules)"
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    env["TWITCHLOG_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.split() == ["True", "True"], result.stderr
