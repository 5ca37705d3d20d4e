from pathlib import Path
from typing import Any

from django.urls import reverse

from twitchlog.core import registry

TEST_TEMPLATES = Path(__file__).parent.parent / "templates"


def test_the_welcome_page_sends_people_who_are_logged_in_home(alice_client: Any) -> None:
    assert alice_client.get(reverse("core:welcome"))["Location"] == reverse("core:home")


def test_home_renders_registered_panels_in_order(
    alice_client: Any, monkeypatch: Any, settings: Any
) -> None:
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [TEST_TEMPLATES]}]
    monkeypatch.setattr(registry, "_panels", {})
    registry.add_home_panel("b", "tests/panel.html", 20, lambda request: {"text": "second"})
    registry.add_home_panel("a", "tests/panel.html", 10, lambda request: {"text": "first"})
    registry.add_home_panel("hidden", "tests/panel.html", 30, lambda request: None)
    page = alice_client.get(reverse("core:home")).content.decode()
    assert page.index("panel:first") < page.index("panel:second")
    assert page.count("panel:") == 2


def test_every_page_carries_the_medical_disclaimer(client: Any, db: Any) -> None:
    for name in ("core:welcome", "core:privacy", "accounts:login", "knowledge:index"):
        assert "Not medical advice." in client.get(reverse(name)).content.decode()


def test_unknown_pages_get_a_friendly_404(client: Any, db: Any) -> None:
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_healthz_reports_the_database(client: Any, db: Any) -> None:
    assert client.get(reverse("core:healthz")).json() == {"status": "ok"}


def test_healthz_answers_plain_http_when_https_is_enforced(
    client: Any, db: Any, settings: Any
) -> None:
    # Load balancers usually poll the app directly over HTTP and count a redirect as down.
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("core:healthz")).status_code == 200
    assert client.get(reverse("core:privacy")).status_code == 301


def test_a_pages_forms_share_one_csrf_token_until_it_is_rotated(rf: Any) -> None:
    """page_token masks the token once per page, and again after a login rotates it."""
    from django.middleware.csrf import rotate_token

    from twitchlog.core.context_processors import page_token

    request = rf.get("/home/")
    first = page_token(request)
    assert page_token(request) == first and len(first) == 64
    rotate_token(request)
    assert page_token(request) != first
