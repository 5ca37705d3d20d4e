"""Numbers as people type them: what they typed reaches the server, a decimal comma is a
decimal, and a slip of the finger is refused in words that say what the diary takes, the
same way on every way in (the check-in page, the API, the ``log`` command, the CSV import).

A browser walk-through found each of these: "seven" in the sleep box was saved as "not
logged" without a word (an ``<input type="number">`` sends what it cannot read as empty),
"7,5" litres became 75, and 99999999999999999999999 mg of caffeine was stored and spilled
out of the day page."""

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from tests.diary.entry_points import CHECKIN_PATHS, via_api, via_form
from tests.diary.helpers import DAY, make_factor
from tests.diary.test_api import api_client
from twitchlog.diary import services, transfer
from twitchlog.diary.columns import (
    NOT_A_NUMBER,
    OWN_FACTOR_HIGH,
    STANDARD_BY_NAME,
    STANDARD_COLUMNS,
    UNSURE_COMMA,
    NumberError,
    RangeError,
    allowed_range,
    number_words,
    read_number,
)
from twitchlog.diary.csvfile import CsvProblems
from twitchlog.diary.models import CheckIn, CustomValue

HUGE = "99999999999999999999999"


def checkin_url(day: dt.date = DAY) -> str:
    return reverse("diary:checkin", args=[day])


# --- Reading a typed number -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("6.5", 6.5),
        ("7,5", 7.5),
        (" 7 ", 7.0),
        (",5", 0.5),
        ("0,500", 0.5),  # a leading 0 cannot be a thousand
        ("1e-05", 0.00001),  # as the CSV export writes a very small number
        ("٧٫٥", 7.5),  # Arabic-Indic digits and decimal separator, from a phone keyboard
        ("-3", -3.0),  # read, then refused by the range
    ],
)
def test_a_typed_number_is_read_as_meant(text: str, value: float) -> None:
    assert read_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("seven", NOT_A_NUMBER),
        ("1e", NOT_A_NUMBER),
        ("1_000", NOT_A_NUMBER),  # Python's float() reads this as 1000
        ("inf", NOT_A_NUMBER),
        ("1e999", NOT_A_NUMBER),
        ("1,000", UNSURE_COMMA),  # a thousand, or one?
        ("2,500", UNSURE_COMMA),
        ("1,000,000", UNSURE_COMMA),
        ("1,000.5", UNSURE_COMMA),
        ("1.000,5", UNSURE_COMMA),
    ],
)
def test_text_that_is_not_surely_one_number_is_refused_with_its_reason(
    text: str, reason: str
) -> None:
    with pytest.raises(NumberError) as caught:
        read_number(text)
    assert str(caught.value) == reason


# --- What was typed reaches the server --------------------------------------------------------


def test_every_number_box_sends_what_was_typed_and_brings_up_number_keys(
    alice_client: Any, alice: Any
) -> None:
    make_factor(alice, "Screen time")
    pages = [
        checkin_url(),
        reverse("diary:log"),
        reverse("diary:stress_new"),
        reverse("diary:factors"),
    ]
    for url in pages:
        page = alice_client.get(url).content.decode()
        assert 'type="number"' not in page, url
    form = alice_client.get(checkin_url()).content.decode()
    boxes = re.findall(r"<input[^>]*inputmode=\"(?:decimal|numeric)\"[^>]*>", form)
    names = {re.search(r'name="([^"]+)"', box).group(1) for box in boxes}  # type: ignore[union-attr]
    expected = {
        "sleep_hours",
        "alcohol_units",
        "water_l",
        "missed_meals",
        "exercise_min",
        "anxiety_episodes",
        "overbreathing",
        "magnesium_mg",
        "calcium_mg",
        "vitamin_d_iu",
        "resting_hr",
        "caffeine_other_mg",
        "drink_tea",
        "drink_coffee_mug",
        f"custom_{alice.custom_factors.get().pk}",
    }
    assert expected <= names
    assert all('type="text"' in box for box in boxes)


