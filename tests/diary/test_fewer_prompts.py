"""The diary does not invite daily body-checking: the warning-sign list sits behind one
"Something new or different?" entry, stops being offered after "I have seen a doctor", and a
"log less" mode asks for one rating a day."""

import datetime as dt
from typing import Any

from django.urls import reverse

from tests.diary.helpers import make_checkin
from twitchlog.diary import services
from twitchlog.diary.models import CheckIn, RedFlagNote

ENTRY = "Something new or different?"


def _log_form(client: Any) -> str:
    return client.get(reverse("diary:log"), {"spot": "left-calf"}).content.decode()


def _checkin_form(client: Any, alice: Any) -> str:
    day = services.today_for(alice)
    return client.get(reverse("diary:checkin", args=[day])).content.decode()


def test_the_list_is_one_closed_entry_in_the_episode_and_check_in_forms(
    alice_client: Any, alice: Any
) -> None:
    for page in (_log_form(alice_client), _checkin_form(alice_client, alice)):
        assert page.count(ENTRY) == 1
        assert '<details class="something-new">' in page  # closed until opened


def test_after_seeing_a_doctor_nothing_prompts_for_warning_signs(
    alice_client: Any, alice: Any
) -> None:
    services.note_red_flags(alice, ["two_weeks"], services.today_for(alice))
    home = alice_client.get(reverse("core:home")).content.decode()
    assert "I have seen a doctor about this" in home
    alice_client.post(reverse("diary:seen_doctor"))
    assert services.preferences_for(alice).seen_doctor_on == services.today_for(alice)
    assert not RedFlagNote.objects.filter(user=alice, dismissed_at=None).exists()
    home = alice_client.get(reverse("core:home")).content.decode()
    log_form = _log_form(alice_client)
    checkin_form = _checkin_form(alice_client, alice)
    for page in (home, log_form, checkin_form):
        assert ENTRY not in page
        assert 'name="also_noticed"' not in page
        assert "Worth an ordinary appointment" not in page
    # Saving an episode and a check-in still works and notes nothing.
    alice_client.post(
        reverse("diary:log"),
        {"step": "details", "region": "calf", "side": "left", "sensation": "twitch"},
    )
    assert not RedFlagNote.objects.filter(user=alice, dismissed_at=None).exists()


def test_after_seeing_a_doctor_a_person_can_still_choose_to_report_something(
    alice_client: Any, alice: Any
) -> None:
    alice_client.post(reverse("diary:seen_doctor"))
    settings_page = alice_client.get(reverse("diary:settings")).content.decode()
    assert reverse("diary:something_new") in settings_page
    alice_client.post(reverse("diary:something_new"), {"also_noticed": ["weakness"]})
    home = alice_client.get(reverse("core:home")).content.decode()
    assert "See your doctor in the next few days" in home


def test_saving_the_settings_keeps_the_date_a_doctor_was_seen(alice: Any) -> None:
    services.record_seen_doctor(alice)
    first = services.preferences_for(alice).seen_doctor_on
    services.save_preferences(alice, True, False, True)
    assert services.preferences_for(alice).seen_doctor_on == first
    services.save_preferences(alice, True, False, False)
    assert services.preferences_for(alice).seen_doctor_on is None


def test_log_less_asks_one_rating_a_day_instead_of_each_twitch(
    alice_client: Any, alice: Any
) -> None:
    alice_client.post(reverse("diary:settings"), {"show_menstruation": "on", "log_less": "on"})
    assert services.preferences_for(alice).log_less
    home = alice_client.get(reverse("core:home")).content.decode()
    assert "How much did twitching bother you today?" in home
    assert "Log a twitch" not in home
    settings_page = alice_client.get(reverse("diary:settings")).content.decode()
    assert "keeps your attention on your body" in settings_page  # why it can help


def test_the_daily_rating_changes_only_the_rating(alice_client: Any, alice: Any) -> None:
    today = services.today_for(alice)
    make_checkin(alice, today, sleep_hours=6.5)
    alice_client.post(reverse("diary:rate_today"), {"twitch_rating": "4"})
    checkin = CheckIn.objects.get(user=alice, local_date=today)
    assert (checkin.twitch_rating, checkin.sleep_hours) == (4, 6.5)
    alice_client.post(reverse("diary:rate_today"), {"twitch_rating": "eleven"})
    checkin.refresh_from_db()
    assert checkin.twitch_rating == 4


def test_a_rating_for_today_is_a_check_in_for_today(alice_client: Any, alice: Any) -> None:
    alice_client.post(reverse("diary:rate_today"), {"twitch_rating": "0"})
    day = CheckIn.objects.get(user=alice).local_date
    assert day == services.today_for(alice) and isinstance(day, dt.date)


def test_a_new_account_is_pointed_to_the_als_guide_and_logging_less_first(
    alice_client: Any, alice: Any
) -> None:
    home = alice_client.get(reverse("core:home")).content.decode()
    assert home.index("New here?") < home.index("Log a twitch")
    start = home[home.index("New here?") :]
    assert reverse("knowledge:fear_of_als") in start and "log less" in start
    alice.date_joined -= dt.timedelta(days=31)
    alice.save()
    assert "New here?" not in alice_client.get(reverse("core:home")).content.decode()
