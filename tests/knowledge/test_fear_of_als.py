"""The guide on harmless twitching and the fear of ALS/MND, and the search that finds it."""

from typing import Any

import pytest
from django.urls import reverse

from twitchlog.knowledge import fasciculations, search
from twitchlog.knowledge.references import REFERENCES_BY_KEY

GUIDE = "/learn/twitching-and-als/"


def test_every_paragraph_of_the_guide_cites_a_known_source() -> None:
    for _, paras in fasciculations.SECTIONS:
        for para in paras:
            assert para.refs and all(key in REFERENCES_BY_KEY for key in para.refs)


def test_the_guide_covers_what_the_issue_asks_for() -> None:
    text = " ".join(p.text for _, paras in fasciculations.SECTIONS for p in paras)
    assert "seven in ten" in text  # how common twitching is
    assert "benign fasciculation syndrome (BFS)" in text
    assert "persisted in 93%" in text and "none" in text  # lasting is not a danger sign
    assert "weakness that gets worse over time" in text  # what sets ALS/MND apart
    assert "checking and seeking reassurance keep the fear" in text


@pytest.mark.django_db
def test_the_guide_is_linked_from_the_twitching_page_home_and_red_flag_panels(
    client: Any, alice_client: Any
) -> None:
    assert reverse("knowledge:fear_of_als") == GUIDE
    page = client.get(GUIDE).content.decode()
    assert fasciculations.TITLE in page and 'class="cite"' in page
    assert GUIDE in client.get(reverse("knowledge:twitching")).content.decode()
    assert GUIDE in client.get(reverse("knowledge:doctor")).content.decode()
    assert GUIDE in alice_client.get(reverse("core:home")).content.decode()  # a new user
    alice_client.post(
        "/diary/log/",
        {"step": "details", "region": "calf", "side": "left", "sensation": "twitch",
         "also_noticed": ["two_weeks"]},
    )  # fmt: skip
    home = alice_client.get(reverse("core:home")).content.decode()
    panel = home[home.index("Worth an ordinary appointment") :]
    assert GUIDE in panel


@pytest.mark.parametrize(
    "query",
    [
        "ALS",
        "als",
        "MND",
        "motor neurone disease",
        "motor neuron disease",
        "Lou Gehrig",
        "Lou Gehrig's disease",
        "BFS",
        "fasciculation",
        "fasciculations",
        "twitch",
        "twitches",
    ],
)
def test_the_fear_words_find_the_guide_first(query: str) -> None:
    hits = search.search(query)
    assert hits and hits[0].document.title == fasciculations.TITLE


def test_als_is_a_whole_word_and_does_not_match_also() -> None:
    titles = {hit.document.title for hit in search.search("ALS")}
    assert "Alcohol and recreational drugs" not in titles
    assert "Low calcium, magnesium or vitamin D" not in titles
    for hit in search.search("ALS"):
        words = search.concepts(hit.document.title + " " + hit.document.text)
        assert "als" in words


def test_a_title_match_outranks_a_mention_in_the_text() -> None:
    hits = search.search("sleep")
    assert hits[0].document.title in ("Too little sleep", "Anxiety and sleep")
    assert search.search("panic")[0].document.title == "Panic attacks"


@pytest.mark.django_db
def test_the_search_page_finds_the_guide_for_als(client: Any) -> None:
    page = client.get(reverse("knowledge:search"), {"q": "ALS"}).content.decode()
    assert GUIDE in page
    assert reverse("knowledge:cause", args=["recreational-drugs"]) not in page
