from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from twitchlog.accounts.types import AuthedRequest
from twitchlog.assessments import fhir, services
from twitchlog.assessments.chart import score_chart
from twitchlog.assessments.forms import AnswersForm
from twitchlog.assessments.instruments import INSTRUMENTS
from twitchlog.assessments.instruments.base import Instrument
from twitchlog.assessments.models import AssessmentResult


def _instrument_or_404(slug: str) -> Instrument:
    instrument = INSTRUMENTS.get(slug)
    if instrument is None:
        raise Http404
    return instrument


def _url(name: str, *args: Any) -> str | None:
    """The URL of a page if that page exists yet (the diary and therapists apps may not)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _json_download(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/fhir+json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def index(request: HttpRequest) -> HttpResponse:
    latest: dict[str, AssessmentResult] = {}
    if request.user.is_authenticated:
        latest = {r.instrument: r for r in services.latest_results(request.user)}
    rows = [{"instrument": i, "latest": latest.get(slug)} for slug, i in INSTRUMENTS.items()]
    return render(request, "assessments/index.html", {"rows": rows})


def about(request: HttpRequest, slug: str) -> HttpResponse:
    instrument = _instrument_or_404(slug)
    return render(request, "assessments/about.html", {"instrument": instrument})


def questionnaire_json(request: HttpRequest, slug: str) -> HttpResponse:
    instrument = _instrument_or_404(slug)
    body = fhir.to_json(fhir.questionnaire(instrument))
    return _json_download(body, f"{slug}-questionnaire.json")


def _prefill(user: Any, instrument: Instrument, source: str | None) -> dict[str, str]:
    """Answers carried over from an earlier, shorter questionnaire with the same items.

    A positive GAD-2 links to the GAD-7 with the GAD-2 result's id, so its two answers are
    already picked. Someone else's id, or one that does not fit, simply pre-fills nothing.
    """
    if not source or not (source.isascii() and source.isdigit()) or len(source) > 18:
        return {}
    earlier = AssessmentResult.objects.filter(user=user, pk=source).first()
    if earlier is None:
        return {}
    keys = [item.key for item in instrument.items]
    initial = {}
    for item, answer in zip(earlier.definition.items, earlier.answers, strict=False):
        if item.key in keys and answer is not None:
            initial[f"q{keys.index(item.key) + 1}"] = str(answer)
    return initial


@login_required
def take(request: AuthedRequest, slug: str) -> HttpResponse:
    instrument = _instrument_or_404(slug)
    initial = _prefill(request.user, instrument, request.GET.get("from"))
    form = AnswersForm(instrument, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        result = services.take_assessment(
            request.user, instrument, form.answers(), difficulty=form.difficulty()
        )
        return redirect("assessments:result", pk=result.pk)
    ctx = {"instrument": instrument, "form": form, "prefilled": len(initial)}
    if instrument.safety_item is not None:
        ctx["crisis_lines"] = services.crisis_lines(request.user.country)
    return render(request, "assessments/take.html", ctx)


def _next_steps(instrument: Instrument, result: AssessmentResult) -> list[dict[str, str]]:
    band_index = next(
        (i for i, band in enumerate(instrument.bands) if band.label == result.band), 0
    )
    # A positive screen, a higher band or a safety answer puts talking to someone first.
    elevated = bool(result.positive_screen) or band_index >= 2 or result.safety_alert
    steps = []
    therapist = _url("therapists:directory")
    therapy = {
        "url": therapist or reverse("knowledge:topic", args=["therapy"]),
        "title": "Find a therapist" if therapist else "Working with a therapist",
        "text": "Talking therapy, especially CBT, is the best-tested help for anxiety.",
    }
    doctor = {
        "url": reverse("knowledge:doctor"),
        "title": "When to see a doctor",
        "text": "The few signs that mean a twitch should be checked, and what a visit is like.",
    }
    if result.safety_alert:
        # After an answer about hurting oneself, one step: someone to talk to. The crisis
        # lines above come first; twitch pages and a diary would read as beside the point.
        therapy["text"] = (
            "Someone to talk these thoughts through with, in a session you book, "
            "beside the lines above for any time you need them now."
        )
        return [therapy]
    if elevated:
        steps.append(doctor if instrument.slug == "phq15" else therapy)
    steps.append(
        {
            "url": reverse("knowledge:causes"),
            "title": "What drives anxiety twitching",
            "text": "Eleven causes, from the stress response to sleep, caffeine and meals.",
        }
    )
    if instrument.slug in ("hyperstim", "pss10"):
        steps.append(
            {
                "url": reverse("knowledge:topic", args=["reducing-hyperstimulation"]),
                "title": "Bringing a stress build-up down",
                "text": "What lets a body that has been on alert for a long time settle.",
            }
        )
    steps.append(
        {
            "url": reverse("knowledge:topics"),
            "title": "Recovery: what helps",
            "text": "Acceptance, containing worry, sleep and more.",
        }
    )
    diary = _url("diary:today")
    if diary:
        steps.append(
            {
                "url": diary,
                "title": "Keep a twitch diary",
                "text": "A few taps a day show which causes matter for you.",
            }
        )
    if not elevated:
        steps.append(therapy)
    if instrument.slug != "phq15" or not elevated:
        steps.append(doctor)
    return steps


@login_required
def result(request: AuthedRequest, pk: int) -> HttpResponse:
    found = services.get_result_for_user(request.user, pk)
    instrument = found.definition
    previous = services.previous_result(found)
    ctx: dict[str, Any] = {
        "result": found,
        "instrument": instrument,
        "band": found.band_details,
        "previous": previous,
        "change": found.score - previous.score if previous else None,
        "change_size": abs(found.score - previous.score) if previous else None,
        "next_steps": _next_steps(instrument, found),
        "subscales": [{"key": key, **values} for key, values in (found.subscales or {}).items()],
    }
    if found.positive_screen and instrument.next_if_positive:
        ctx["offer"] = offer = INSTRUMENTS[instrument.next_if_positive]
        ctx["offer_left"] = len(offer.items) - len(instrument.items)
    if instrument.safety_item is not None:
        ctx["crisis_lines"] = services.crisis_lines(request.user.country)
    return render(request, "assessments/result.html", ctx)


@login_required
def result_fhir(request: AuthedRequest, pk: int) -> HttpResponse:
    found = services.get_result_for_user(request.user, pk)
    body = fhir.to_json(fhir.questionnaire_response(found))
    return _json_download(body, f"{found.instrument}-result-{found.pk}.json")


@login_required
def history(request: AuthedRequest, slug: str) -> HttpResponse:
    instrument = _instrument_or_404(slug)
    results = services.history(request.user, instrument)
    points = [(timezone.localtime(r.taken_at), r.score) for r in results]
    ctx = {
        "instrument": instrument,
        "results": list(reversed(results)),
        "chart": score_chart(instrument, points) if results else "",
    }
    return render(request, "assessments/history.html", ctx)
