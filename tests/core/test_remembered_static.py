"""The ``{% static %}`` every template uses makes the address of a path written in the
template once per process (core/templatetags/remembered_static.py); it must still give what
Django's tag gives, and no template of ours may load Django's back."""

from pathlib import Path
from typing import Any

from django.template import engines
from django.templatetags.static import static

import twitchlog
from twitchlog.core.templatetags import remembered_static


def render(text: str, **context: Any) -> str:
    return str(engines["django"].from_string(text).render(context))


def test_a_literal_path_gives_djangos_address_and_is_remembered() -> None:
    remembered_static._made.clear()
    assert render("{% static 'twitchlog/app.js' %}") == static("twitchlog/app.js")
    assert remembered_static._made == {"twitchlog/app.js": static("twitchlog/app.js")}
    assert render("{% static 'twitchlog/app.js' as src %}<{{ src }}>") == (
        f"<{static('twitchlog/app.js')}>"
    )


def test_a_path_from_the_context_is_not_remembered() -> None:
    remembered_static._made.clear()
    made = render("{% static path %}", path="diary/diary.css")
    assert made == static("diary/diary.css")
    assert remembered_static._made == {}


def test_a_changed_static_url_is_followed(settings: Any) -> None:
    render("{% static 'twitchlog/app.js' %}")
    settings.STATIC_URL = "/elsewhere/"
    assert render("{% static 'twitchlog/app.js' %}").startswith("/elsewhere/")


def test_no_template_of_ours_loads_djangos_static_tag() -> None:
    root = Path(twitchlog.__file__).parent
    loading = [
        str(path.relative_to(root))
        for path in root.rglob("templates/**/*.html")
        if "{% load static" in path.read_text(encoding="utf-8")
    ]
    assert loading == []
