"""Each diary rule holds the same way on every way in: the check-in page, the API, the ``log``
command and the CSV import get the same input and give the same outcome."""

from typing import Any

import pytest

from tests.diary.entry_points import CHECKIN_PATHS, EPISODE_PATHS, via_form
from tests.diary.helpers import DAY, make_factor
from twitchlog.diary.checkin_form import checkin_initial
from twitchlog.diary.models import CheckIn, CustomValue, Episode

CHANGERS = {name: CHECKIN_PATHS[name] for name in ("api", "cli", "csv")}


@pytest.mark.parametrize("path", CHANGERS)
def test_a_caffeine_total_changed_elsewhere_leaves_a_check_in_the_form_can_save(
    alice: Any, path: str
) -> None:
    assert via_form(alice, DAY, {"drink_coffee_mug": "2"}) is None
    assert CheckIn.objects.get().caffeine_mg == 240

    assert CHANGERS[path](alice, DAY, {"caffeine_mg": "50"}) is None

    checkin = CheckIn.objects.get()
    assert (checkin.caffeine_mg, checkin.caffeine_drinks) == (50, {})
    initial = checkin_initial(checkin)
    assert initial["caffeine_other_mg"] == 50 and "drink_coffee_mug" not in initial
    assert via_form(alice, DAY, {}) is None
    assert CheckIn.objects.get().caffeine_mg == 50


@pytest.mark.parametrize("path", CHANGERS)
def test_a_larger_caffeine_total_keeps_the_drinks_and_the_rest_is_other(
    alice: Any, path: str
) -> None:
    via_form(alice, DAY, {"drink_coffee_mug": "2"})
    assert CHANGERS[path](alice, DAY, {"caffeine_mg": "300"}) is None
    initial = checkin_initial(CheckIn.objects.get())
    assert (initial["drink_coffee_mug"], initial["caffeine_other_mg"]) == (2, 60)


@pytest.mark.parametrize("path", CHECKIN_PATHS)
@pytest.mark.parametrize(("kind", "bad", "good"), [("binary", "2", "1"), ("numeric", "-1", "2.5")])
def test_a_custom_value_is_checked_the_same_everywhere(
    alice: Any, path: str, kind: str, bad: str, good: str
) -> None:
    make_factor(alice, "Sauna", kind=kind)
    refusal = CHECKIN_PATHS[path](alice, DAY, {"sauna": bad})
    assert refusal is not None
    assert not CustomValue.objects.exists()
    assert CHECKIN_PATHS[path](alice, DAY, {"sauna": good}) is None
    assert CustomValue.objects.get().value == float(good)


@pytest.mark.parametrize("path", EPISODE_PATHS)
def test_a_side_given_for_a_region_without_sides_is_read_as_middle(alice: Any, path: str) -> None:
    assert EPISODE_PATHS[path](alice, "throat", "left") is None
    assert Episode.objects.get().side == "middle"


@pytest.mark.parametrize("path", EPISODE_PATHS)
@pytest.mark.parametrize("side", ["middle", ""])
def test_a_region_with_sides_needs_one(alice: Any, path: str, side: str) -> None:
    refusal = EPISODE_PATHS[path](alice, "calf", side)
    assert refusal is not None and "which side" in refusal
    assert not Episode.objects.exists()
