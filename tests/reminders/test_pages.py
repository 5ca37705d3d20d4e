"""The reminders page: time, channels, pause for a week, off; and this device's notifications."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import client_for
from twitchlog.accounts.models import User
from twitchlog.core.models import AuditEntry
from twitchlog.core.timezones import local_date
from twitchlog.reminders.models import PushSubscription, ReminderSettings

ENDPOINT = "https://fcm.googleapis.com/fcm/send/alice-phone"


def _save(client: Client, **fields: str) -> Any:
    data = {"action": "save", "enabled": "1", "at": "20:30", "by_email": "on", **fields}
    return client.post("/reminders/", data)


def test_reminders_are_off_until_turned_on(alice_client: Client, alice: User) -> None:
    page = alice_client.get("/reminders/").content.decode()
    assert "Off. Nothing is sent until you turn it on." in page
    assert not ReminderSettings.objects.exists()  # looking changes nothing


def test_turning_them_on_keeps_the_time_and_channels(alice_client: Client, alice: User) -> None:
    response = _save(alice_client, by_push="on")
    assert response.status_code == 302
    saved = ReminderSettings.objects.get(user=alice)
    assert (saved.enabled, saved.at, saved.by_email, saved.by_push) == (
        True,
        dt.time(20, 30),
        True,
        True,
    )
    page = alice_client.get("/reminders/").content.decode()
    assert "every day at 20:30 your time, by email and notification" in page
    entry = AuditEntry.objects.get(action="reminders.settings.updated")
    assert entry.details == {"fields": ["at", "by_push", "enabled"]}


def test_a_bad_time_or_no_channel_says_so_and_keeps_what_was_typed(
    alice_client: Client,
) -> None:
    page = _save(alice_client, at="25:99").content.decode()
    assert "Give a time, such as 20:00." in page
    assert 'value="25:99"' in page
    page = _save(alice_client, by_email="").content.decode()
    assert "Choose at least one way to be reminded, or turn it off." in page
    assert not ReminderSettings.objects.exists()


def test_notifications_only_with_no_device_allowed_is_flagged(
    alice_client: Client, alice: User
) -> None:
    # Before: "On: every day at 20:30, by notification", and nothing could ever arrive.
    response = _save(alice_client, by_email="", by_push="on")
    page = alice_client.get(response["Location"]).content.decode()
    assert "No device has notifications allowed yet, so nothing can reach you" in page
    assert page.count("nothing can reach you") == 1 and 'id="no-way-to-arrive"' in page
    PushSubscription.objects.create(user=alice, endpoint=ENDPOINT, p256dh="k", auth="a")
    page = alice_client.get("/reminders/").content.decode()
    assert 'id="no-way-to-arrive"' not in page
    page = alice_client.get(_save(alice_client, by_push="on")["Location"]).content.decode()
    assert "Your reminder settings are saved." in page


def test_pause_for_a_week_then_resume_then_off(alice_client: Client, alice: User) -> None:
    _save(alice_client)
    alice_client.post("/reminders/", {"action": "pause"})
    today = local_date(timezone.now(), alice.time_zone)
    assert ReminderSettings.objects.get(user=alice).paused_until == today + dt.timedelta(days=7)
    assert "Paused until" in alice_client.get("/reminders/").content.decode()
    alice_client.post("/reminders/", {"action": "resume"})
    assert ReminderSettings.objects.get(user=alice).paused_until is None
    alice_client.post("/reminders/", {"action": "off"})
    assert ReminderSettings.objects.get(user=alice).enabled is False


def test_a_device_subscribes_and_unsubscribes(alice_client: Client, alice: User) -> None:
    data = {"endpoint": ENDPOINT, "p256dh": "BKey", "auth": "secret"}
    response = alice_client.post("/reminders/push/subscribe/", data)
    assert response.status_code == 201
    assert PushSubscription.objects.get().user == alice
    alice_client.post("/reminders/push/unsubscribe/", {"endpoint": ENDPOINT})
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize(
    "endpoint",
    ["http://fcm.googleapis.com/x", "https://127.0.0.1/x", "https://intranet.local/x", "x" * 2000],
)
def test_only_a_browsers_push_service_is_accepted(alice_client: Client, endpoint: str) -> None:
    data = {"endpoint": endpoint, "p256dh": "BKey", "auth": "secret"}
    response = alice_client.post("/reminders/push/subscribe/", data)
    assert response.status_code == 422
    assert response.json()["detail"]
    assert not PushSubscription.objects.exists()


def test_a_stranger_cannot_remove_someone_elses_device(
    alice_client: Client, alice: User, charlie: User
) -> None:
    alice_client.post(
        "/reminders/push/subscribe/", {"endpoint": ENDPOINT, "p256dh": "BKey", "auth": "secret"}
    )
    client_for(charlie).post("/reminders/push/unsubscribe/", {"endpoint": ENDPOINT})
    assert PushSubscription.objects.get().user == alice


def test_the_profile_links_the_reminders(alice_client: Client) -> None:
    assert 'href="/reminders/"' in alice_client.get("/accounts/profile/").content.decode()


def test_a_refused_save_leaves_the_status_and_the_break_panel_as_stored(
    alice_client: Client, alice: User
) -> None:
    # Before: off and saved so, then On with no time and no way picked was refused, yet the
    # status read "On: every day at 20:00 your time, by email." and offered a break.
    ReminderSettings.objects.create(user=alice, enabled=False, at=dt.time(20, 0), by_email=True)
    response = _save(alice_client, at="", by_email="")
    page = response.content.decode()
    assert "Give a time, such as 20:00." in page
    assert "Choose at least one way to be reminded, or turn it off." in page
    assert "Off. Nothing is sent until you turn it on." in page
    assert "On: every day" not in page and "Pause for a week" not in page
    # The form keeps what was typed: On, no time, email unticked.
    assert response.context["form"]["enabled"].value() == "1"
    stored = ReminderSettings.objects.get(user=alice)
    assert (stored.enabled, stored.at, stored.by_email) == (False, dt.time(20, 0), True)


def test_a_refused_change_of_an_on_reminder_still_shows_the_stored_one(
    alice_client: Client, alice: User
) -> None:
    ReminderSettings.objects.create(user=alice, enabled=True, at=dt.time(7, 15), by_email=True)
    page = _save(alice_client, at="21:00", by_email="", by_push="").content.decode()
    assert "Choose at least one way to be reminded, or turn it off." in page
    assert "On: every day at 07:15 your time, by email." in page
    assert 'value="21:00"' in page


def test_turning_them_off_needs_no_time_and_keeps_the_stored_one(
    alice_client: Client, alice: User
) -> None:
    # Choosing Off with the time cleared was refused ("Give a time"), and the reminders kept
    # coming to someone trying to stop them.
    assert _save(alice_client, at="08:00").status_code == 302
    response = _save(alice_client, enabled="0", at="", by_email="")
    assert response.status_code == 302
    saved = ReminderSettings.objects.get(user=alice)
    assert (saved.enabled, saved.at) == (False, dt.time(8, 0))
    # On still needs a time.
    page = _save(alice_client, at="").content.decode()
    assert "Give a time, such as 20:00." in page
    assert ReminderSettings.objects.get(user=alice).enabled is False
