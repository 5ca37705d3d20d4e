from typing import Any

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.functional import SimpleLazyObject

from twitchlog.core.registry import nav_links


def page_token(request: HttpRequest) -> str:
    """The CSRF token for the forms of the page being made: masked once per page (Django's
    ``get_token`` masks afresh on every call, 0.04 ms each), so markup made apart from the
    page's template (a remembered home panel) carries the same one."""
    secret = request.META.get("CSRF_COOKIE")
    made = getattr(request, "_page_csrf_token", None)
    if made is None or made[0] != secret or secret is None:  # none yet, or rotated (a login)
        token = get_token(request)
        made = request._page_csrf_token = (request.META.get("CSRF_COOKIE"), token)  # type: ignore[attr-defined]
    return str(made[1])


def site(request: HttpRequest) -> dict[str, Any]:
    # Replaces Django's own "csrf_token" (its processors run first) with the page's one.
    return {"nav_links": nav_links(), "csrf_token": SimpleLazyObject(lambda: page_token(request))}
