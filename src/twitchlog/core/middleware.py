from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import LazyObject

from twitchlog.core.timezones import zone


class TimezoneMiddleware:
    """Show every time in the signed-in person's own zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if isinstance(user, LazyObject):
            # Every page needs the person now (for the zone), so views get the object itself:
            # each attribute read through Django's lazy wrapper costs a raised and caught
            # AttributeError, and the ORM reads a few dozen for each filter on the person.
            user.is_authenticated  # noqa: B018 (loads it)
            user = request.user = user._wrapped
        if user is not None and user.is_authenticated:
            timezone.activate(zone(user.time_zone))
        else:
            timezone.deactivate()
        return self.get_response(request)


class PrivatePagesMiddleware:
    """Keep every page and API answer out of shared caches and the browser's history.

    Nearly every response here shows someone's diary, results or appointments, or carries a
    signed link, and a proxy or a shared computer must not keep a copy. So the rule is made
    once, here, rather than remembered view by view: a response that does not choose its own
    caching gets ``Cache-Control: private, no-store`` (Django's ``never_cache`` headers).
    Static files never reach this (whitenoise answers them first) and keep their long caching.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response


class ContentSecurityPolicyMiddleware:
    """Only our own scripts run, and no other site may frame a page.

    Every script is a static file of ours (no inline script), so ``script-src 'self'`` costs
    nothing and stops injected markup from running anything. Styles allow inline ``style``
    attributes, which the body map and charts use for positions and colours.
    """

    POLICY = "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.POLICY)
        return response
