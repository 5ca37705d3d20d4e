from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from twitchlog.accounts.types import AuthedRequest
from twitchlog.reports import services
from twitchlog.reports.forms import PeriodForm
from twitchlog.reports.responses import attachment


@login_required
def index(request: AuthedRequest) -> HttpResponse:
    return render(request, "reports/index.html", {"period_form": PeriodForm()})


@login_required
def download(request: AuthedRequest, format: str) -> HttpResponse:
    period = None
    if format == "pdf" and request.GET:
        form = PeriodForm(request.GET)
        if not form.is_valid():
            return render(request, "reports/index.html", {"period_form": form}, status=400)
        period = form.period()
    return attachment(services.export(request.user, format, period=period))
