"""In Chromium: the service worker shows a pushed reminder as a notification."""

import json
from typing import Any

import pytest

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
