"""Pages are never kept by shared caches or the browser's history: they can hold health data."""

from typing import Any

from django.urls import reverse
from django.utils import timezone

from tests.assessments.conftest import save_result
from tests.diary.helpers import make_episode
from tests.therapists.factories import make_booking, make_therapist
from twitchlog.therapists.links import manage_token
from twitchlog.therapists.models import TherapistPhoto


def _is_private(response: Any) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def test_a_diary_page_is_not_stored_anywhere(alice_client: Any, alice: Any) -> None:
    episode = make_episode(alice)
    assert _is_private(alice_client.get(reverse("diary:episode", args=[episode.pk])))


def test_api_answers_are_not_stored_anywhere(alice_client: Any) -> None:
    assert _is_private(alice_client.get("/api/diary/episodes"))


def test_a_results_download_is_not_stored_anywhere(alice_client: Any, alice: Any) -> None:
    result = save_result(alice, "gad7", "1111000")
    response = alice_client.get(reverse("assessments:result_fhir", args=[result.pk]))
    assert response.status_code == 200
    assert _is_private(response)


def test_the_signed_link_page_is_not_stored_anywhere(client: Any, alice: Any, theo: Any) -> None:
    token = manage_token(make_booking(alice, make_therapist(theo)), "client")
    response = client.get(reverse("therapists:manage", args=[token]))
    assert response.status_code == 200
    assert _is_private(response)


def test_a_view_that_chooses_its_own_caching_keeps_it(client: Any, theo: Any) -> None:
    profile = make_therapist(theo, photo_updated_at=timezone.now())
    TherapistPhoto.objects.create(profile=profile, image=b"\xff\xd8\xff")
    response = client.get(reverse("therapists:photo", args=[profile.pk]))
    assert response["Cache-Control"] == "public, max-age=604800"


def test_pages_allow_only_our_own_scripts(client: Any, db: Any) -> None:
    # Defence in depth: even if some text slipped through unescaped, no script of anyone
    # else's could run on a page that shows health data.
    policy = client.get(reverse("core:welcome"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
