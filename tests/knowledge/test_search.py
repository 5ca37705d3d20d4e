"""The guides' search: a crisis query meets crisis lines, people's own words for a symptom find
the guides' words, an emergency sign carries the number to call, and a long query wraps."""

import logging
import re
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from twitchlog.knowledge import search

CRISIS_QUERIES = [
    "suicide",
    "Suicidal",
    "suicidal thoughts",
    "kill myself",
    "I want to kill myself",
    "self harm",
    "self-harm",
    "end my life",
    "want to die",
    "I just want to die",
    "I can't go on",
    "better off dead",
]


@pytest.mark.parametrize("query", CRISIS_QUERIES)
def test_a_query_about_suicide_or_self_harm_is_recognised(query: str) -> None:
    assert search.mentions_crisis(query)


@pytest.mark.parametrize(
    "query",
    [
        "twitching",
        "harmless",
        "self-experiment",
        "cutting down caffeine",
        "will twitching kill me",
        "fear of dying",
        "",
    ],
)
def test_ordinary_queries_are_not_taken_for_a_crisis(query: str) -> None:
    assert not search.mentions_crisis(query)


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


def test_a_hit_in_an_emergency_sign_names_the_sign() -> None:
    def doctor_hit(query: str) -> search.Hit:
        return next(h for h in search.search(query) if h.document.route == "knowledge:doctor")

    assert doctor_hit("can't breathe").flag == "breathing_now"
    assert doctor_hit("face drooping").flag == "face_droop"
    assert doctor_hit("chest pain").flag == "chest_pain"
    assert doctor_hit("numb on one side").flag == "one_side"
    # Words from the page's opening, or from a sign that is not an emergency.
    assert doctor_hit("als").flag == ""
    assert doctor_hit("numbness that stays").flag == "numbness"
    assert all(hit.flag == "" for hit in search.search("sleep"))


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
@pytest.mark.parametrize("query", ["suicide", "suicidal", "kill myself", "self harm"])
def test_a_crisis_query_shows_crisis_lines_first_and_no_try_another_word(
    client: Any, query: str
) -> None:
    page = _page(client, query)
    assert 'id="crisis"' in page and "You can talk to someone today" in page
    assert "findahelpline.com" in page  # the default lines, for a visitor
    assert page.index('id="crisis"') < page.index('role="search"')  # above the search box
    assert "Nothing in the guides" not in page and "Try a shorter word" not in page
    # Pages that share only a word with it ("self" in self-experiment) are left out.
    assert "No page has every word" not in page
    assert 'class="link-list"' not in page


@pytest.mark.django_db
def test_a_crisis_query_shows_the_lines_of_the_persons_country(client: Any, alice: Any) -> None:
    alice.country = "GB"
    alice.save()
    client.force_login(alice)
    page = _page(client, "I want to end my life")
    assert "Samaritans" in page and 'href="tel:116123"' in page
    assert "findahelpline.com" not in page


@pytest.mark.django_db
def test_crisis_lines_are_shown_for_a_crisis_query_only(client: Any) -> None:
    page = _page(client, "suicide twitching")
    assert 'id="crisis"' in page and "No page has every word" not in page
    for query in ("twitching", "harmless", "fear of dying"):
        assert 'id="crisis"' not in _page(client, query), query


@pytest.mark.django_db
def test_a_crisis_query_reaches_no_log_and_no_other_address(
    client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        response = client.get(reverse("knowledge:search"), {"q": "kill myself"})
    assert "kill" not in caplog.text and "myself" not in caplog.text
    assert response["Referrer-Policy"] == "no-referrer"
    page = response.content.decode()
    # Only the search box holds it: no link carries it on.
    assert page.count("kill myself") == 1 and 'value="kill myself"' in page
    assert not re.search(r'href="[^"]*kill', page)


@pytest.mark.django_db
def test_an_emergency_sign_found_by_search_says_to_call_the_emergency_number(
    client: Any,
) -> None:
    page = _page(client, "can't breathe")
    assert reverse("knowledge:doctor") in page
    urgent = page.split('class="hit-urgent"')[1].split("</p>")[0]
    assert "call" in urgent and 'href="tel:112"' in urgent
    assert "We do not know your country" in urgent
    assert 'class="cite"' in urgent  # the sign's own sources
    for query in ("numb", "face drooping", "chest pain"):
        assert 'class="hit-urgent"' in _page(client, query), query


@pytest.mark.django_db
def test_the_emergency_number_in_a_hit_is_the_persons(client: Any, alice: Any) -> None:
    alice.country = "US"
    alice.save()
    client.force_login(alice)
    urgent = _page(client, "face drooping").split('class="hit-urgent"')[1].split("</p>")[0]
    assert 'href="tel:911"' in urgent and "We do not know your country" not in urgent


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["sleep", "als", "atrophy", "numbness that stays", "eyelid"])
def test_other_hits_carry_no_emergency_line(client: Any, query: str) -> None:
    page = _page(client, query)
    assert 'class="link-list"' in page and "hit-urgent" not in page


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
