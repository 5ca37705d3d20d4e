"""In Chromium: the app is installable, logging works offline, and log-out forgets the device."""

import io
import re
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import log_in, make_user
from twitchlog.diary import services
from twitchlog.diary.models import CheckIn, Episode, StressEvent
from twitchlog.pwa import offline_pages

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


def _wait_until_controlled(page: Any) -> None:
    """The service worker is active and controls this page, with the offline pages kept."""
    page.evaluate("navigator.serviceWorker.ready")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.wait_for_function(
        """async (pages) => {
            const cache = await caches.open('twitchlog-pages');
            const kept = await Promise.all(pages.map((p) => cache.match(p)));
            return kept.every(Boolean);
        }""",
        arg=offline_pages.PAGES,
    )


@pytest.mark.browser
def test_the_app_meets_the_install_criteria(browser: Any, live_server: Any) -> None:
    user = make_user("installer@example.org")
    context = browser.new_context(**PHONE)
    page = context.new_page()
    log_in(page, live_server.url, user.email)
    _wait_until_controlled(page)

    href = page.get_attribute("link[rel=manifest]", "href")
    manifest = page.evaluate("(href) => fetch(href).then((r) => r.json())", href)
    assert manifest["name"] and manifest["short_name"]
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/home/"
    assert manifest["theme_color"] and manifest["background_color"]
    sizes = {}
    for icon in manifest["icons"]:
        response = page.request.get(live_server.url + icon["src"])
        assert response.ok
        image = Image.open(io.BytesIO(response.body()))
        assert icon["sizes"] == f"{image.width}x{image.height}"
        sizes.setdefault(icon.get("purpose", "any"), set()).add(image.width)
    assert sizes == {"any": {192, 512}, "maskable": {512}}
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL").endswith("/sw.js")
    assert page.evaluate("navigator.serviceWorker.ready.then((r) => r.scope)").endswith(
        live_server.url.split("//")[1] + "/"
    )
    # Chromium's own verdict on the manifest and the worker.
    cdp = context.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []
    context.close()


@pytest.mark.browser
def test_twitches_and_a_stress_moment_logged_offline_are_sent_once_when_back_online(
    browser: Any, live_server: Any
) -> None:
    user = make_user("offline@example.org")
    services.log_episode(user, region="calf", side="left", sensation="twitch", strength=3)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    log_in(page, live_server.url, user.email)
    _wait_until_controlled(page)

    context.set_offline(True)
    page.goto(f"{live_server.url}/home/")  # from the device
    # The status line is drawn once the queue has been read from IndexedDB, after the load.
    page.wait_for_selector("#offline-status .offline-line")
    assert "You are offline" in page.inner_text("#offline-status")
    page.tap(".repeat-button")
    page.wait_for_selector("text=Waiting to be sent: 1 entry")
    page.tap("button.spot-button[value='left-eyelid']")
    page.tap("dialog.offline-dialog button[value=twitch]")
    page.wait_for_selector("text=Waiting to be sent: 2 entries")
    # Said where the person is looking, too: the status line may be scrolled out of view.
    assert "Kept on this device: Twitch: Left eyelid" in page.inner_text(".offline-toast")

    page.goto(f"{live_server.url}/diary/log/")  # the list of places
    page.click("button[name=spot][value='right-upper-back']")
    page.click("dialog.offline-dialog button[value=spasm]")
    page.wait_for_selector("text=Waiting to be sent: 3 entries")

    page.goto(f"{live_server.url}/diary/stress/new/")
    page.check("input[name=kind][value=fright]")
    page.check("input[name=strength][value='6']")
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=Waiting to be sent: 4 entries")
    queued = page.inner_text(".offline-queue")
    assert "Left calf, twitch (same as last time)" in queued
    assert "Left eyelid or around the eye, twitch" in queued
    assert "Stress moment: fright or shock" in queued
    assert re.search(r", \w{3} \d{2}:\d{2}$", queued.splitlines()[0])  # 24-hour, like the app
    assert " AM" not in queued and " PM" not in queued

    # A page the device has not kept says it needs the connection.
    page.goto(f"{live_server.url}/insights/")
    assert "This page needs the connection" in page.inner_text("h1")
    # ... and that an emergency does not wait for it.
    assert "call your local emergency number now" in page.inner_text("main")
    # When to see a doctor is kept, so the advice is there without a network.
    page.goto(f"{live_server.url}/learn/see-a-doctor/")
    assert "When to see a doctor" in page.inner_text("h1")
    assert Episode.objects.filter(user=user).count() == 1  # nothing reached the server yet

    page.goto(f"{live_server.url}/home/")
    context.set_offline(False)
    page.wait_for_selector("text=Sent 4 entries logged while offline")
    page.reload()  # a second page load, and a second tab, must not send anything again
    other = context.new_page()
    other.goto(f"{live_server.url}/home/")
    other.wait_for_load_state("networkidle")
    page.wait_for_load_state("networkidle")

    episodes = page.request.get(f"{live_server.url}/api/diary/episodes").json()["items"]
    assert sorted((e["region"], e["side"]) for e in episodes) == [
        ("calf", "left"),
        ("calf", "left"),
        ("eyelid", "left"),
        ("upper_back", "right"),
    ]
    assert len({e["client_id"] for e in episodes if e["client_id"]}) == 3
    stress = page.request.get(f"{live_server.url}/api/diary/stress-events").json()["items"]
    assert [(s["kind"], s["strength"]) for s in stress] == [("fright", 6)]
    assert StressEvent.objects.filter(user=user).count() == 1
    assert "Waiting to be sent" not in page.inner_text("body")
    context.close()


