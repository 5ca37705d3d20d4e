"""Logs never hand on a signed link: whoever reads them could use it."""

import io
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse

from tests.therapists.factories import make_booking, make_therapist
from twitchlog.core.logs import RedactSignedLinks
from twitchlog.therapists.links import manage_token


@pytest.fixture
def console() -> Iterator[io.StringIO]:
    """What the app's console log handler writes while the test runs."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RedactSignedLinks) for f in h.filters)
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)  # type: ignore[attr-defined]
    yield stream
    handler.setStream(previous)  # type: ignore[attr-defined]


def test_a_refused_change_through_a_signed_link_is_logged_without_the_token(
    client: Any, alice: Any, theo: Any, console: io.StringIO
) -> None:
    token = manage_token(make_booking(alice, make_therapist(theo)), "client")
    url = reverse("therapists:manage", args=[token])
    response = client.post(url, {"action": "move", "start": "2020-01-01T09:00:00+00:00"})
    assert response.status_code == 409
    logged = console.getvalue()
    assert "/therapists/manage/" in logged
    assert token not in logged


def _formatted(msg: str, *args: Any) -> str:
    record = logging.LogRecord("django.server", logging.INFO, __file__, 1, msg, args, None)
    RedactSignedLinks().filter(record)
    return record.getMessage()


def test_request_lines_lose_manage_and_password_reset_tokens() -> None:
    line = _formatted('"%s" %s %s', "GET /therapists/manage/eyJhIjoxfQ:1tX:abc/ HTTP/1.1", 200, 9)
    assert "eyJhIjoxfQ" not in line and "/therapists/manage/" in line
    reset = _formatted("Not Found: %s", "/accounts/reset/MQ/cbx7fe-2e4d9a/")
    assert "cbx7fe" not in reset and "/accounts/reset/MQ/" in reset
    assert "set-password" in _formatted("%s", "/accounts/reset/MQ/set-password/")
    search = _formatted('"%s" %s %s', "GET /learn/search/?q=als+eyelid&page=2 HTTP/1.1", 200, 9)
    assert "als" not in search and "q=[hidden]&page=2" in search
    spot = _formatted('"%s" %s %s', "GET /diary/log/?spot=left-calf&next=/diary/ HTTP/1.1", 200, 9)
    assert "calf" not in spot and "spot=[hidden]&next=/diary/" in spot
    day = "/diary/days/2026-11-20/"
    assert _formatted("Not Found: %s", day) == f"Not Found: {day}"


def test_a_server_line_without_a_time_is_still_written() -> None:
    # Django's server logs a broken pipe without server_time; a plain "{server_time}" format
    # printed "--- Logging error --- KeyError: 'server_time'" in its place.
    handler = next(h for h in logging.getLogger("django.server").handlers)
    assert handler.formatter is not None
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, "- Broken pipe from %s", ("127.0.0.1",), None
    )
    line = handler.format(record)
    assert line.startswith("[") and line.endswith("] - Broken pipe from 127.0.0.1")
