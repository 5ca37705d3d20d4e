import datetime as dt
from typing import Any

import pytest

from tests.conftest import log_in, make_user
from twitchlog.diary.models import CheckIn, CustomFactor, CustomValue, Episode


@pytest.mark.browser
def test_a_twitch_is_logged_from_home_in_three_taps(browser: Any, live_server: Any) -> None:
    user = make_user("tapper@example.org")
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    log_in(page, live_server.url, user.email)
    context.add_init_script(
        "addEventListener('touchstart', () => sessionStorage.setItem('touches',"
        " Number(sessionStorage.getItem('touches')) + 1), true);"
    )
    page.reload()

    with page.expect_navigation():
        page.tap("button.spot-button[value='left-eyelid']")
    assert "Left eyelid" in page.inner_text(".place")
    page.tap("label:has(input[name=sensation][value=twitch])")
    with page.expect_navigation():
        page.tap("main form button[type=submit] >> nth=0")

    # Every touch the pages received, counted by the pages themselves (kept across the page
    # loads in sessionStorage): the three taps above, and no more were needed.
    assert page.evaluate("Number(sessionStorage.getItem('touches'))") == 3
    assert page.url == f"{live_server.url}/home/"
    assert "Your twitch is logged" in page.inner_text(".messages")
    episode = Episode.objects.get(user=user)
    assert (episode.region, episode.side, episode.sensation) == ("eyelid", "left", "twitch")
    context.close()


@pytest.mark.browser
def test_the_body_map_is_one_tab_stop_and_arrow_keys_move_around_it(
    browser: Any, live_server: Any
) -> None:
    user = make_user("keys@example.org")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, live_server.url, user.email)
    page.goto(f"{live_server.url}/diary/")

    page.focus(".bodymap-hint a")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "head"
    page.keyboard.press("Tab")  # past the whole map in one step
    assert not page.evaluate("document.activeElement.matches('.spot-button')")

    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.value") == "head"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "mouth"
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.value") == "right-face"
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.value") == "right-eyelid"
    for _ in range(8):  # on across to the back figure
        page.keyboard.press("ArrowRight")
    caption = page.evaluate(
        "document.activeElement.closest('figure').querySelector('figcaption').innerText"
    )
    assert caption.startswith("Back"), caption
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "spot=" in page.url and page.is_checked("input[name=sensation][value=twitch]")
    context.close()


@pytest.mark.browser
def test_back_after_a_form_error_and_a_save_never_asks_to_resend(
    browser: Any, live_server: Any
) -> None:
    # Before: Back to a page that answered a POST with errors showed "Confirm form
    # resubmission" (Chromium's ERR_CACHE_MISS page), and so did Back after saving a twitch.
    user = make_user("back@example.org")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, live_server.url, user.email)

    page.goto(f"{live_server.url}/diary/stress/new/")
    page.click("main form button[type=submit]")  # nothing chosen: errors
    assert "Some answers need another look" in page.inner_text("main")
    page.check("input[name=kind][value=pressure]")
    page.check("input[name=strength][value='5']")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/diary/days/" in page.url or page.url.endswith("/diary/")
    page.go_back()
    assert page.url.endswith("/diary/stress/new/")
    assert "Log a stress moment" in page.inner_text("h1")

    page.goto(f"{live_server.url}/diary/")
    with page.expect_navigation():
        page.click("button.spot-button[value='left-calf']")
    with page.expect_navigation():
        page.click("main form button[type=submit] >> nth=0")
    page.go_back()
    assert "spot=left-calf" in page.url and "Right calf" not in page.inner_text(".place")
    assert "Left calf" in page.inner_text(".place")
    context.close()


@pytest.mark.browser
def test_a_long_number_stays_inside_the_day_page_on_a_phone(browser: Any, live_server: Any) -> None:
    # Before: a check-in stored before the ceilings with 99999999999999999999999 mg of
    # caffeine showed "Caffeine 99999999999999991611392 mg" past the right edge at 390 px,
    # and the whole page scrolled sideways. Such values still show; they wrap.
    user = make_user("wide@example.org")
    day = dt.date(2026, 11, 20)
    checkin = CheckIn.objects.create(user=user, local_date=day, caffeine_mg=1e23, water_l=75)
    factor = CustomFactor.objects.create(
        user=user, name="Minutesonthephonebeforesleepingeverynight", column="minutes"
    )
    CustomValue.objects.create(checkin=checkin, factor=factor, value=1e15)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, live_server.url, user.email)
    page.goto(f"{live_server.url}/diary/days/{day.isoformat()}/")

    assert "99999999999999991611392 mg" in page.inner_text(".summary-list")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate(
        "[...document.querySelectorAll('.summary-list dd')]"
        ".every(dd => dd.getBoundingClientRect().right <= 390)"
    )
    context.close()
