"""``GET /api/reports/export?format=zip|fhir|pdf`` with a bearer token."""

from typing import Any

from django.test import Client
from fhir.resources.R4B.bundle import Bundle

from tests.reports.helpers import small_diary, unzip
from twitchlog.accounts.services import create_token
from twitchlog.core.models import AuditEntry

URL = "/api/reports/export"


def token_client(user: Any) -> Client:
    _, raw = create_token(user, "test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_zip_with_a_token(alice: Any) -> None:
    small_diary(alice, "alicetag")
    response = token_client(alice).get(URL, {"format": "zip"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="twitchlog-')
    assert response["Cache-Control"] == "private, no-store"
    assert "alicetag" in unzip(response.content)["diary_episodes.csv"]
    entry = AuditEntry.objects.get(action="data.exported")
    assert (entry.actor, entry.details) == (alice, {"format": "zip"})


def test_fhir_with_a_token_holds_only_the_token_owners_data(alice: Any, charlie: Any) -> None:
    small_diary(alice, "alicetag")
    small_diary(charlie, "charlietag")
    response = token_client(charlie).get(URL, {"format": "fhir"})
    assert response["Content-Type"] == "application/fhir+json"
    text = response.content.decode()
    assert "charlietag" in text and "alicetag" not in text
    assert Bundle.model_validate_json(text).type == "collection"


def test_an_unknown_or_missing_format_is_a_422(alice: Any) -> None:
    client = token_client(alice)
    assert client.get(URL, {"format": "xml"}).status_code == 422
    assert client.get(URL).status_code == 422
    assert not AuditEntry.objects.filter(action="data.exported").exists()


def test_without_a_token_it_is_a_401(db: Any) -> None:
    assert Client().get(URL, {"format": "zip"}).status_code == 401
