from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from twitchlog.core.types import AuthedRequest
from twitchlog.reports import services


def attachment(download: services.Download) -> HttpResponse:
    """A download the browser saves rather than shows, and keeps out of every cache."""
    response = HttpResponse(download.content, content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def index(request: AuthedRequest) -> HttpResponse:
    return render(request, "reports/index.html")


@login_required
def download(request: AuthedRequest, format: str) -> HttpResponse:
    return attachment(services.export(request.user, format))
