"""``twitchlog experiment analyze``: the JSON contract, exit codes and errors for bad files."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .test_analysis import CLEAR_HELP, table


def run(*args: str) -> str:
    out = StringIO()
    call_command("experiment", "analyze", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def clear_csv(tmp_path: Path) -> Path:
    path = tmp_path / "test.csv"
    table(CLEAR_HELP).to_csv(path, index=False)
    return path


def test_it_prints_the_json_contract(clear_csv: Path) -> None:
    data = json.loads(run("--csv", str(clear_csv), "--outcome", "twitch_count", "--json"))
    assert {"effect", "ci_low", "ci_high", "p_value", "adherence", "verdict"} <= set(data)
    assert data["verdict"] == "likely_helps"
    assert data["ci_low"] < data["effect"] < data["ci_high"] < 1
    assert data["p_value"] < 0.05
    assert data["adherence"] == 1.0
    assert data["per_protocol"]["verdict"] == "likely_helps"


def test_it_prints_words(clear_csv: Path) -> None:
    text = run("--csv", str(clear_csv))
    assert text.startswith("Likely helps.")
    assert "times as many" in text


def test_stopped_early_is_never_helps(clear_csv: Path) -> None:
    data = json.loads(run("--csv", str(clear_csv), "--stopped-early", "--json"))
    assert data["verdict"] == "could_not_tell"
    assert data["stopped_early"] is True


def test_the_difference_that_matters_can_be_given(tmp_path: Path) -> None:
    # Four level weeks of counts: with a halving as the difference that matters the interval
    # rules it out; without one, nothing is ruled out and it could not tell.
    level = [("A", [4] * 7), ("B", [4] * 7), ("B", [4] * 7), ("A", [4] * 7)] * 2
    path = tmp_path / "level.csv"
    table(level).to_csv(path, index=False)
    data = json.loads(run("--csv", str(path), "--effect", "0.5", "--json"))
    assert 0.5 < data["ci_low"] < 1 < data["ci_high"] < 2
    assert data["verdict"] == "no_meaningful_difference"
    assert data["meaningful_effect"] == pytest.approx(0.5)
    assert json.loads(run("--csv", str(path), "--json"))["verdict"] == "could_not_tell"
    assert run("--csv", str(path), "--effect", "0.5").startswith("Little or no difference.")
    with pytest.raises(CommandError, match=r"0\.5, 0\.67, 0\.75") as caught:
        run("--csv", str(path), "--effect", "0.9")
    assert caught.value.returncode == 2


def test_blank_cells_are_not_logged(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "date,condition,adhered,twitch_count\n2026-01-05,A,1,3\n2026-01-06,,,\n2026-01-07,B,,\n"
    )
    data = json.loads(run("--csv", str(path), "--json"))
    assert data["verdict"] == "too_little_data"
    assert data["adherence"] == 1.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("date,twitch_count\n2026-01-05,3\n", "no “condition” column"),
        ("date,condition,twitch_count\n2026-01-05,X,3\n", "A \\(usual\\)"),
        ("date,condition,adhered,twitch_count\n2026-01-05,A,yes,3\n", "“adhered” has a value"),
        ("date,condition,twitch_count\n2026-01-05,A,3\n2026-01-05,B,3\n", "more than once"),
        ("", "is empty"),
    ],
)
def test_a_bad_file_exits_4_with_the_reason(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(CommandError, match=message) as caught:
        run("--csv", str(path))
    assert caught.value.returncode == 4


def test_a_missing_file_exits_3(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="There is no file") as caught:
        run("--csv", str(tmp_path / "nope.csv"))
    assert caught.value.returncode == 3


def test_a_binary_file_exits_3(tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))
    with pytest.raises(CommandError) as caught:
        run("--csv", str(path))
    assert caught.value.returncode == 3


def test_the_command_line_exits_with_the_code(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "twitchlog", "experiment", "analyze", "--csv", "nope.csv"]
    env = {"TWITCHLOG_DATA_DIR": str(tmp_path), "PATH": ""}
    done = subprocess.run(command, capture_output=True, env=env, cwd=tmp_path, check=False)
    assert done.returncode == 3
    assert b"There is no file" in done.stderr


def manage(*args: str) -> str:
    out = StringIO()
    call_command("experiment", *args, stdout=out)
    return out.getvalue()


def test_a_test_is_planned_followed_and_read_from_the_command_line(alice: Any) -> None:
    text = manage("plan", "--user", alice.email, "--change", "regular-meals", "--pairs", "2")
    assert text.startswith("Registered test ")
    assert text.count("  20") == 4  # four blocks listed
    experiment_id = text.split()[2].rstrip(":")
    assert "regular meals, none skipped" in manage("list", "--user", alice.email).lower()
    assert manage("kept", "--user", alice.email, experiment_id, "no").startswith("Noted for")
    assert "The result comes after the last block" in manage(
        "show", "--user", alice.email, experiment_id
    )
    assert "Stopped test" in manage("stop", "--user", alice.email, experiment_id)
    data = json.loads(manage("show", "--user", alice.email, experiment_id, "--json"))
    assert data["stopped_early"] is True and data["final"] is True
    assert data["verdict"] == "too_little_data"  # stopped on its first day: no day counts


def test_someone_elses_test_is_not_found(alice: Any, charlie: Any) -> None:
    text = manage("plan", "--user", alice.email, "--change", "no-alcohol")
    experiment_id = text.split()[2].rstrip(":")
    with pytest.raises(CommandError, match="has no test"):
        manage("stop", "--user", charlie.email, experiment_id)


def test_a_plan_that_cannot_be_registered_says_why(alice: Any) -> None:
    with pytest.raises(CommandError, match="what you will change"):
        manage("plan", "--user", alice.email, "--change", "custom")
