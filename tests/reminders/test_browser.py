"""In Chromium: the service worker shows a pushed reminder as a notification."""

import json
from typing import Any

import pytest

from tests.conftest import log_in, make_user
from twitchlog.reminders import services


@pytest.mark.browser
def test_a_pushed_reminder_shows_as_a_notification(browser: Any, live_server: Any) -> None:
    context = browser.new_context()
    context.grant_permissions(["notifications"], origin=live_server.url)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")  # every page registers the worker
    page.evaluate("navigator.serviceWorker.ready")
    cdp = context.new_cdp_session(page)
    registrations: list[dict[str, Any]] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    page.wait_for_timeout(300)
    (registration,) = [r for r in registrations if not r["isDeleted"]]

    shown: list[Any] = []
    # A push that reaches the worker while it is still starting up can be dropped, so on a busy
    # machine it is sent again; the reminder's tag makes a second one replace the first.
    for _attempt in range(3):
        cdp.send(
            "ServiceWorker.deliverPushMessage",
            {
                "origin": live_server.url,
                "registrationId": registration["registrationId"],
                "data": json.dumps(services.push_payload()),
            },
        )
        for _ in range(50):  # up to five seconds
            shown = page.evaluate(
                """() => navigator.serviceWorker.ready
                    .then((r) => r.getNotifications())
                    .then((found) => found.map((n) => [n.title, n.body, n.data.url]))"""
            )
            if shown:
                break
            page.wait_for_timeout(100)
        if shown:
            break
    assert shown == [[services.TITLE, services.TEXT, "/diary/check-in/"]]
    context.close()


# A browser that has notifications allowed but whose push service refuses this site (as
# Chromium does with push messaging turned off) rejects subscribe() like this.
REFUSE_PUSH = """
PushManager.prototype.subscribe = function () {
  return Promise.reject(new DOMException("Registration failed - permission denied",
                                         "NotAllowedError"));
};
"""


@pytest.mark.browser
def test_a_refused_subscription_is_explained_in_plain_words(browser: Any, live_server: Any) -> None:
    # Before, the page showed the browser's own error: "Could not turn notifications on:
    # Registration failed - permission denied".
    user = make_user("pusher@example.org")
    context = browser.new_context()
    context.grant_permissions(["notifications"], origin=live_server.url)
    context.add_init_script(REFUSE_PUSH)
    page = context.new_page()
    log_in(page, live_server.url, user.email, then="/reminders/")
    page.evaluate("navigator.serviceWorker.ready")
    page.click("[data-push=on]")
    state = page.locator(".push-state")
    state.filter(has_text="blocked").wait_for()
    text = state.inner_text()
    assert text.startswith("Notifications are blocked for this site in this browser.")
    assert "reminders by email still work" in text
    assert "Registration failed" not in text and "permission denied" not in text
    context.close()
