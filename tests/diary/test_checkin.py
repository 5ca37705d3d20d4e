import datetime as dt
import re
from typing import Any

from django.urls import reverse

from tests.diary.helpers import make_checkin, make_factor
from twitchlog.diary import services
from twitchlog.diary.models import CheckIn, CustomValue

DAY = dt.date(2026, 11, 20)


def url(day: dt.date = DAY) -> str:
    return reverse("diary:checkin", args=[day])


def test_a_blank_stays_blank_and_a_zero_stays_zero(alice_client: Any) -> None:
    response = alice_client.post(
        url(),
        {"sleep_hours": "", "alcohol_units": "0", "nicotine": "0", "recreational_drugs": ""},
    )
    assert response.status_code == 302
    checkin = CheckIn.objects.get()
    assert checkin.sleep_hours is None
    assert checkin.alcohol_units == 0
    assert checkin.nicotine is False
    assert checkin.recreational_drugs is None
    assert checkin.caffeine_mg is None
    assert checkin.stress_level is None and checkin.twitch_rating is None


def test_clearing_a_value_makes_it_not_logged_again(alice_client: Any, alice: Any) -> None:
    make_checkin(alice, DAY, sleep_hours=7.5, stress_level=4)
    alice_client.post(url(), {"sleep_hours": "", "stress_level": "4"})
    checkin = CheckIn.objects.get()
    assert checkin.sleep_hours is None and checkin.stress_level == 4


def test_drinks_add_up_to_caffeine(alice_client: Any) -> None:
    alice_client.post(url(), {"drink_espresso": "2", "drink_cola": "1", "caffeine_other_mg": "10"})
    checkin = CheckIn.objects.get()
    assert checkin.caffeine_mg == 2 * 65 + 35 + 10
    assert checkin.caffeine_drinks == {"espresso": 2, "cola": 1}
    page = alice_client.get(url()).content.decode()
    assert re.search(r'name="drink_espresso" value="2"', page)
    assert re.search(r'name="caffeine_other_mg" value="10"', page)


def test_no_caffeine_is_zero_not_blank(alice_client: Any) -> None:
    alice_client.post(url(), {"caffeine_other_mg": "0"})
    assert CheckIn.objects.get().caffeine_mg == 0


def test_a_medication_event_marks_a_medication_change(alice_client: Any) -> None:
    alice_client.post(url(), {"medication_events": ["missed_dose"]})
    checkin = CheckIn.objects.get()
    assert checkin.medication_change is True
    assert checkin.medication_events == ["missed_dose"]


def test_it_keeps_typed_values_on_error(alice_client: Any) -> None:
    response = alice_client.post(
        url(), {"sleep_hours": "30", "water_l": "1.5", "notes": "long day", "stress_level": "7"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Use a number between 0 and 24." in page
    assert 'value="30"' in page and 'value="1.5"' in page and "long day" in page
    assert re.search(r'name="stress_level" value="7"[^>]*checked', page)
    assert not CheckIn.objects.exists()


def test_one_check_in_per_day_and_it_can_be_changed(alice_client: Any) -> None:
    alice_client.post(url(), {"sleep_hours": "6"})
    alice_client.post(url(), {"sleep_hours": "7"})
    assert CheckIn.objects.get().sleep_hours == 7


def test_yesterdays_values_are_offered_not_imposed(alice_client: Any, alice: Any) -> None:
    make_checkin(alice, DAY - dt.timedelta(days=1), sleep_hours=6.5, twitch_rating=8)
    page = alice_client.get(url()).content.decode()
    assert "Start from yesterday" in page
    assert 'value="6.5"' not in page
    copied = alice_client.get(url() + "?start=yesterday").content.decode()
    assert 'name="sleep_hours" value="6.5"' in copied
    assert not re.search(r'name="twitch_rating" value="8"[^>]*checked', copied)
    assert CheckIn.objects.count() == 1


def test_a_future_day_cannot_be_checked_in(alice_client: Any, alice: Any) -> None:
    tomorrow = services.today_for(alice) + dt.timedelta(days=1)
    response = alice_client.get(url(tomorrow))
    assert response.status_code == 302


def test_custom_factors_are_asked_and_stored(alice_client: Any, alice: Any) -> None:
    hours = make_factor(alice, "Screen time")
    cold = make_factor(alice, "Cold shower", kind="binary")
    page = alice_client.get(url()).content.decode()
    assert "Screen time" in page and "Cold shower" in page
    alice_client.post(url(), {f"custom_{hours.pk}": "3.5", f"custom_{cold.pk}": ""})
    assert list(CustomValue.objects.values_list("factor_id", "value")) == [(hours.pk, 3.5)]
    alice_client.post(url(), {f"custom_{hours.pk}": "", f"custom_{cold.pk}": "0"})
    assert list(CustomValue.objects.values_list("factor_id", "value")) == [(cold.pk, 0.0)]


def test_the_period_question_can_be_hidden(alice_client: Any, alice: Any) -> None:
    make_checkin(alice, DAY, menstruating=True)
    assert 'name="menstruating"' in alice_client.get(url()).content.decode()
    alice_client.post(reverse("diary:settings"), {})
    page = alice_client.get(url()).content.decode()
    assert 'name="menstruating"' not in page
    alice_client.post(url(), {"sleep_hours": "7"})
    assert CheckIn.objects.get().menstruating is True  # hidden, not erased


def test_an_emergency_sign_ticked_at_check_in_says_call_now(alice_client: Any, alice: Any) -> None:
    alice.country = "US"
    alice.save()
    page = alice_client.get(url()).content.decode()
    assert page.index("call 911") < page.index('value="chest_pain"')
    alice_client.post(url(), {"also_noticed": ["chest_pain"]})
    day = alice_client.get(reverse("diary:day", args=[DAY])).content.decode()
    assert "Call 911 now" in day and 'href="tel:911"' in day


def test_alcohol_is_asked_in_the_persons_measure_and_stored_as_uk_units(
    alice_client: Any, alice: Any
) -> None:
    alice.country = "US"
    alice.save()
    page = alice_client.get(url()).content.decode()
    assert "How many US standard drinks of alcohol" in page and "14 g" in page
    alice_client.post(url(), {"alcohol_units": "2"})
    assert CheckIn.objects.get(user=alice, local_date=DAY).alcohol_units == 3.5
    page = alice_client.get(url()).content.decode()
    assert 'name="alcohol_units" value="2"' in page
    alice.country = "GB"
    alice.save()
    page = alice_client.get(url()).content.decode()
    assert "How many UK units of alcohol" in page and 'value="3.5"' in page
