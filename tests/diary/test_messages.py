"""Mistakes on the diary pages are explained in plain words, never in Django's defaults."""

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.diary.helpers import make_episode
from twitchlog.diary.models import CheckIn, StressEvent


def test_numbers_out_of_range_say_what_is_allowed(alice_client: Any) -> None:
    url = reverse("diary:checkin", args=[dt.date(2026, 11, 20)])
    page = alice_client.post(
        url, {"sleep_hours": "30", "caffeine_other_mg": "-5", "missed_meals": "lots"}
    ).content.decode()
    assert "Use a number between 0 and 24." in page
    assert "Use a number between 0 and 3000." in page
    assert "Type a whole number, such as 2." in page
    assert "Ensure this value" not in page
    assert not CheckIn.objects.exists()


def test_a_changed_twitch_needs_its_time(alice_client: Any, alice: Any) -> None:
    episode = make_episode(alice)
    page = alice_client.post(
        reverse("diary:episode", args=[episode.pk]),
        {"region": episode.region, "side": episode.side, "sensation": episode.sensation},
    ).content.decode()
    assert "Give the date and time it happened." in page


def test_an_import_without_a_file_asks_for_one(alice_client: Any) -> None:
    page = alice_client.post(reverse("diary:import"), {}).content.decode()
    assert "Choose a file to import." in page
    assert "a file has to be chosen again" in page
    empty = SimpleUploadedFile("diary.csv", b"", content_type="text/csv")
    page = alice_client.post(reverse("diary:import"), {"file": empty}).content.decode()
    assert "That file is empty." in page


def test_a_stress_moment_is_called_the_same_everywhere(alice_client: Any) -> None:
    response = alice_client.post(
        reverse("diary:stress_new"), {"kind": "panic_attack", "strength": "7"}, follow=True
    )
    assert "Your stress moment is logged." in response.content.decode()
    event = StressEvent.objects.get()
    page = alice_client.get(reverse("diary:stress_delete", args=[event.pk])).content.decode()
    assert "This stress moment will be deleted." in page


def test_the_factor_form_says_optional_once(alice_client: Any) -> None:
    page = alice_client.get(reverse("diary:factors")).content.decode()
    assert "(optional)</small>" in page
    assert "(optional) <small" not in page


def test_the_check_in_names_each_mistake_and_links_to_it(alice_client: Any) -> None:
    url = reverse("diary:checkin", args=[dt.date(2026, 11, 20)])
    page = alice_client.post(url, {"sleep_hours": "30", "stress_level": "11"}).content.decode()
    summary = page.split('class="form-errors"')[1].split("</div>")[0]
    assert '<a href="#id_sleep_hours">How many hours did you sleep last night?</a>' in summary
    assert 'href="#id_stress_level_0"' in summary
    assert 'id="id_sleep_hours"' in page and 'id="id_stress_level_0"' in page