@pytest.mark.browser
def test_logging_out_forgets_what_the_device_kept(browser: Any, live_server: Any) -> None:
    user = make_user("leaver@example.org")
    context = browser.new_context(**PHONE)
    page = context.new_page()
    log_in(page, live_server.url, user.email)
    _wait_until_controlled(page)
    assert page.evaluate("caches.keys()")

    page.click("header button:has-text('Log out')")
    page.wait_for_url(f"{live_server.url}/")
    page.wait_for_function(
        """async () => {
            const pages = await caches.has('twitchlog-pages');
            const dbs = (await indexedDB.databases()).map((d) => d.name);
            return !pages && !dbs.includes('twitchlog-offline');
        }"""
    )
    # The browser dropped the worker too, so offline nothing of the account opens.
    context.set_offline(True)
    with pytest.raises(PlaywrightError, match="ERR_INTERNET_DISCONNECTED"):
        page.goto(f"{live_server.url}/home/")
    context.close()


NOT_SENT = "main form .offline-not-sent[role=status]:has-text('not sent')"
DRAFTS = "Object.keys(sessionStorage).filter((k) => k.startsWith('twitchlog-draft'))"


def _type_a_checkin(page: Any) -> None:
    page.fill("#id_sleep_hours", "6.5")
    page.click("label:has(input[name=sleep_quality][value='4'])")
    page.fill("#id_notes", "Woke at four, then slept again")


def _assert_the_checkin_is_as_typed(page: Any) -> None:
    assert page.input_value("#id_sleep_hours") == "6.5"
    assert page.is_checked("input[name=sleep_quality][value='4']")
    assert page.input_value("#id_notes") == "Woke at four, then slept again"


def _assert_saved(user: Any) -> None:
    checkin = CheckIn.objects.get(user=user)
    assert (checkin.sleep_hours, checkin.sleep_quality) == (6.5, 4)
    assert checkin.notes == "Woke at four, then slept again"


