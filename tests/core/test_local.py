"""`twitchlog serve` and `twitchlog demo` on one's own machine: first run, address, emails."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from twitchlog.core.local import local_address
from twitchlog.core.management.commands import serve


def test_the_address_to_open_is_one_a_browser_here_can_reach() -> None:
    assert local_address("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert local_address("0.0.0.0", 8123) == "http://127.0.0.1:8123"  # noqa: S104
    assert local_address("::1", 9000) == "http://[::1]:9000"


@pytest.mark.django_db
def test_links_in_emails_follow_the_port_serve_was_given(settings: Any, monkeypatch: Any) -> None:
    # Before: links pointed at :8000 whatever port `make run PORT=...` used.
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setattr(serve, "run", lambda *args, **kwargs: None)
    monkeypatch.setattr(serve, "warm_up", lambda: None)
    out = StringIO()
    call_command("serve", "--port", "8123", stdout=out)
    assert settings.SITE_URL == "http://127.0.0.1:8123"
    assert "Open http://127.0.0.1:8123/ in your browser" in out.getvalue()
    assert "Emails are printed here" in out.getvalue()


@pytest.mark.django_db
def test_a_site_url_that_was_set_is_kept(settings: Any, monkeypatch: Any) -> None:
    settings.SITE_URL = "https://twitchlog.example.org"
    monkeypatch.setenv("SITE_URL", "https://twitchlog.example.org")
    monkeypatch.setattr(serve, "run", lambda *args, **kwargs: None)
    monkeypatch.setattr(serve, "warm_up", lambda: None)
    call_command("serve", "--port", "8123", stdout=StringIO())
    assert settings.SITE_URL == "https://twitchlog.example.org"


@pytest.mark.django_db
def test_the_demo_says_where_to_sign_in(settings: Any) -> None:
    settings.SITE_URL = "http://127.0.0.1:8123"
    out = StringIO()
    call_command("demo", "--days", "14", "--password", "demo pass 123", stdout=out)
    assert "Sign in at http://127.0.0.1:8123/accounts/login/" in out.getvalue()
