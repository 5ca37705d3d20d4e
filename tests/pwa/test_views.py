"""The manifest, the service worker's script and headers, the offline page, log-out."""

import json
from pathlib import Path
from typing import Any

from django.test import Client
from django.urls import resolve

from tests.conftest import PASSWORD
from twitchlog.core.middleware import ContentSecurityPolicyMiddleware
from twitchlog.pwa import offline_pages, views


def test_the_manifest_names_the_app_its_start_and_its_icons(client: Client, db: Any) -> None:
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/home/"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])


def test_every_page_links_the_manifest_and_the_offline_script(client: Client, db: Any) -> None:
    page = client.get("/accounts/login/").content.decode()
    assert 'rel="manifest" href="/manifest.webmanifest"' in page
    assert "pwa/offline.js" in page
    assert 'name="theme-color"' in page


def test_the_worker_is_served_from_the_root_for_the_whole_site(client: Client, db: Any) -> None:
    response = client.get("/sw.js")
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    script = response.content.decode()
    assert "__VERSION__" not in script
    assert "{{" not in script and "{%" not in script
    for path in offline_pages.PAGES:
        assert json.dumps(path) in script
    # Nothing from another site, and the policy stays as strict as for every page.
    assert "http://" not in script and "https://" not in script
    assert response["Content-Security-Policy"] == ContentSecurityPolicyMiddleware.POLICY


def test_the_worker_changes_when_a_static_file_name_changes(
    client: Client, db: Any, settings: Any
) -> None:
    first = client.get("/sw.js").content
    settings.STATIC_URL = "/static/v2/"
    assert client.get("/sw.js").content != first


def test_the_pages_kept_offline_are_the_signed_in_persons_own(client: Client, db: Any) -> None:
    for path in offline_pages.LOGGING_PAGES:
        assert resolve(path)  # a page that exists
        assert client.get(path).status_code == 302, path  # login required: never a shared page
    # The rest is public advice, kept as the signed-in person saw it.
    for path in set(offline_pages.PAGES) - set(offline_pages.LOGGING_PAGES):
        assert client.get(path).status_code == 200, path


def test_the_advice_on_seeing_a_doctor_opens_offline(client: Client, db: Any) -> None:
    # Offline, something worrying must not meet "This page needs the connection" alone.
    assert "/learn/see-a-doctor/" in offline_pages.PAGES
    assert resolve("/learn/see-a-doctor/").url_name == "doctor"


def test_the_offline_page_is_the_same_for_everyone(alice_client: Client, client: Client) -> None:
    theirs = alice_client.get("/offline/").content.decode()
    assert "This page needs the connection" in theirs
    assert "In an emergency, call your local emergency number now" in theirs
    assert "alice" not in theirs.lower()
    assert "csrfmiddlewaretoken" not in theirs


def test_logging_out_asks_the_browser_to_forget_the_device_copies(alice_client: Client) -> None:
    response = alice_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_deleting_the_account_asks_the_same(alice_client: Client) -> None:
    response = alice_client.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_only_the_pages_kept_offline_carry_the_offline_vocabulary(
    alice_client: Client, client: Client
) -> None:
    home = alice_client.get("/home/").content.decode()
    assert 'id="offline-vocabulary"' in home
    assert '"left-eyelid"' in home
    assert 'id="offline-vocabulary"' not in alice_client.get("/diary/").content.decode()
    page = alice_client.get("/learn/see-a-doctor/").content.decode()  # kept, but no logging
    assert 'id="offline-vocabulary"' not in page
    assert 'id="offline-vocabulary"' not in client.get("/accounts/login/").content.decode()


def test_the_worker_changes_when_a_kept_file_changes(
    client: Client, db: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    """Local installs serve static files under unchanging names: the content counts."""
    kept = tmp_path / "offline.js"
    monkeypatch.setattr(views.finders, "find", lambda name: str(kept))
    scripts = []
    for content in ("one", "two"):
        kept.write_text(content)
        views._static_digest.cache_clear()
        scripts.append(client.get("/sw.js").content)
    views._static_digest.cache_clear()
    assert scripts[0] != scripts[1]


def test_the_default_favicon_address_leads_to_the_app_icon(client: Client, db: Any) -> None:
    # The admin's pages and a browser's first guess ask for /favicon.ico, which was a 404.
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content).startswith(b"\x89PNG")
