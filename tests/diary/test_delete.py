"""Deleting asks once: a confirmation page without JavaScript, a dialog with it."""

from typing import Any

from django.urls import reverse

from tests.diary.helpers import make_checkin, make_episode, make_factor, make_stress_event
from twitchlog.core.models import AuditEntry
from twitchlog.diary.models import CheckIn, CustomFactor, Episode, StressEvent


def test_without_confirmation_it_asks_and_keeps_the_entry(alice_client: Any, alice: Any) -> None:
    episode = make_episode(alice)
    url = reverse("diary:episode_delete", args=[episode.pk])
    for response in (alice_client.get(url), alice_client.post(url, {"confirmed": ""})):
        assert response.status_code == 200
        assert "Yes, delete" in response.content.decode()
    assert Episode.objects.exists()


def test_confirmed_it_deletes_and_logs(alice_client: Any, alice: Any) -> None:
    episode = make_episode(alice)
    response = alice_client.post(
        reverse("diary:episode_delete", args=[episode.pk]), {"confirmed": "1"}
    )
    assert response.status_code == 302
    assert not Episode.objects.exists()
    assert AuditEntry.objects.filter(action="diary.episode.deleted").count() == 1


def test_edit_pages_carry_the_dialog_question(alice_client: Any, alice: Any) -> None:
    pages = [
        reverse("diary:episode", args=[make_episode(alice).pk]),
        reverse("diary:stress", args=[make_stress_event(alice).pk]),
        reverse("diary:checkin", args=[make_checkin(alice, sleep_hours=7).local_date]),
        reverse("diary:factor", args=[make_factor(alice).pk]),
    ]
    for url in pages:
        page = alice_client.get(url).content.decode()
        assert 'data-confirm="Delete' in page, url
        assert '<input type="hidden" name="confirmed" value="">' in page


def test_each_kind_can_be_deleted(alice_client: Any, alice: Any) -> None:
    checkin = make_checkin(alice, sleep_hours=7)
    urls = [
        reverse("diary:stress_delete", args=[make_stress_event(alice).pk]),
        reverse("diary:checkin_delete", args=[checkin.local_date]),
        reverse("diary:factor_delete", args=[make_factor(alice).pk]),
    ]
    for url in urls:
        assert alice_client.post(url, {"confirmed": "1"}).status_code == 302
    assert not StressEvent.objects.exists()
    assert not CheckIn.objects.exists()
    assert not CustomFactor.objects.exists()
