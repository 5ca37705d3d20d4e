from typing import Any

import pytest

from tests.conftest import PASSWORD
from tests.therapists.factories import make_therapist
from twitchlog.therapists.models import Appointment


@pytest.mark.browser
def test_a_client_books_a_slot_on_a_phone(
    browser: Any, live_server: Any, alice: Any, theo: Any
) -> None:
    profile = make_therapist(theo, name="Theo Marsh")
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/accounts/login/?next=/therapists/")
    page.fill("input[name=email]", alice.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/therapists/")
    page.click("text=Theo Marsh")
    page.click("a:has-text('Later')")
    first_time = page.locator(".slot-list a").first
    label = first_time.inner_text()
    first_time.click()
    page.check("input[value=video]")
    page.click("button:has-text('Book this time')")
    page.wait_for_url(f"{live_server.url}/therapists/appointments/*/")
    assert "Your appointment is booked" in page.content()
    booked = Appointment.objects.get()
    assert (booked.client, booked.therapist, booked.session_format) == (alice, profile, "video")
    assert label in page.locator("dl.facts").inner_text()