def test_a_word_in_a_number_box_is_explained_and_everything_typed_is_kept(
    alice_client: Any,
) -> None:
    response = alice_client.post(
        checkin_url(),
        {
            "sleep_hours": "seven",
            "drink_tea": "1e",
            "water_l": "1,5",
            "stress_level": "6",
            "notes": "long day",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Type a number, such as 6.5." in page
    assert "Type a whole number, such as 2." in page
    assert 'value="seven"' in page and 'value="1e"' in page and 'value="1,5"' in page
    assert re.search(r'name="stress_level" value="6"[^>]*checked', page)
    assert "long day" in page
    assert "Your check-in is saved." not in page
    assert not CheckIn.objects.exists()


# --- A decimal comma ---------------------------------------------------------------------------


def _csv(values: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", *values])
    writer.writerow([DAY.isoformat(), *values.values()])  # "7,5" is quoted, as a sheet writes it
    return out.getvalue()


def _via_csv(user: Any, day: dt.date, values: dict[str, str]) -> str | None:
    try:
        transfer.import_daily(user, transfer.read_for(user, _csv(values)))
    except CsvProblems as problems:
        return str(problems)
    return None


COMMA_PATHS = {"form": via_form, "cli": CHECKIN_PATHS["cli"], "csv": _via_csv}


@pytest.mark.parametrize("path", COMMA_PATHS)
def test_a_decimal_comma_is_a_decimal(alice: Any, path: str) -> None:
    make_factor(alice, "Screen time")
    assert COMMA_PATHS[path](alice, DAY, {"water_l": "7,5", "screen_time": "2,25"}) is None
    assert CheckIn.objects.get().water_l == 7.5
    assert CustomValue.objects.get().value == 2.25


@pytest.mark.parametrize("path", COMMA_PATHS)
def test_a_comma_that_may_be_a_thousands_separator_is_asked_about(alice: Any, path: str) -> None:
    refusal = COMMA_PATHS[path](alice, DAY, {"water_l": "1,000"})
    assert refusal is not None and UNSURE_COMMA in refusal
    assert not CheckIn.objects.exists()


def test_the_api_takes_json_numbers_and_never_reads_7_comma_5_as_75(alice: Any) -> None:
    # JSON has one way to write 7.5, so the API does not guess at text.
    response = api_client(alice).post(
        "/api/diary/checkins",
        {"date": DAY.isoformat(), "water_l": "7,5"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert not CheckIn.objects.exists()


# --- Every number has a ceiling ---------------------------------------------------------------

OUT_OF_RANGE = [
    ("water_l", "75"),
    ("sleep_hours", "25"),
    ("exercise_min", "2000"),
    ("vitamin_d_iu", HUGE),
    ("alcohol_units", "400"),
    ("missed_meals", "-1"),
]


@pytest.mark.parametrize("path", CHECKIN_PATHS)
@pytest.mark.parametrize(("name", "text"), OUT_OF_RANGE)
def test_a_number_out_of_range_is_refused_everywhere_saying_the_range(
    alice: Any, path: str, name: str, text: str
) -> None:
    refusal = CHECKIN_PATHS[path](alice, DAY, {name: text, "stress_level": "4"})
    assert refusal is not None
    assert allowed_range(STANDARD_BY_NAME[name]) in refusal
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("path", CHECKIN_PATHS)
def test_an_own_factor_has_a_ceiling_too(alice: Any, path: str) -> None:
    make_factor(alice, "Screen time")
    refusal = CHECKIN_PATHS[path](alice, DAY, {"screen_time": HUGE})
    assert refusal is not None and "between 0 and 1000000" in refusal
    assert not CustomValue.objects.exists()


def test_the_form_says_the_range_in_a_sentence(alice_client: Any) -> None:
    page = alice_client.post(
        checkin_url(), {"water_l": "75", "caffeine_other_mg": HUGE, "drink_tea": "31"}
    ).content.decode()
    assert "Use a number between 0 and 10." in page
    assert "Use a number between 0 and 3000." in page
    assert "Use a whole number between 0 and 30." in page
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("path", ["api", "cli", "csv"])
def test_caffeine_has_a_ceiling_everywhere(alice: Any, path: str) -> None:
    refusal = CHECKIN_PATHS[path](alice, DAY, {"caffeine_mg": HUGE})
    assert refusal is not None and "between 0 and 3000" in refusal
    assert not CheckIn.objects.exists()


def test_drinks_that_add_up_past_the_caffeine_ceiling_are_questioned(alice_client: Any) -> None:
    page = alice_client.post(
        checkin_url(), {"drink_coffee_mug": "20", "drink_energy_drink": "20"}
    ).content.decode()
    assert "Together this comes to about 4000 mg of caffeine" in page
    assert "between 0 and 3000 mg a day" in page
    assert not CheckIn.objects.exists()


def test_alcohol_in_the_persons_own_measure_stays_within_the_stored_ceiling(
    alice_client: Any, alice: Any
) -> None:
    alice.country = "US"
    alice.save()
    # 50 UK units are 28.57 US standard drinks; the box takes up to 28.5 of them.
    page = alice_client.post(checkin_url(), {"alcohol_units": "29"}).content.decode()
    assert "Use a number between 0 and 28.5." in page
    alice_client.post(checkin_url(), {"alcohol_units": "28.5"})
    assert CheckIn.objects.get().alcohol_units <= 50


def test_the_services_hold_the_range_whatever_calls_them(alice: Any) -> None:
    with pytest.raises(RangeError) as caught:
        services.save_checkin(alice, DAY, {"water_l": 75.0})
    assert caught.value.field == "water_l" and "between 0 and 10" in str(caught.value)
    assert not CheckIn.objects.exists()


# --- Old values above a new ceiling still read --------------------------------------------------


@pytest.fixture
def old_checkin(alice: Any) -> CheckIn:
    """A check-in stored before the ceilings, written past the services as it was then."""
    return CheckIn.objects.create(user=alice, local_date=DAY, caffeine_mg=float(HUGE), water_l=75)


def test_a_value_stored_before_the_ceilings_still_shows_and_exports(
    alice_client: Any, alice: Any, old_checkin: CheckIn
) -> None:
    day = alice_client.get(reverse("diary:day", args=[DAY]))
    assert day.status_code == 200 and "75 litres" in day.content.decode()
    rows = list(csv.DictReader(io.StringIO(transfer.export_daily(alice))))
    assert rows[0]["water_l"] == "75" and rows[0]["caffeine_mg"] == "99999999999999991611392"
    client = api_client(alice)
    listed = client.get("/api/diary/checkins")
    assert listed.status_code == 200
    assert json.loads(listed.content)["items"][0]["water_l"] == 75
    assert client.get(f"/api/diary/checkins/{old_checkin.pk}").status_code == 200


def test_a_stored_value_above_its_ceiling_is_pointed_out_when_the_check_in_is_saved_again(
    alice: Any, old_checkin: CheckIn
) -> None:
    refusal = via_form(alice, DAY, {"sleep_hours": "7"})
    assert refusal is not None and "Use a number between 0 and 10." in refusal
    assert CheckIn.objects.get().sleep_hours is None
    # The API changes only what it is sent, so a fix of one value is taken.
    assert via_api(alice, DAY, {"water_l": "2"}) is None
    assert CheckIn.objects.get().water_l == 2


def test_the_readme_states_every_ceiling() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    ceilings = readme.split("- Every number is 0 or more and at most:")[1].split("\n- ")[0]
    # "`a` 10, `b` and `c` 24, ...": each number belongs to the names written before it.
    stated, waiting = {}, []
    for name, number in re.findall(r"`(\w+)`|(?<![\w.])(\d+)(?![\w.])", ceilings):
        if name:
            waiting.append(name)
        else:
            stated.update(dict.fromkeys(waiting, number))
            waiting = []
    expected = {
        c.name: number_words(c.high) for c in STANDARD_COLUMNS if c.kind != "binary" and c.high
    }
    assert {name: stated.get(name) for name in expected} == expected
    assert all(c.high is not None for c in STANDARD_COLUMNS if c.kind != "binary")
    assert ceilings.rstrip().split("own factor ")[1].startswith(number_words(OWN_FACTOR_HIGH))
