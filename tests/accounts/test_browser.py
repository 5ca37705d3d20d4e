from typing import Any

import pytest

from twitchlog.accounts.models import User


@pytest.mark.browser
def test_a_new_person_signs_up_on_a_phone(browser: Any, live_server: Any) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, timezone_id="America/Chicago"
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/signup/")
    # The browser's zone is filled in for the person, who can still change it.
    assert page.input_value("#id_time_zone") == "America/Chicago"
    page.fill("#id_email", "new@example.org")
    page.fill("#id_password", "short")
    page.click("button[type=submit]")
    assert "too short" in page.inner_text("main")
    assert page.input_value("#id_email") == "new@example.org"

    page.fill("#id_password", "gentle morning harbour 9")
    page.check("#id_consent")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/home/")
    assert "Hello, new" in page.inner_text("h1")
    assert User.objects.get(email="new@example.org").time_zone == "America/Chicago"
    context.close()


@pytest.mark.browser
def test_on_a_server_a_new_person_signs_up_through_the_emailed_link(
    browser: Any, live_server: Any, settings: Any
) -> None:
    import re

    from django.core import mail

    settings.SIGNUP_CONFIRM_BY_EMAIL = True
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/signup/")
    page.fill("#id_email", "phone@example.org")
    page.fill("#id_password", "gentle morning harbour 9")
    page.check("#id_consent")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/accounts/signup/sent/")
    assert "phone@example.org" in page.inner_text("main")
    assert not User.objects.filter(email="phone@example.org").exists()

    path = re.search(r"(/accounts/signup/confirm/\S+/)", mail.outbox[-1].body)
    assert path
    page.goto(live_server.url + path.group(1))
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/home/")
    assert "Hello, phone" in page.inner_text("h1")
    context.close()