@pytest.mark.browser
def test_a_form_sent_offline_keeps_everything_typed_and_sends_once_online(
    browser: Any, live_server: Any
) -> None:
    # Before: the worker's offline page replaced the check-in, and Back showed it again; all
    # the answers were gone.
    user = make_user("checkin-offline@example.org")
    context = browser.new_context(**PHONE)
    page = context.new_page()
    log_in(page, live_server.url, user.email)
    _wait_until_controlled(page)
    page.goto(f"{live_server.url}/diary/check-in/")
    form_url = page.url
    # Online, a form with errors is answered by the server, under the worker, as before.
    page.fill("#id_sleep_hours", "99")
    with page.expect_navigation():
        page.click("button:has-text('Save the check-in')")
    assert "Some answers need another look" in page.inner_text("main")
    assert not page.query_selector(".offline-not-sent")
    _type_a_checkin(page)

    context.set_offline(True)
    page.click("button:has-text('Save the check-in')")
    said = page.wait_for_selector(NOT_SENT, timeout=5000)
    assert "not sent" in said.inner_text() and "still here" in said.inner_text()
    assert page.url == form_url
    assert "Today's check-in" in page.inner_text("h1")
    _assert_the_checkin_is_as_typed(page)
    assert not CheckIn.objects.filter(user=user).exists()
    # This page was loaded online: it is not the device's kept copy, so it must not say so.
    page.wait_for_selector("#offline-status .offline-line")
    line = page.inner_text("#offline-status .offline-line")
    assert line.startswith("You are offline.") and "copy kept" not in line

    context.set_offline(False)
    with page.expect_navigation():
        page.click("button:has-text('Save the check-in')")
    assert page.url == f"{live_server.url}/diary/"  # today's page, as before
    assert "Your check-in is saved" in page.inner_text(".messages")
    _assert_saved(user)
    assert page.evaluate(DRAFTS) == []
    context.close()


@pytest.mark.browser
def test_a_form_whose_send_fails_stays_and_a_reload_brings_the_answers_back(
    browser: Any, live_server: Any
) -> None:
    # The browser claims to be online, but nothing gets through: the worker's fetch fails.
    user = make_user("checkin-dropped@example.org")
    context = browser.new_context(**PHONE)
    page = context.new_page()
    log_in(page, live_server.url, user.email)
    _wait_until_controlled(page)
    page.goto(f"{live_server.url}/diary/check-in/")
    form_url = page.url
    _type_a_checkin(page)

    context.set_offline(True)
    page.evaluate("Object.defineProperty(navigator, 'onLine', { get: () => true })")
    assert page.evaluate("navigator.onLine") is True
    page.click("button:has-text('Save the check-in')")
    said = page.wait_for_selector(NOT_SENT, timeout=5000)
    assert "not sent" in said.inner_text()
    assert page.url == form_url
    _assert_the_checkin_is_as_typed(page)

    # Back online, a reload of the page (or a later visit in this tab) has the answers again.
    context.set_offline(False)
    page.reload()
    page.wait_for_selector(NOT_SENT, timeout=5000)
    _assert_the_checkin_is_as_typed(page)
    assert not CheckIn.objects.filter(user=user).exists()
    with page.expect_navigation():
        page.click("button:has-text('Save the check-in')")
    _assert_saved(user)
    assert page.evaluate(DRAFTS) == []  # saved: the device keeps no copy
    page.goto(form_url)
    assert not page.query_selector(".offline-not-sent")
    context.close()


@pytest.mark.browser
def test_logging_out_forgets_a_form_that_was_not_sent(browser: Any, live_server: Any) -> None:
    user = make_user("draft-leaver@example.org")
    context = browser.new_context(**PHONE)
    page = context.new_page()
    log_in(page, live_server.url, user.email)
    page.goto(f"{live_server.url}/diary/check-in/")
    page.fill("#id_notes", "Something private")
    context.set_offline(True)
    page.click("button:has-text('Save the check-in')")
    page.wait_for_selector(NOT_SENT, timeout=5000)
    assert len(page.evaluate(DRAFTS)) == 1
    context.set_offline(False)

    page.click("header button:has-text('Log out')")
    page.wait_for_url(f"{live_server.url}/")
    assert page.evaluate(DRAFTS) == []
    context.close()


@pytest.mark.browser
def test_a_form_with_a_field_named_action_keeps_its_answers_offline(
    browser: Any, live_server: Any
) -> None:
    # form.action is the form's field called "action" when it has one (the reminders page and
    # the waitlist offer): reading the address that way threw on every send, and nothing typed
    # was kept.
    user = make_user("reminders-offline@example.org")
    context = browser.new_context(**PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, live_server.url, user.email)
    _wait_until_controlled(page)
    page.goto(f"{live_server.url}/reminders/")
    page.fill("#id_at", "07:15")
    context.set_offline(True)
    page.click("form:has(#id_at) button[type=submit]")
    page.wait_for_selector(".offline-not-sent[role=status]:has-text('not sent')", timeout=5000)
    assert errors == []
    assert page.input_value("#id_at") == "07:15"
    assert len(page.evaluate(DRAFTS)) == 1
    context.close()
