import re
import uuid
from typing import Any

import pytest
from django.urls import reverse

from tests.diary.helpers import make_episode
from twitchlog.core.models import AuditEntry
from twitchlog.diary.models import Episode, RedFlagNote

LOG = "/diary/log/"


def test_tapping_a_spot_opens_the_form_with_the_spot_and_twitch_chosen(alice_client: Any) -> None:
    # Tapping is a plain visit (GET), so Back and reload never ask to send a form again.
    page = alice_client.get(LOG, {"spot": "left-eyelid"}).content.decode()
    assert "Left eyelid or around the eye" in page
    assert '<option value="eyelid" selected>' in page
    assert 'value="left"' in page and "checked" in page.split('value="left"')[1][:40]
    # A twitch is the common case: a first log is tap, Save.
    assert "checked" in page.split('name="sensation" value="twitch"')[1][:40]
    assert Episode.objects.count() == 0


def test_the_maps_send_a_tap_as_a_visit(alice_client: Any) -> None:
    for url in (reverse("core:home"), reverse("diary:today"), LOG):
        page = alice_client.get(url).content.decode()
        form = page[: page.index('class="spot-button"')].rsplit("<form", 1)[1]
        assert 'method="get"' in form and "csrfmiddlewaretoken" not in form, url


def test_a_tap_sent_by_an_old_page_moves_to_its_own_address(alice_client: Any) -> None:
    response = alice_client.post(LOG, {"spot": "left-eyelid", "next": "/home/"})
    assert response.status_code == 302
    assert response["Location"] == f"{LOG}?spot=left-eyelid&next=%2Fhome%2F"


def test_a_spot_then_a_feeling_then_save_logs_it(alice_client: Any, alice: Any) -> None:
    form = alice_client.get(LOG, {"spot": "right-calf", "next": "/home/"}).content.decode()
    assert '<a href="/home/">Cancel</a>' in form  # a wrong tap is easy to back out of
    client_id = form.split('name="client_id" value="')[1].split('"')[0]
    response = alice_client.post(
        LOG,
        {
            "step": "details",
            "region": "calf",
            "side": "right",
            "sensation": "twitch",
            "client_id": client_id,
            "next": "/home/",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/home/"
    episode = Episode.objects.get()
    assert (episode.region, episode.side, episode.sensation) == ("calf", "right", "twitch")
    assert episode.strength is None and episode.rhythm == ""
    entry = AuditEntry.objects.get(action="diary.episode.created")
    assert entry.details == {} and entry.object_id == str(episode.pk)


def test_saving_twice_with_the_same_form_stores_one(alice_client: Any) -> None:
    data = {
        "step": "details",
        "region": "eyelid",
        "side": "left",
        "sensation": "twitch",
        "client_id": str(uuid.uuid4()),
    }
    alice_client.post(LOG, data)
    alice_client.post(LOG, data)
    assert Episode.objects.count() == 1


def test_it_keeps_typed_values_on_error(alice_client: Any) -> None:
    response = alice_client.post(
        LOG,
        {
            "step": "details",
            "region": "thigh",
            "side": "right",
            "strength": "6",
            "rhythm": "waves",
            "notes": "after the long walk",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose what it felt like" in page
    assert "after the long walk" in page
    assert re.search(r'name="strength" value="6"[^>]*checked', page)
    assert re.search(r'name="rhythm" value="waves"[^>]*checked', page)
    assert '<option value="thigh" selected>' in page
    assert Episode.objects.count() == 0


def test_a_middle_region_needs_no_side_and_a_sided_one_does(alice_client: Any) -> None:
    alice_client.post(
        LOG, {"step": "details", "region": "throat", "side": "left", "sensation": "spasm"}
    )
    assert Episode.objects.get().side == "middle"
    page = alice_client.post(
        LOG, {"step": "details", "region": "calf", "side": "middle", "sensation": "cramp"}
    ).content.decode()
    assert "Say which side" in page
    assert Episode.objects.count() == 1


def test_an_unknown_spot_shows_the_map_again(alice_client: Any) -> None:
    page = alice_client.get(LOG, {"spot": "left-tail"}).content.decode()
    assert "Where did it twitch?" in page


def test_same_as_last_time_copies_the_last_twitch(alice_client: Any, alice: Any) -> None:
    make_episode(alice, region="calf", side="right", sensation="pulsing", strength=3)
    response = alice_client.post(reverse("diary:repeat"), {"client_id": str(uuid.uuid4())})
    assert response.status_code == 302
    latest = Episode.objects.order_by("-occurred_at").first()
    assert latest is not None
    assert (latest.region, latest.side, latest.sensation, latest.strength) == (
        "calf",
        "right",
        "pulsing",
        3,
    )
    assert Episode.objects.count() == 2


def test_same_as_last_time_with_nothing_before_logs_nothing(alice_client: Any) -> None:
    alice_client.post(reverse("diary:repeat"), follow=True)
    assert Episode.objects.count() == 0


def test_a_red_flag_shows_doctor_advice_until_dismissed(alice_client: Any, alice: Any) -> None:
    alice_client.post(
        LOG,
        {
            "step": "details",
            "region": "hand",
            "side": "left",
            "sensation": "twitch",
            "also_noticed": ["weakness", "numbness"],
        },
    )
    assert set(RedFlagNote.objects.values_list("key", flat=True)) == {"weakness", "numbness"}
    home = alice_client.get(reverse("core:home")).content.decode()
    assert "See your doctor in the next few days" in home
    assert reverse("knowledge:doctor") in home
    assert home.index("See your doctor in the next few days") < home.index("Log a twitch")
    alice_client.post(reverse("diary:dismiss_red_flags"))
    home = alice_client.get(reverse("core:home")).content.decode()
    assert "See your doctor in the next few days" not in home


@pytest.mark.parametrize(("country", "number"), [("GB", "999"), ("US", "911"), ("AU", "000")])
def test_an_emergency_sign_says_call_the_emergency_number_now(
    alice_client: Any, alice: Any, country: str, number: str
) -> None:
    alice.country = country
    alice.save()
    alice_client.post(
        LOG,
        {
            "step": "details",
            "region": "face",
            "side": "left",
            "sensation": "twitch",
            "also_noticed": ["face_droop", "two_weeks"],
        },
    )
    for url in (reverse("core:home"), reverse("diary:today")):
        page = alice_client.get(url).content.decode()
        assert f"Call {number} now" in page and f'href="tel:{number}"' in page
        assert page.index(f"Call {number} now") < page.index("Worth an ordinary appointment")
        assert "next few days" not in page.split("Worth an ordinary")[0]


def test_a_routine_flag_says_book_an_appointment(alice_client: Any) -> None:
    alice_client.post(
        LOG,
        {
            "step": "details",
            "region": "calf",
            "side": "left",
            "sensation": "twitch",
            "also_noticed": ["two_weeks"],
        },
    )
    home = alice_client.get(reverse("core:home")).content.decode()
    assert "Worth an ordinary appointment" in home and "next few days" not in home


def test_the_emergency_number_is_in_the_form_before_anything_is_ticked(
    alice_client: Any, alice: Any
) -> None:
    alice.country = "GB"
    alice.save()
    page = alice_client.get(LOG, {"spot": "left-calf"}).content.decode()
    checklist = page[page.index("Something new or different?") :]
    assert 'href="tel:999"' in checklist
    assert checklist.index("call 999") < checklist.index('value="face_droop"')
    assert checklist.index('value="face_droop"') < checklist.index('value="weakness"')
