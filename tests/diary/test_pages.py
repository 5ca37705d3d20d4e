import datetime as dt
import math
import re
from typing import Any

from django.urls import reverse

from tests.diary.helpers import make_checkin, make_episode, make_factor
from twitchlog.core.registry import home_panels, nav_links
from twitchlog.diary import services
from twitchlog.diary.browse_views import DAY_LIST_LIMIT, burden_legend, burden_level
from twitchlog.diary.models import Episode
from twitchlog.diary.templatetags.diary_tags import heat_level


def test_the_diary_is_in_the_navigation_and_on_home() -> None:
    link = next(link for link in nav_links() if link.url_name == "diary:today")
    assert (link.label, link.order, link.active_prefix) == ("Diary", 10, "/diary/")
    panels = {panel.name: panel.order for panel in home_panels()}
    assert panels["diary-red-flags"] == 0 and panels["diary"] == 10


def test_home_has_the_quick_log_map_and_the_check_in_prompt(alice_client: Any, alice: Any) -> None:
    page = alice_client.get(reverse("core:home")).content.decode()
    assert page.count('class="spot-button"') > 50
    assert 'value="left-eyelid"' in page and 'value="right-calf"' in page
    assert "Do today's check-in" in page
    assert "Same as last time" not in page  # nothing to repeat yet
    make_checkin(alice, services.today_for(alice), sleep_hours=7)
    make_episode(alice)
    page = alice_client.get(reverse("core:home")).content.decode()
    assert "Your check-in is done" in page and "Same as last time" in page


def test_homes_remembered_quick_log_gets_a_fresh_token_and_client_id(alice: Any) -> None:
    """The quick-log panel's markup is made once per diary version (diary/panels.py); the
    CSRF token and the client_id in it must still be the page's own, so the tap works and a
    second tap on a new page is a second twitch."""
    import re

    from django.test import Client

    make_episode(alice)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    pages = [browser.get(reverse("core:home")).content.decode() for _ in range(2)]
    ids = [re.search(r'name="client_id" value="([^"]+)"', page)[1] for page in pages]  # type: ignore[index]
    tokens = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', p)[1] for p in pages]  # type: ignore[index]
    assert ids[0] != ids[1] and all(len(i) == 36 for i in ids)
    assert "stand-in-" not in pages[0] + pages[1]  # every stand-in was replaced
    for client_id, token in zip(ids, tokens, strict=True):
        sent = {"client_id": client_id, "csrfmiddlewaretoken": token}
        assert browser.post(reverse("diary:repeat"), sent).status_code == 302
    assert Episode.objects.filter(user=alice).count() == 3


def test_the_forms_ask_in_the_order_people_think_of_it(alice_client: Any, alice: Any) -> None:
    """What happened and how strong first, then when and notes (the forms' field order)."""
    from twitchlog.diary.forms import EpisodeForm, StressEventForm

    assert list(StressEventForm().fields)[:4] == ["kind", "strength", "occurred_at", "notes"]
    assert list(EpisodeForm().fields)[:4] == ["region", "side", "sensation", "occurred_at"]
    page = alice_client.get(reverse("diary:stress_new")).content.decode()
    assert page.index('name="kind"') < page.index('name="occurred_at"')


def test_the_quick_ways_to_log_come_before_the_map(alice_client: Any, alice: Any) -> None:
    # A keyboard or phone user should not have to pass 60 spots to repeat the last twitch.
    make_episode(alice)
    for url in (reverse("core:home"), reverse("diary:today")):
        page = alice_client.get(url).content.decode()
        first_spot = page.index('class="spot-button"')
        assert page.index("Same as last time") < first_spot
        assert page.index(">pick the place from a list</a>") < first_spot
    page = alice_client.get(reverse("diary:log")).content.decode()
    assert '<a href="#list-title">pick the place from a list</a>' in page  # the list is below


def test_the_diary_menu_marks_the_page_you_are_on(alice_client: Any) -> None:
    page = alice_client.get(reverse("diary:timeline")).content.decode()
    assert f'href="{reverse("diary:timeline")}" aria-current="page">Timeline' in page
    assert page.count('aria-current="page"') == 2  # the main menu's Diary, and Timeline


def test_every_spot_button_has_words_for_screen_readers(alice_client: Any) -> None:
    page = alice_client.get(reverse("diary:today")).content.decode()
    buttons = page.split('class="spot-button"')[1:]
    assert all('<span class="visually-hidden">' in b.split("</button>")[0] for b in buttons)


def test_burden_levels_follow_the_count_or_the_rating() -> None:
    nan = math.nan
    assert burden_level(nan, nan) is None
    assert [burden_level(c, nan) for c in (0, 1, 2, 3, 5, 6, 9, 10, 40)] == [
        0,
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
    ]
    assert burden_level(1, 9) == 4 and burden_level(nan, 5) == 2


