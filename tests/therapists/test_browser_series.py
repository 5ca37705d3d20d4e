"""In Chromium: book a weekly series, move one session, cancel the rest, and a waitlisted
client gets the freed time by email and takes it.

Set TWITCHLOG_SHOTS_DIR to keep screenshots of each step (to look at them).
"""

import os
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSWORD
from tests.therapists.factories import make_therapist
from twitchlog.therapists import waitlist
from twitchlog.therapists.models import Appointment


def _shot(page: Any, name: str) -> None:
    if folder := os.environ.get("TWITCHLOG_SHOTS_DIR"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _log_in(browser: Any, live_server: Any, user: Any, width: int) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/?next=/therapists/")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/therapists/")
    return page


@pytest.mark.browser
def test_a_series_is_booked_moved_cancelled_and_its_time_goes_to_the_waitlist(
    browser: Any, live_server: Any, alice: Any, charlie: Any, theo: Any, mailoutbox: Any
) -> None:
    profile = make_therapist(theo, name="Theo Marsh")
    url = live_server.url

    # Alice books four weekly sessions from a time a week ahead.
    page = _log_in(browser, live_server, alice, 390)
    page.click("text=Theo Marsh")
    page.click("a:has-text('Later')")
    page.locator(".slot-list a").first.click()
    page.check("input[value=video]")
    page.check("input[name=repeat][value='1']")
    page.fill("input[name=count]", "4")
    _shot(page, "1-book-series")
    page.click("button:has-text('Book this time')")
    page.wait_for_url(f"{url}/therapists/appointments/*/")
    assert "Your 4 appointments are booked" in page.content()
    _shot(page, "2-series-booked")
    sessions = list(Appointment.objects.filter(client=alice).order_by("start"))
    assert len(sessions) == 4 and len({s.series_id for s in sessions}) == 1

    # She moves the second session on its own.
    page.goto(f"{url}/therapists/appointments/{sessions[1].pk}/")
    page.click("a:has-text('Move to another time')")
    page.locator("input[name=start]").nth(3).check()
    page.click("button:has-text('Move to this time')")
    page.wait_for_url(f"{url}/therapists/appointments/{sessions[1].pk}/")
    assert "The appointment has moved" in page.content()
    moved = Appointment.objects.get(pk=sessions[1].pk)
    assert moved.start != sessions[1].start and moved.series_id == sessions[0].series_id
    _shot(page, "3-one-moved")

    # Charlie joins Theo's waitlist.
    other = _log_in(browser, live_server, charlie, 1280)
    other.goto(f"{url}/therapists/{profile.pk}/")
    other.check("#waitlist input[value=video]")
    other.click("button:has-text('Join the waitlist')")
    other.wait_for_url(f"{url}/therapists/appointments/")
    assert "You are on the waitlist" in other.content()

    # Alice cancels the third session and the ones after it, confirming in the page.
    page.goto(f"{url}/therapists/appointments/{sessions[2].pk}/")
    page.click("summary:has-text('Cancel this and the later sessions')")
    _shot(page, "4-confirm-in-page")
    page.click(".confirm-panel button:has-text('Cancel this and the later sessions')")
    page.wait_for_url(f"{url}/therapists/appointments/{sessions[2].pk}/")
    assert "2 appointments cancelled" in page.content()
    _shot(page, "5-rest-cancelled")
    statuses = [a.status for a in Appointment.objects.filter(client=alice).order_by("pk")]
    assert statuses == ["booked", "booked", "cancelled", "cancelled"]

    # The cron job offers the freed times, earliest first (the one Alice moved away from);
    # Charlie is first in line and gets one offer at a time, by email.
    mailoutbox.clear()
    assert waitlist.offer_freed_slots() == 1
    offers = [m for m in mailoutbox if m.to == [charlie.email]]
    assert len(offers) == 1 and "A time has come free with Theo Marsh" in offers[0].subject
    link = re.search(r"https?://\S+(/therapists/waitlist/offer/\S+/)", offers[0].body)
    assert link
    other.goto(f"{url}{link.group(1)}")
    assert "We are holding it for you until" in other.content()
    _shot(other, "6-offer")
    other.click("button:has-text('Book this time')")
    other.wait_for_url(f"{url}/therapists/appointments/*/")
    assert "It is booked" in other.content()
    _shot(other, "7-offer-taken")
    taken = Appointment.objects.get(client=charlie)
    assert taken.start == sessions[1].start and taken.status == "booked"
