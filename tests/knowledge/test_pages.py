import re
from typing import Any

import pytest
from django.urls import reverse

from twitchlog.knowledge.causes import CAUSES
from twitchlog.knowledge.symptom import SYMPTOM_FACETS
from twitchlog.knowledge.topics import TOPICS


@pytest.mark.django_db
@pytest.mark.parametrize("cause", CAUSES, ids=lambda c: c.slug)
def test_every_cause_has_a_page_with_how_and_what_helps(client: Any, cause: Any) -> None:
    page = client.get(reverse("knowledge:cause", args=[cause.slug])).content.decode()
    assert f"{cause.number}. {cause.title}" in page.replace("&#x27;", "'")
    assert "How it works" in page and "What helps" in page
    assert 'class="cite"' in page


@pytest.mark.django_db
@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.slug)
def test_every_recovery_topic_has_a_page(client: Any, topic: Any) -> None:
    page = client.get(reverse("knowledge:topic", args=[topic.slug])).content.decode()
    assert topic.title in page.replace("&#x27;", "'")


@pytest.mark.django_db
def test_the_symptom_page_covers_every_facet(client: Any) -> None:
    page = client.get(reverse("knowledge:twitching")).content.decode()
    for title, _ in SYMPTOM_FACETS:
        assert f"<h2>{title}</h2>" in page


@pytest.mark.django_db
def test_the_doctor_page_puts_emergencies_first_then_soon_then_routine(client: Any) -> None:
    page = client.get(reverse("knowledge:doctor")).content.decode()
    emergency = page.index("Call 112 now")
    soon = page.index("See your doctor in the next few days")
    routine = page.index("Worth an ordinary appointment")
    assert emergency < page.index("face suddenly drooping") < soon
    assert (
        soon
        < page.index("slowly become slurred")
        < routine
        < page.index("The same twitch going on")
    )
    assert 'href="tel:112"' in page
    assert "121 people" in page and "NICE" in page
    assert "any twitching is worth" not in page
    # Every sign carries its sources, and reading the page is not itself an alert.
    for item in page.split('data-tier="')[1:]:
        for sign in item.split("</ul>")[0].split("<li>")[1:]:
            assert 'class="cite"' in sign
    assert 'role="alert"' not in page
    assert "there is nothing you need to do about the twitching." in page


@pytest.mark.django_db
def test_the_doctor_page_uses_the_persons_country(client: Any, alice: Any) -> None:
    alice.country = "GB"
    alice.save()
    client.force_login(alice)
    page = client.get(reverse("knowledge:doctor")).content.decode()
    assert "Call 999 now" in page and 'href="tel:999"' in page
    assert "See your GP in the next few days" in page and "NHS 111" in page


@pytest.mark.django_db
def test_corrections_are_shown_where_better_evidence_disagrees(client: Any) -> None:
    breathing = client.get(reverse("knowledge:cause", args=["breathing"])).content.decode()
    assert "carbon dioxide" in breathing
    fluids = client.get(reverse("knowledge:cause", args=["dehydration"])).content.decode()
    assert "did not predict" in fluids
    assert "no benefit in forcing down large amounts of water" in fluids


@pytest.mark.django_db
def test_every_reference_has_an_anchor_that_citations_point_to(client: Any) -> None:
    refs = client.get(reverse("knowledge:references")).content.decode()
    for cause in CAUSES:
        for para in cause.how:
            for key in para.refs:
                assert f'id="ref-{key}"' in refs


@pytest.mark.django_db
@pytest.mark.parametrize("route", ["knowledge:cause", "knowledge:topic"])
def test_an_unknown_page_is_a_404(client: Any, route: str) -> None:
    assert client.get(reverse(route, args=["no-such-thing"])).status_code == 404


@pytest.mark.django_db
def test_the_search_box_finds_pages_and_says_when_nothing_matches(client: Any) -> None:
    page = client.get(reverse("knowledge:search"), {"q": "caffeine"}).content.decode()
    assert reverse("knowledge:cause", args=["stimulants"]) in page
    empty = client.get(reverse("knowledge:search"), {"q": "zebra"}).content.decode()
    assert "Nothing in the guides mentions" in empty


def test_the_search_count_agrees_with_its_verb(client: Any) -> None:
    one = client.get(reverse("knowledge:search"), {"q": "eyelid"}).content.decode()
    assert "1 page mentions “eyelid”" in one
    more = client.get(reverse("knowledge:search"), {"q": "breathing"}).content.decode()
    assert re.search(r"\d+ pages mention “breathing”", more)
