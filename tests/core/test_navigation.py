from typing import Any

from django.test import RequestFactory
from django.urls import reverse

from tests.conftest import PASSWORD
from twitchlog.core.navigation import safe_next
from twitchlog.diary.models import CheckIn


def test_only_addresses_on_this_site_are_followed() -> None:
    factory = RequestFactory()
    for target in ("https://evil.example/", "//evil.example", "javascript:alert(1)"):
        assert safe_next(factory.post("/", {"next": target})) is None
        assert safe_next(factory.get("/", {"next": target})) is None
    assert safe_next(factory.post("/", {"next": "/diary/"})) == "/diary/"
    assert safe_next(factory.get("/", {"next": "http://testserver/home/"})) == (
        "http://testserver/home/"
    )
    assert safe_next(factory.get("/")) is None


def test_a_bare_word_is_not_taken_for_an_address() -> None:
    # redirect() would read "home" as the name of a URL and fail with a 500.
    factory = RequestFactory()
    for target in ("home", "core:home", "../diary/", "diary/"):
        assert safe_next(factory.post("/", {"next": target})) is None


def test_login_and_a_diary_form_with_a_bare_word_next_still_land_home(
    client: Any, alice: Any
) -> None:
    response = client.post(
        reverse("accounts:login") + "?next=home", {"email": alice.email, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    response = client.post(reverse("diary:rate_today"), {"twitch_rating": "5", "next": "home"})
    assert response.status_code == 302
    assert CheckIn.objects.filter(user=alice).count() == 1
