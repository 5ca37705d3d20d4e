from collections.abc import Mapping
from typing import TypeVar

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from twitchlog.assessments.services import crisis_lines
from twitchlog.knowledge import fasciculations
from twitchlog.knowledge.care import care_for
from twitchlog.knowledge.causes import CAUSES, CAUSES_BY_SLUG
from twitchlog.knowledge.factors import FACTORS
from twitchlog.knowledge.red_flags import (
    DOCTOR_INTRO,
    EMERGENCY,
    RED_FLAGS,
    RED_FLAGS_BY_KEY,
    grouped,
)
from twitchlog.knowledge.references import REFERENCES
from twitchlog.knowledge.search import mentions_crisis, query_terms
from twitchlog.knowledge.search import search as search_documents
from twitchlog.knowledge.symptom import SYMPTOM_FACETS, SYMPTOM_INTRO
from twitchlog.knowledge.topics import TOPICS, TOPICS_BY_SLUG

Page = TypeVar("Page")


def by_slug(pages: Mapping[str, Page], slug: str) -> Page:
    """The guide page an address names; an unknown one is a 404 like any other."""
    found = pages.get(slug)
    if found is None:
        raise Http404
    return found


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "knowledge/index.html",
        {"causes": CAUSES, "topics": TOPICS},
    )


def twitching(request: HttpRequest) -> HttpResponse:
    ctx = {"intro": SYMPTOM_INTRO, "facets": SYMPTOM_FACETS}
    return render(request, "knowledge/twitching.html", ctx)


def fear_of_als(request: HttpRequest) -> HttpResponse:
    ctx = {
        "title": fasciculations.TITLE,
        "summary": fasciculations.SUMMARY,
        "sections": fasciculations.SECTIONS,
    }
    return render(request, "knowledge/fear_of_als.html", ctx)


def causes(request: HttpRequest) -> HttpResponse:
    return render(request, "knowledge/causes.html", {"causes": CAUSES})


def cause(request: HttpRequest, slug: str) -> HttpResponse:
    found = by_slug(CAUSES_BY_SLUG, slug)
    factors = [f for f in FACTORS if f.cause == slug]
    neighbours = {c.number: c for c in CAUSES}
    ctx = {
        "cause": found,
        "factors": factors,
        "previous": neighbours.get(found.number - 1),
        "next": neighbours.get(found.number + 1),
    }
    return render(request, "knowledge/cause.html", ctx)


def topics(request: HttpRequest) -> HttpResponse:
    return render(request, "knowledge/topics.html", {"topics": TOPICS})


def topic(request: HttpRequest, slug: str) -> HttpResponse:
    found = by_slug(TOPICS_BY_SLUG, slug)
    return render(request, "knowledge/topic.html", {"topic": found})


def doctor(request: HttpRequest) -> HttpResponse:
    country = getattr(request.user, "country", "")
    ctx = {"intro": DOCTOR_INTRO, "groups": grouped(RED_FLAGS, care_for(country))}
    return render(request, "knowledge/doctor.html", ctx)


def references(request: HttpRequest) -> HttpResponse:
    return render(request, "knowledge/references.html", {"references": REFERENCES})


def search(request: HttpRequest) -> HttpResponse:
    """The guides' search. A query about suicide or self-harm puts the person's crisis lines
    first, whatever it finds, and leaves out pages that only share a word with it. A hit in an
    emergency sign on the doctor page carries the emergency number with it.

    The query is in the address (``?q=``), so it is hidden from the logs (core/logs.py) and
    the page sends no ``Referer``: a link followed from here does not carry it on."""
    query = request.GET.get("q", "").strip()[:200]
    crisis = mentions_crisis(query)
    found = search_documents(query)
    if crisis:
        found = [hit for hit in found if not hit.partial]
    hits = []
    for hit in found:
        flag = RED_FLAGS_BY_KEY.get(hit.flag)
        hits.append(
            {
                "title": hit.document.title,
                "url": reverse(hit.document.route, args=hit.document.args),
                "snippet": hit.snippet,
                "emergency": flag if flag and flag.urgency == EMERGENCY else None,
            }
        )
    country = getattr(request.user, "country", "") or ""
    ctx = {
        "query": query,
        "hits": hits,
        "partial": any(hit.partial for hit in found),
        "searchable": bool(query_terms(query)),
        "crisis": crisis,
        "crisis_lines": crisis_lines(country) if crisis else [],
    }
    response = render(request, "knowledge/search.html", ctx)
    response["Referrer-Policy"] = "no-referrer"
    return response
