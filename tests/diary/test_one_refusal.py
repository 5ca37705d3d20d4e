"""Bad input never becomes data, and the same way on every way in: each rule's input goes
through the check-in page, the API, the ``log`` command and the CSV import (where they can
carry it) and is refused by all, or stored by all."""

import csv
import datetime as dt
import io
import math
import zipfile
from dataclasses import replace
from typing import Any

import pytest
from django.db import IntegrityError

from tests.diary.entry_points import CHECKIN_PATHS, EPISODE_PATHS, FACTOR_PATHS
from tests.diary.helpers import DAY, make_factor, make_stress_event
from twitchlog.diary import csvfile, services, transfer
from twitchlog.diary.columns import DiaryInputError, column_for
from twitchlog.diary.daily import daily_frame
from twitchlog.diary.models import CheckIn, CustomFactor, Episode
from twitchlog.reports import archive

LONG_NOTE = "x" * 2001


@pytest.mark.parametrize("path", CHECKIN_PATHS)
@pytest.mark.parametrize("day", [dt.date(1899, 12, 31), dt.date(2300, 1, 1)])
def test_a_check_in_outside_the_diary_span_is_refused(alice: Any, path: str, day: dt.date) -> None:
    refusal = CHECKIN_PATHS[path](alice, day, {"sleep_hours": "7"})
    assert refusal is not None
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("path", EPISODE_PATHS)
@pytest.mark.parametrize(
    "when",
    [
        "1899-12-31T23:00:00+00:00",
        # 1 January 1900 where it was written, but 31 December 1899 in alice's London.
        "1900-01-01T00:30:00+14:00",
        "2300-01-01T12:00:00+00:00",
    ],
)
def test_a_time_outside_the_diary_span_in_the_entrys_own_zone_is_refused(
    alice: Any, path: str, when: str
) -> None:
    refusal = EPISODE_PATHS[path](alice, "calf", "left", when=when)
    assert refusal is not None and ("1900" in refusal or "not come yet" in refusal)
    assert not Episode.objects.exists()


@pytest.mark.parametrize("path", EPISODE_PATHS)
def test_the_first_diary_day_in_the_entrys_own_zone_is_taken(alice: Any, path: str) -> None:
    assert EPISODE_PATHS[path](alice, "calf", "left", when="1900-01-01T00:30:00+00:00") is None
    assert Episode.objects.get().local_date == dt.date(1900, 1, 1)


def test_moving_an_episode_before_1900_in_its_zone_is_refused(alice: Any) -> None:
    episode, _ = services.log_episode(alice, region="calf", side="left", sensation="twitch")
    with pytest.raises(services.DayError):
        services.update_episode(
            alice, episode, {"occurred_at": dt.datetime.fromisoformat("1900-01-01T00:30+14:00")}
        )


@pytest.mark.parametrize("path", CHECKIN_PATHS)
def test_an_empty_check_in_saves_nothing(alice: Any, path: str) -> None:
    values = {"sleep_hours": "", "nicotine": ""}
    CHECKIN_PATHS[path](alice, DAY, values)
    assert not CheckIn.objects.exists()
    assert daily_frame(alice).empty


@pytest.mark.parametrize("path", CHECKIN_PATHS)
def test_a_check_in_with_an_answer_and_no_twitch_logged_is_a_day_without_twitches(
    alice: Any, path: str
) -> None:
    # A file says so in its twitch_count column; the live paths by logging no twitch.
    values = {"sleep_hours": "7", **({"twitch_count": "0"} if path == "csv" else {})}
    assert CHECKIN_PATHS[path](alice, DAY, values) is None
    assert daily_frame(alice).iloc[0]["twitch_count"] == 0


def test_a_blank_twitch_count_stays_blank_in_the_table_and_the_file(alice: Any) -> None:
    text = "date,twitch_count,sleep_hours\n2026-11-20,,7\n2026-11-21,0,7\n2026-11-22,,\n"
    transfer.import_daily(alice, transfer.read_for(alice, text))
    frame = daily_frame(alice)
    assert list(frame["date"].dt.date) == [dt.date(2026, 11, 20), dt.date(2026, 11, 21)]
    assert math.isnan(frame.iloc[0]["twitch_count"]) and frame.iloc[1]["twitch_count"] == 0
    rows = list(csv.DictReader(io.StringIO(transfer.export_daily(alice))))
    assert [row["twitch_count"] for row in rows] == ["", "0"]


@pytest.mark.parametrize("path", EPISODE_PATHS)
def test_a_note_over_the_limit_is_refused_not_cut(alice: Any, path: str) -> None:
    refusal = EPISODE_PATHS[path](alice, "calf", "left", notes=LONG_NOTE)
    assert refusal is not None and "2,001" in refusal and "2,000" in refusal
    assert not Episode.objects.exists()
    assert EPISODE_PATHS[path](alice, "calf", "left", notes=LONG_NOTE[:2000]) is None
    assert len(Episode.objects.get().notes) == 2000


