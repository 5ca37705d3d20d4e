import datetime as dt
from typing import Any

import pytest

from tests.conftest import log_in, make_user
from twitchlog.diary import services as diary
from twitchlog.experiments.models import Experiment, KeptDay

from .helpers import make_experiment


@pytest.mark.browser
def test_a_test_is_planned_followed_and_read_at_phone_size(browser: Any, live_server: Any) -> None:
    user = make_user("tester@example.org")
    past = make_experiment(user, days_ago=40, pairs=2)
    for block in past.blocks:
        for offset in range(7):
            day = block.start + dt.timedelta(days=offset)
            diary.save_checkin(user, day, {"twitch_rating": 6})
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    log_in(page, live_server.url, user.email)

    page.goto(f"{live_server.url}/experiments/plan/?change=regular-meals")
    page.click("button[name=preview]")
    assert "Chance to see it" in page.inner_text("main")
    page.click("button[name=register]")
    assert "Its plan is now fixed" in page.inner_text(".messages")
    running = Experiment.objects.exclude(pk=past.pk).get(user=user)

    page.goto(f"{live_server.url}/home/")
    assert "Your test: Regular meals, none skipped" in page.inner_text("main")
    page.click("form[action$='/kept/'] button[value=yes]")
    assert KeptDay.objects.get(experiment=running).kept

    page.goto(f"{live_server.url}/experiments/{past.pk}/")
    text = page.inner_text("main")
    assert "Result: Could not tell" in text
    assert "Registered plan" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
