"""The ``{% url %}`` every template uses makes a link without arguments once per process
(core/templatetags/remembered_urls.py); it must still give what Django's tag gives."""

import datetime as dt
from typing import Any

import pytest
from django.template import engines
from django.urls import NoReverseMatch, reverse, set_script_prefix


def render(text: str, **context: Any) -> str:
    return str(engines["django"].from_string(text).render(context))


def test_a_link_without_arguments_follows_the_script_prefix() -> None:
    assert render("{% url 'core:home' %}") == "/home/"
    set_script_prefix("/twitchlog/")
    try:
        assert render("{% url 'core:home' %}") == "/twitchlog/home/"
    finally:
        set_script_prefix("/")
    assert render("{% url 'core:home' %}") == "/home/"


def test_a_name_from_the_context_and_as_work_as_in_django() -> None:
    assert render("{% url name as href %}<{{ href }}>", name="core:privacy") == "</privacy/>"
    assert render("{% url 'no-such-page' as href %}<{{ href }}>") == "<>"
    with pytest.raises(NoReverseMatch):
        render("{% url 'no-such-page' %}")


def test_links_with_arguments_give_djangos_link_and_follow_the_script_prefix() -> None:
    days = ("2026-11-29", "2026-11-30")
    made = [render("{% url 'diary:checkin' day %}", day=day) for day in days]
    assert made == ["/diary/check-in/2026-11-29/", "/diary/check-in/2026-11-30/"]
    day = dt.date(2026, 11, 30)
    assert render("{% url 'diary:checkin' day %}", day=day) == reverse("diary:checkin", args=[day])
    set_script_prefix("/twitchlog/")
    try:
        assert render("{% url 'diary:checkin' day %}", day=day) == (
            "/twitchlog/diary/check-in/2026-11-30/"
        )
    finally:
        set_script_prefix("/")


def test_a_true_is_not_taken_for_a_one() -> None:
    """True == 1 in Python; a remembered link for one must not answer for the other."""
    assert render("{% url 'diary:episode' pk %}", pk=1) == "/diary/episodes/1/"
    with pytest.raises(NoReverseMatch):
        render("{% url 'diary:episode' pk %}", pk=True)