@pytest.mark.parametrize("path", ["form", "api", "cli"])
def test_a_check_in_note_over_the_limit_is_refused_not_cut(alice: Any, path: str) -> None:
    refusal = CHECKIN_PATHS[path](alice, DAY, {"sleep_hours": "7", "notes": LONG_NOTE})
    assert refusal is not None and "2,001" in refusal
    assert not CheckIn.objects.exists()


def test_the_notes_box_counts_instead_of_cutting(alice_client: Any) -> None:
    page = alice_client.get(f"/diary/check-in/{DAY}/").content.decode()
    assert 'data-max-length="2000"' in page and "maxlength" not in page


@pytest.mark.parametrize("path", FACTOR_PATHS)
def test_two_racing_creations_of_one_factor_give_one_factor_and_no_error(
    alice: Any, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_factor(alice, "Screen time")
    # The other request's factor is not visible yet when this one looks, only at its insert.
    monkeypatch.setattr(services, "factor_column", lambda _user, name, **_: column_for(name))
    FACTOR_PATHS[path](alice, "Screen time" if path != "csv" else "screen_time")
    assert CustomFactor.objects.filter(user=alice).count() == 1


@pytest.mark.parametrize("path", FACTOR_PATHS)
def test_a_diary_has_a_bounded_number_of_own_factors_on_every_way_in(
    alice: Any, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each factor is one more test in every driver analysis, which runs after a diary write.
    monkeypatch.setattr(csvfile, "LIMITS", replace(csvfile.LIMITS, factors=3))
    for name in ("Sauna", "Screen time", "Cold shower"):
        services.add_factor(alice, name, "numeric")
    refusal = FACTOR_PATHS[path](alice, "Late walk" if path != "csv" else "late_walk")
    assert refusal is not None and "3" in refusal and "of your own" in refusal
    assert CustomFactor.objects.filter(user=alice).count() == 3
    services.delete_factor(alice, CustomFactor.objects.filter(user=alice).first())
    assert FACTOR_PATHS[path](alice, "Late walk" if path != "csv" else "late_walk") is None
    assert CustomFactor.objects.filter(user=alice).count() == 3


def test_a_racing_factor_without_a_stored_twin_still_raises(
    alice: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def clash(**_: Any) -> None:
        raise IntegrityError("another constraint")

    monkeypatch.setattr(CustomFactor.objects, "create", clash)
    with pytest.raises(IntegrityError):
        services.add_factor(alice, "Sauna", "binary")


FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-1+1", "@SUM(A1)", "\t=1"]


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


@pytest.mark.parametrize("path", EPISODE_PATHS)
def test_a_formula_typed_anywhere_is_inert_in_every_csv_export(alice: Any, path: str) -> None:
    for formula in FORMULAS:
        assert EPISODE_PATHS[path](alice, "calf", "left", notes=formula) is None
    make_stress_event(alice, notes=FORMULAS[0])
    with zipfile.ZipFile(io.BytesIO(archive.build(alice))) as bundle:
        files = [bundle.read(n).decode() for n in bundle.namelist() if n.endswith(".csv")]
    files += [transfer.export_episodes(alice), transfer.export_daily(alice)]
    cells = [cell for text in files for cell in _cells(text)]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert '\'=HYPERLINK("http://x")' in cells and "'-1+1" in cells


def test_a_warning_sign_alone_is_noted_without_an_empty_check_in(alice_client: Any) -> None:
    response = alice_client.post(f"/diary/check-in/{DAY}/", {"also_noticed": ["weakness"]})
    assert response.status_code == 302
    assert not CheckIn.objects.exists()
    assert services.active_red_flags(response.wsgi_request.user)[0].key == "weakness"


@pytest.mark.parametrize(
    ("details", "words"),
    [
        ({"sensation": "buzzing-ish"}, "not one of the choices"),
        ({"sensation": "twitch", "rhythm": "sometimes"}, "not one of the choices"),
        ({"sensation": "twitch", "strength": 11}, "from 0 to 10"),
    ],
)
def test_the_services_refuse_a_detail_the_diary_does_not_know(
    alice: Any, details: dict[str, Any], words: str
) -> None:
    # The form, the API and the command offer only listed choices; the service is the guard
    # that a new entry point (or a script calling it) cannot skip.
    with pytest.raises(DiaryInputError, match=words):
        services.log_episode(alice, region="calf", side="left", **details)
    with pytest.raises(DiaryInputError, match="not one of the choices"):
        services.log_stress_event(alice, kind="earthquake", strength=3)
    assert not Episode.objects.exists()


def test_changing_an_episode_to_an_unknown_detail_is_refused(alice: Any) -> None:
    episode, _ = services.log_episode(alice, region="calf", side="left", sensation="twitch")
    with pytest.raises(DiaryInputError, match="not one of the choices"):
        services.update_episode(alice, episode, {"sensation": "humming"})
    episode.refresh_from_db()
    assert episode.sensation == "twitch"
