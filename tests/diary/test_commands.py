import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from tests.diary.helpers import make_checkin
from twitchlog.diary.models import CheckIn, CustomFactor, Episode, StressEvent


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_log_twitch(alice: Any) -> None:
    run("log", "twitch", "--user", "ALICE@example.org", "--where", "left-eyelid", "--feel",
        "twitch", "--strength", "4")  # fmt: skip
    episode = Episode.objects.get()
    assert (episode.region, episode.side, episode.strength) == ("eyelid", "left", 4)


def test_log_twitch_accepts_hyphens_and_middle_regions(alice: Any) -> None:
    run("log", "twitch", "--user", alice.email, "--where", "right-upper-back")
    run("log", "twitch", "--user", alice.email, "--where", "throat", "--when", "2026-07-01 23:30")
    spots = set(Episode.objects.values_list("region", "side"))
    assert spots == {("upper_back", "right"), ("throat", "middle")}
    late = Episode.objects.get(region="throat")
    assert late.local_date == dt.date(2026, 7, 1)
    assert late.occurred_at == dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC)


def test_log_twitch_explains_a_bad_spot(alice: Any) -> None:
    with pytest.raises(CommandError, match="Say which side"):
        run("log", "twitch", "--user", alice.email, "--where", "calf")
    with pytest.raises(CommandError, match="no account"):
        run("log", "twitch", "--user", "nobody@example.org", "--where", "throat")


def test_log_checkin_sets_only_the_values_given(alice: Any) -> None:
    make_checkin(alice, dt.date(2026, 11, 20), stress_level=6)
    out = run("log", "checkin", "--user", alice.email, "--date", "2026-11-20",
              "--sleep-hours", "6.5", "--caffeine-mg", "200", "--nicotine", "no")  # fmt: skip
    assert "Updated the check-in for 2026-11-20" in out
    checkin = CheckIn.objects.get()
    assert (checkin.sleep_hours, checkin.caffeine_mg, checkin.nicotine) == (6.5, 200, False)
    assert checkin.stress_level == 6 and checkin.water_l is None


def test_log_checkin_refuses_out_of_range_values(alice: Any) -> None:
    with pytest.raises(CommandError, match="between 0 and 10"):
        run("log", "checkin", "--user", alice.email, "--stress-level", "11")
    assert not CheckIn.objects.exists()


def test_log_checkin_with_a_custom_factor(alice: Any) -> None:
    CustomFactor.objects.create(user=alice, name="Sauna", column="sauna", kind="binary")
    run("log", "checkin", "--user", alice.email, "--factor", "sauna=yes")
    assert CheckIn.objects.get().custom_values.get().value == 1


def test_log_stress(alice: Any) -> None:
    run("log", "stress", "--user", alice.email, "--kind", "panic_attack", "--strength", "8")
    assert StressEvent.objects.get().strength == 8


def test_diary_export_and_import(alice: Any, charlie: Any, tmp_path: Path) -> None:
    make_checkin(alice, dt.date(2026, 11, 20), sleep_hours=7, nicotine=True)
    printed = run("diary", "export", "--user", alice.email)
    target = tmp_path / "diary.csv"
    run("diary", "export", "--user", alice.email, "--out", str(target))
    assert target.read_text() == printed
    assert printed.splitlines()[1].startswith("2026-11-20,0,,7,,,,1,")
    out = run("diary", "import", "--user", charlie.email, str(target))
    assert "Imported 1 days" in out
    assert run("diary", "export", "--user", charlie.email) == printed


def test_diary_import_of_a_bad_file_says_where_and_imports_nothing(
    alice: Any, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("date,sleep_hours\n2026-11-20,7\n2026-11-21,lots\n")
    errors = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("diary", "import", "--user", alice.email, str(bad), stderr=errors)
    assert "Row 3, column sleep_hours" in errors.getvalue()
    assert not CheckIn.objects.exists()
