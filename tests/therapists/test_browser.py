import datetime as dt
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


@pytest.mark.browser
def test_the_shared_summary_reads_on_a_phone(
    browser: Any, live_server: Any, alice: Any, theo: Any, tmp_path: Any
) -> None:
    """At 390 px the results fit their card: every column, and the whole safety item."""
    from tests.assessments.conftest import save_result
    from tests.conftest import log_in
    from tests.therapists.factories import make_booking

    profile = make_therapist(theo, name="Theo Marsh")
    booking = make_booking(alice, profile)
    for slug, digits in [
        ("gad7", "2222222"),
        ("phq9", "111111112"),
        ("phq15", "111111111111111"),
        ("pss10", "2222222222"),
        ("hyperstim", "222222222222"),
    ]:
        save_result(alice, slug, digits)
    Appointment.objects.filter(pk=booking.pk).update(
        shared_at=booking.created_at, shared_until=booking.end + dt.timedelta(days=7)
    )
    page = browser.new_page(viewport={"width": 390, "height": 844})
    url = f"/therapists/appointments/{booking.pk}/shared/"
    log_in(page, live_server.url, theo.email, then=url)
    page.screenshot(path=str(tmp_path / "shared-390.png"), full_page=True)
    print("screenshot:", tmp_path / "shared-390.png")
    overflow = page.evaluate(
        """() => {
          const card = document.querySelector('main section.card');
          const box = card.getBoundingClientRect();
          const out = [];
          for (const el of card.querySelectorAll('tbody th, tbody td')) {
            const r = el.getBoundingClientRect();
            const text = el.textContent.trim();
            if (r.right > box.right + 0.5 || r.left < box.left - 0.5) out.push(text);
            if (el.scrollWidth > el.clientWidth + 1) out.push('clipped: ' + text);
          }
          const page = document.documentElement;
          if (page.scrollWidth > window.innerWidth) out.push('page scrolls sideways');
          return out;
        }"""
    )
    assert overflow == []
    taken = page.locator("td[data-label=Taken]").first.bounding_box()
    assert taken is not None and taken["x"] + taken["width"] <= 390
    safety = page.locator(".safety-item").first
    assert "Thoughts that you would be better off dead" in safety.inner_text()
