"""The guides' search: a crisis query meets crisis lines, people's own words for a symptom find
the guides' words, an emergency sign carries the number to call, and a long query wraps."""

import re
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from twitchlog.knowledge import search


def test_common_words_are_left_out_of_a_query() -> None:
    assert search.query_terms("Why can't I sleep?") == ["sleep"]
    assert search.query_terms("cant sleep") == ["sleep"]
    assert search.query_terms("what is BFS") == ["bfs"]
    assert search.query_terms("why") == []
    assert search.search("why") == []


def _titles(query: str) -> list[str]:
    return [hit.document.title for hit in search.search(query)]


@pytest.mark.parametrize(
    ("asked", "written"),
    [
        ("numb", "numbness"),
        ("feeling numb", "numbness"),
        ("insomnia", "sleep"),
        ("can't sleep", "sleep"),
        ("cant sleep", "sleep"),
        ("pins and needles", "tingling"),
        ("tingly", "tingling"),
        ("atrophy", "wasting"),
        ("can't breathe", "breathing"),
        ("out of breath", "breathing"),
        ("weak", "weakness"),
        ("shaky", "trembling"),
        ("coffee", "caffeine"),
    ],
)
def test_peoples_words_for_a_symptom_find_the_guides_words(asked: str, written: str) -> None:
    assert _titles(asked)
    assert _titles(asked) == _titles(written)


def test_the_urgent_symptoms_find_the_doctor_page() -> None:
    for query in ("numb", "can't breathe", "atrophy", "pins and needles"):
        assert "When to see a doctor" in _titles(query), query


def test_when_no_page_has_every_word_the_pages_with_the_most_come_first() -> None:
    hits = search.search("alcohol sleep zebra")
    assert hits and all(hit.partial for hit in hits)
    # The one page with two of the words comes before the pages about sleep alone, which
    # mention it far more often.
    assert hits[0].document.title == "Alcohol and recreational drugs"
    assert {"Anxiety and sleep", "Too little sleep"} <= {hit.document.title for hit in hits}
    assert search.search("zebra giraffe") == []


def _page(client: Any, query: str) -> str:
    return client.get(reverse("knowledge:search"), {"q": query}).content.decode()


@pytest.mark.django_db
def test_the_page_says_when_no_page_has_every_word(client: Any) -> None:
    page = _page(client, "caffeine zebra")
    assert "No page has every word of “caffeine zebra”; these have some of them." in page
    assert reverse("knowledge:cause", args=["stimulants"]) in page
    assert "Nothing in the guides" not in page


@pytest.mark.django_db
def test_the_urgent_words_that_found_nothing_now_find_pages(client: Any) -> None:
    for query in ("can't breathe", "numb", "cant sleep", "insomnia", "pins and needles", "atrophy"):
        page = _page(client, query)
        assert "Nothing in the guides" not in page and 'class="link-list"' in page, query


@pytest.mark.django_db
def test_a_query_of_common_words_only_says_so(client: Any) -> None:
    page = _page(client, "why")
    assert "too common to search for" in page and "Nothing in the guides" not in page


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
