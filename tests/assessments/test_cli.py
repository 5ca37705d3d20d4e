import io
import json
import os
import subprocess
import sys
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from twitchlog.assessments.models import AssessmentResult


def _run(*args: str, stdin: str | None = None) -> str:
    out = io.StringIO()
    extra = {"stdin": io.StringIO(stdin)} if stdin is not None else {}
    call_command("assess", *args, stdout=out, **extra)
    return out.getvalue()


def test_score_prints_the_json_shape() -> None:
    data = json.loads(_run("score", "phq9", "--answers", "0,0,0,0,0,0,0,0,1", "--json"))
    assert data == {
        "instrument": "phq9",
        "score": 1,
        "band": "minimal",
        "positive_screen": False,
        "safety_alert": True,
        "subscales": {},
    }


def test_score_handles_subscales_and_skips() -> None:
    data = json.loads(_run("score", "phq4", "--answers", "2,1,0,1", "--json"))
    assert data["subscales"]["anxiety"]["score"] == 3
    data = json.loads(_run("score", "phq15", "--answers", "1,1,1,-" + ",1" * 11, "--json"))
    assert data["score"] == 14


def test_score_prints_words_without_json() -> None:
    out = _run("score", "pss10", "--answers", "0,0,0,0,0,0,0,0,0,0")
    assert "PSS-10: 16 of 40 (moderate)" in out
    assert "screening aid, not a diagnosis" in out


def test_a_wrong_count_is_refused() -> None:
    with pytest.raises(CommandError, match="GAD-7 has 7 questions, so it needs 7 answers; 3"):
        _run("score", "gad7", "--answers", "1,2,3")


def test_a_wrong_value_names_the_item() -> None:
    with pytest.raises(CommandError, match="item 3: 5 is not one of 0, 1, 2, 3"):
        _run("score", "gad7", "--answers", "0,1,5,0,0,0,0")
    with pytest.raises(CommandError, match="item 2: x is not one of 0, 1, 2, 3"):
        _run("score", "gad2", "--answers", "0,x")


def test_the_command_exits_non_zero_with_the_message(tmp_path: Any) -> None:
    env = {**os.environ, "TWITCHLOG_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "twitchlog",
            "assess",
            "score",
            "gad7",
            "--answers",
            "0,1,5,0,0,0,0",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode != 0
    assert "item 3: 5 is not one of 0, 1, 2, 3" in done.stderr


def test_take_asks_each_question_and_saves(alice: Any) -> None:
    out = _run("take", "gad7", "--user", "ALICE@example.org", stdin="3\n3\n3\n1\n0\n0\n0\n2\n")
    assert "1. Feeling nervous, anxious, or on edge" in out
    assert "GAD-7: 10 of 21 (moderate)" in out
    result = AssessmentResult.objects.get()
    assert (result.user, result.score, result.difficulty) == (alice, 10, 2)


def test_take_asks_again_after_a_wrong_answer(alice: Any) -> None:
    out = _run("take", "gad2", "--user", alice.email, stdin="7\n2\n1\n")
    assert "Please type one of 0, 1, 2, 3." in out
    assert AssessmentResult.objects.get().answers == [2, 1]


def test_take_shows_crisis_lines_before_the_score(alice: Any) -> None:
    out = _run("take", "phq9", "--user", alice.email, stdin="0\n" * 8 + "1\n\n")
    assert out.index("Find a helpline") < out.index("PHQ-9: 1 of 27")
    assert AssessmentResult.objects.get().safety_alert is True


def test_take_saves_nothing_when_input_runs_out(alice: Any) -> None:
    with pytest.raises(CommandError, match="Stopped before item 3; nothing was saved"):
        _run("take", "gad7", "--user", alice.email, stdin="1\n1\n")
    assert not AssessmentResult.objects.exists()


def test_take_needs_a_real_account(db: Any) -> None:
    with pytest.raises(CommandError, match="no account"):
        _run("take", "gad2", "--user", "nobody@example.org", stdin="0\n0\n")
