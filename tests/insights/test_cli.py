"""``twitchlog insights --csv FILE``: a readable report, or the JSON."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from twitchlog.insights.simulate import simulate_person

from .conftest import planted


@pytest.fixture
def diary_csv(tmp_path: Path) -> Path:
    frame, _truth = simulate_person(180, 11, planted("caffeine_mg"))
    path = tmp_path / "diary.csv"
    frame.to_csv(path, index=False)
    return path


def run(*args: str) -> str:
    out = StringIO()
    call_command("insights", *args, stdout=out)
    return out.getvalue()


def test_it_prints_a_readable_report(diary_csv: Path) -> None:
    text = run("--csv", str(diary_csv), "--outcome", "twitch_count")
    assert "Likely drivers" in text
    assert "On days when you had 100 mg more caffeine" in text
    assert "Stress load" in text


def test_it_prints_the_json(diary_csv: Path) -> None:
    data = json.loads(run("--csv", str(diary_csv), "--json"))
    assert data["outcome"] == "twitch_count"
    caffeine = [f for f in data["findings"] if f["factor"] == "caffeine_mg" and f["lag_days"] == 0]
    assert caffeine[0]["verdict"] == "raises"


def test_it_analyses_the_rating(diary_csv: Path) -> None:
    data = json.loads(run("--csv", str(diary_csv), "--outcome", "twitch_severity", "--json"))
    assert data["outcome"] == "twitch_severity"


def test_it_explains_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="There is no file"):
        run("--csv", str(tmp_path / "nope.csv"))


def test_it_explains_a_missing_outcome_column(tmp_path: Path) -> None:
    path = tmp_path / "diary.csv"
    path.write_text("date,caffeine_mg\n2025-01-01,100\n")
    with pytest.raises(CommandError, match="no “twitch_count” column"):
        run("--csv", str(path))


def test_it_explains_a_bad_date(tmp_path: Path) -> None:
    path = tmp_path / "diary.csv"
    path.write_text("date,twitch_count\n01/02/2025,3\n")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--csv", str(path))