def test_the_colour_key_says_what_each_colour_stands_for_at_every_edge() -> None:
    nan = math.nan
    assert burden_legend() == [
        (0, "no twitching"),
        (1, "1–2 twitches, or rated 1–3"),
        (2, "3–5 twitches, or rated 4–5"),
        (3, "6–9 twitches, or rated 6–7"),
        (4, "10 or more twitches, or rated 8–10"),
    ]
    for level, label in burden_legend()[1:]:
        counts, ratings = (
            [int(n) for n in re.findall(r"\d+", part)] for part in label.split("rated")
        )
        for count in counts:
            assert burden_level(count, nan) == level
            assert burden_level(count, 0) == level  # a rating of 0 does not lighten it
        for rating in ratings:
            assert burden_level(nan, rating) == level
            assert burden_level(0, rating) == level  # nor do no twitches
        assert burden_level(counts[0] - 1, nan) == level - 1
        assert burden_level(nan, ratings[0] - 1) == level - 1


def test_heat_levels_are_relative_to_the_busiest_spot() -> None:
    assert [heat_level(n, 8) for n in (0, 1, 2, 4, 6, 8)] == [0, 1, 1, 2, 3, 4]


def test_the_calendar_colours_days_and_leaves_unlogged_days_plain(
    alice_client: Any, alice: Any
) -> None:
    for hour in range(8, 14):
        make_episode(alice, occurred_at=dt.datetime(2026, 11, 3, hour, tzinfo=dt.UTC))
    make_checkin(alice, dt.date(2026, 11, 4), sleep_hours=7)
    page = alice_client.get(reverse("diary:calendar", args=[2026, 11])).content.decode()
    assert 'class="heat-3"' in page  # six twitches on the 3rd
    assert 'class="heat-0"' in page  # checked in, no twitches on the 4th
    assert '6<span class="visually-hidden"> twitches</span>' in page


def test_the_heat_map_lists_spots_as_text(alice_client: Any, alice: Any) -> None:
    today = services.today_for(alice)
    noon = dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC)
    make_episode(alice, occurred_at=noon, region="calf", side="right")
    make_episode(alice, occurred_at=noon, region="calf", side="right")
    make_episode(alice, occurred_at=noon - dt.timedelta(days=60), region="throat", side="middle")
    page = alice_client.get(reverse("diary:map"), {"period": "30"}).content.decode()
    assert 'Right calf</td><td class="num">2' in page and "Throat" not in page
    assert "heat-4" in page
    page = alice_client.get(reverse("diary:map"), {"period": "all"}).content.decode()
    assert "Throat or esophagus</td>" in page


def test_the_timeline_shows_days_newest_first(alice_client: Any, alice: Any) -> None:
    make_checkin(alice, dt.date(2026, 11, 1), sleep_hours=6.5)
    make_checkin(alice, dt.date(2026, 11, 2), sleep_hours=8)
    page = alice_client.get(reverse("diary:timeline")).content.decode()
    assert page.index("Mon 2 Nov<") < page.index("Sun 1 Nov<")
    assert '<td class="num">6.5</td>' in page


def test_the_day_page_lists_entries_and_the_check_in(alice_client: Any, alice: Any) -> None:
    make_episode(alice, strength=4)
    make_checkin(alice, alcohol_units=2, nicotine=False, twitch_rating=3)
    page = alice_client.get(reverse("diary:day", args=["2026-11-20"])).content.decode()
    assert "Left eyelid or around the eye" in page and "strength 4" in page
    assert "<dt>Alcohol</dt><dd>2 units</dd>" in page
    assert "<dt>Nicotine</dt><dd>No</dd>" in page
    assert "Sleep</dt>" not in page  # not logged, not shown as 0


def test_one_of_a_unit_is_said_in_the_singular(alice_client: Any, alice: Any) -> None:
    make_checkin(alice, anxiety_episodes=1, alcohol_units=1, sleep_hours=7)
    page = alice_client.get(reverse("diary:day", args=["2026-11-20"])).content.decode()
    assert "<dd>1 episode</dd>" in page and "<dd>1 unit</dd>" in page
    assert "<dd>7 hours</dd>" in page


