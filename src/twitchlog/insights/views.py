import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from twitchlog.accounts.types import AuthedRequest
from twitchlog.insights import presenting, services
from twitchlog.insights.chart import load_chart
from twitchlog.knowledge.factors import OUTCOMES


def chosen_outcome(value: str | None) -> str:
    return value if value in OUTCOMES else "twitch_count"


@login_required
def index(request: AuthedRequest) -> HttpResponse:
    outcome = chosen_outcome(request.GET.get("outcome"))
    current = services.current_report(request.user, outcome)
    page = presenting.page(current.stored.report, services.custom_labels(request.user))
    chart = ""
    if page.load.get("available") and page.load.get("dates"):
        chart = load_chart(
            [dt.date.fromisoformat(day) for day in page.load["dates"]],
            page.load["values"],
            current.outcome_by_day(),
            OUTCOMES[outcome],
            "twitches a day" if outcome == "twitch_count" else "rating, 0–10",
        )
    context = {
        "page": page,
        "outcome": outcome,
        "outcome_label": OUTCOMES[outcome],
        "outcomes": OUTCOMES,
        "chart": chart,
        "load_rows": zip(page.load.get("dates", []), page.load.get("values", []), strict=True),
        "computed_at": current.stored.computed_at,
        "just_now": timezone.now() - current.stored.computed_at < dt.timedelta(minutes=1),
        "diary_url": reverse("diary:today"),
    }
    return render(request, "insights/index.html", context)
