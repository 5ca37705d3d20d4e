from typing import Any

from django.urls import reverse

from tests.diary.helpers import make_checkin, make_episode, make_factor, make_stress_event


def test_every_page_renders_for_the_owner(alice_client: Any, alice: Any) -> None:
    episode = make_episode(alice)
    event = make_stress_event(alice)
    checkin = make_checkin(alice, sleep_hours=6.5, nicotine=False)
    factor = make_factor(alice)
    pages = [
        reverse("diary:today"),
        reverse("diary:day", args=[episode.local_date]),
        reverse("diary:timeline"),
        reverse("diary:calendar", args=[2026, 11]),
        reverse("diary:map") + "?period=all",
        reverse("diary:log"),
        reverse("diary:episode", args=[episode.pk]),
        reverse("diary:episode_delete", args=[episode.pk]),
        reverse("diary:checkin", args=[checkin.local_date]),
        reverse("diary:stress_new"),
        reverse("diary:stress", args=[event.pk]),
        reverse("diary:factors"),
        reverse("diary:factor", args=[factor.pk]),
        reverse("diary:settings"),
        reverse("diary:import"),
        reverse("core:home"),
    ]
    for url in pages:
        response = alice_client.get(url)
        assert response.status_code == 200, url