def test_a_day_lists_at_most_its_latest_hundred_twitches_and_counts_them_all(
    alice: Any, alice_client: Any
) -> None:
    day = dt.date(2026, 11, 20)
    start = dt.datetime(2026, 11, 20, 6, 0, tzinfo=dt.UTC)
    Episode.objects.bulk_create(
        Episode(
            user=alice,
            occurred_at=start + dt.timedelta(minutes=i),
            local_date=day,
            time_zone="UTC",
            region="calf",
            side="left",
            sensation="twitch",
        )
        for i in range(DAY_LIST_LIMIT + 30)
    )
    page = alice_client.get(reverse("diary:day", kwargs={"day": day})).content.decode()
    assert page.count('href="/diary/episodes/') == DAY_LIST_LIMIT
    assert f'<span class="tag">{DAY_LIST_LIMIT + 30}</span>' in page
    assert "30 earlier ones of this day are counted above" in page
    last = Episode.objects.filter(user=alice).order_by("-occurred_at").first()
    assert last is not None and f"/diary/episodes/{last.pk}/" in page


def test_the_day_pages_emergency_number_follows_a_change_of_country(
    alice: Any, alice_client: Any
) -> None:
    # The day's lists are remembered until the diary changes; a change of country is not a
    # diary write, yet the warning-sign panel must name the new country's number at once.
    alice.country = "GB"
    alice.save(update_fields=["country"])
    services.note_red_flags(alice, ["face_droop"], services.today_for(alice))
    assert "999" in alice_client.get(reverse("diary:today")).content.decode()
    alice.country = "US"
    alice.save(update_fields=["country"])
    page = alice_client.get(reverse("diary:today")).content.decode()
    assert "911" in page and "Call 999" not in page


def test_a_day_with_few_twitches_and_a_high_rating_is_coloured_and_keyed_by_the_rating(
    alice_client: Any, alice: Any
) -> None:
    # Before: two twitches on a day rated 7 showed the "6–9" colour, while the key said the
    # colour counted twitches and followed the rating only on days without any.
    for hour in (9, 15):
        make_episode(alice, occurred_at=dt.datetime(2026, 11, 3, hour, tzinfo=dt.UTC))
    make_checkin(alice, dt.date(2026, 11, 3), twitch_rating=7)
    page = alice_client.get(reverse("diary:calendar", args=[2026, 11])).content.decode()
    assert 'class="heat-3"' in page
    assert '2<span class="visually-hidden"> twitches</span>' in page
    assert "6–9 twitches, or rated 6–7" in page
    assert "whichever is darker" in page
    assert "On days with only an overall rating" not in page


def test_a_refused_change_of_a_factor_keeps_its_stored_name_in_the_heading(
    alice_client: Any, alice: Any
) -> None:
    factor = make_factor(alice, "Screen time")
    url = reverse("diary:factor", args=[factor.pk])
    # The name is accepted, the kind is not: nothing is saved, so the page is still about
    # "Screen time".
    page = alice_client.post(url, {"name": "Phone", "kind": "colour", "unit": ""})
    text = page.content.decode()
    assert "<h1>Screen time</h1>" in text and "<code>screen_time</code>" in text
    assert 'value="Phone"' in text
    # Accepted by the form, refused by the diary (the kind is fixed once values exist).
    services.save_checkin(alice, dt.date(2026, 11, 1), {}, {factor: 2})
    page = alice_client.post(url, {"name": "Phone", "kind": "binary", "unit": ""})
    text = page.content.decode()
    assert "its kind cannot change" in text
    assert "<h1>Screen time</h1>" in text
    factor.refresh_from_db()
    assert factor.name == "Screen time"


def test_the_calendar_greys_out_days_to_come_and_does_not_link_them(
    alice_client: Any, alice: Any
) -> None:
    # Before: a day to come looked like the key's "nothing logged" and linked to an empty
    # day page.
    today = services.today_for(alice)
    tomorrow = today + dt.timedelta(days=1)
    page = alice_client.get(reverse("diary:calendar", args=[tomorrow.year, tomorrow.month]))
    text = page.content.decode()
    cells = {cell["day"]: cell for week in page.context["grid"] for cell in week}
    assert cells[tomorrow]["is_future"] and not cells.get(today, {"is_future": False})["is_future"]
    assert f'href="{reverse("diary:day", args=[tomorrow])}"' not in text
    assert '<td class="future' in text
    assert '<span class="swatch future"></span> not yet' in text
    if today in cells:
        assert f'href="{reverse("diary:day", args=[today])}"' in text


def test_a_day_to_come_says_so_and_offers_no_logging(alice_client: Any, alice: Any) -> None:
    tomorrow = services.today_for(alice) + dt.timedelta(days=1)
    text = alice_client.get(reverse("diary:day", args=[tomorrow])).content.decode()
    assert "This day has not come yet, so there is nothing to log for it." in text
    assert reverse("diary:checkin", args=[tomorrow]) not in text
    assert "No twitches logged" not in text and "None logged." not in text
    # A past day without entries still offers its check-in.
    yesterday = tomorrow - dt.timedelta(days=2)
    text = alice_client.get(reverse("diary:day", args=[yesterday])).content.decode()
    assert "has not come yet" not in text
    assert reverse("diary:checkin", args=[yesterday]) in text
