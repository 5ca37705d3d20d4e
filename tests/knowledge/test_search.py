"""The guides' search: a crisis query meets crisis lines, people's own words for a symptom find
the guides' words, an emergency sign carries the number to call, and a long query wraps."""

import re
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse


def _page(client: Any, query: str) -> str:
    return client.get(reverse("knowledge:search"), {"q": query}).content.decode()


@pytest.mark.django_db
def test_a_long_query_without_spaces_wraps(client: Any) -> None:
    query = "x" * 300
    page = _page(client, query)
    said = re.search(r'<p class="([^"]*)">Nothing in the guides mentions', page)
    assert said and "search-said" in said.group(1).split()
    path = finders.find("twitchlog/app.css")
    assert path
    with open(path, encoding="utf-8") as css:
        rules = css.read()
    assert re.search(r"\.search-said\s*\{[^}]*overflow-wrap:\s*anywhere", rules)
