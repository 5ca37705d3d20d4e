"""The "Your data" page and its three downloads."""

import json
from typing import Any

import pytest
from django.urls import reverse
from fhir.resources.R4B.bundle import Bundle

from tests.reports.helpers import small_diary, unzip
from twitchlog.core.models import AuditEntry


def test_the_page_offers_three_downloads_and_deleting(alice_client: Any) -> None:
    page = alice_client.get(reverse("reports:index")).content.decode()
    assert "<h1>Your data</h1>" in page
    for name in ("reports:zip", "reports:pdf", "reports:fhir", "accounts:delete"):
        assert f'href="{reverse(name)}"' in page


@pytest.mark.parametrize(
    ("name", "content_type", "suffix"),
    [
        ("reports:zip", "application/zip", ".zip"),
        ("reports:fhir", "application/fhir+json", ".json"),
        ("reports:pdf", "application/pdf", ".pdf"),
    ],
)
def test_each_download_is_an_uncached_attachment(
    alice_client: Any, name: str, content_type: str, suffix: str
) -> None:
    response = alice_client.get(reverse(name))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="twitchlog')
    assert disposition.endswith(f'{suffix}"')
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("format", ["zip", "fhir", "pdf"])
def test_each_download_writes_the_audit_log_with_the_format_only(
    alice: Any, alice_client: Any, format: str
) -> None:
    small_diary(alice, "alicetag")
    alice_client.get(reverse(f"reports:{format}"))
    entry = AuditEntry.objects.filter(action="data.exported").get()
    assert entry.actor == alice
    assert entry.details == {"format": format}
    assert (entry.object_type, entry.object_id) == ("", "")


def test_a_person_downloads_only_their_own_data(
    alice: Any, charlie: Any, charlie_client: Any
) -> None:
    small_diary(alice, "alicetag")
    small_diary(charlie, "charlietag")
    files = unzip(charlie_client.get(reverse("reports:zip")).content)
    everything = "\n".join(files.values())
    assert "charlietag" in everything
    assert "alicetag" not in everything and "alice@example.org" not in everything
    fhir = charlie_client.get(reverse("reports:fhir")).content.decode()
    assert "charlietag" in fhir and "alicetag" not in fhir
    bundle = Bundle.model_validate_json(fhir)
    assert bundle.entry[0].resource.telecom[0].value == "charlie@example.org"


def test_the_profile_and_the_privacy_notice_link_here(alice_client: Any) -> None:
    here = f'href="{reverse("reports:index")}"'
    assert here in alice_client.get(reverse("accounts:profile")).content.decode()
    assert here in alice_client.get(reverse("core:privacy")).content.decode()


def test_the_fhir_download_is_the_bundle_as_json(alice: Any, alice_client: Any) -> None:
    small_diary(alice, "alicetag")
    data = json.loads(alice_client.get(reverse("reports:fhir")).content)
    assert (data["resourceType"], data["type"]) == ("Bundle", "collection")
