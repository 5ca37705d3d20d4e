import sys

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from twitchlog.core import busy
from twitchlog.core.registry import home_panels, render_panels


def welcome(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    return render(request, "core/welcome.html")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    panels = render_panels(home_panels(), request)
    return render(request, "core/home.html", {"panels": panels})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: 200 when this process can reach the database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this inside its ``except``, so the error being handled is still at hand.
    if busy.is_busy(sys.exc_info()[1]):
        return busy.busy_response(request)
    return render(request, "500.html", status=500)
