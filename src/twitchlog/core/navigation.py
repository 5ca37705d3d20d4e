"""Where to send someone after a form: the one check that a ``next`` address is safe."""

from urllib.parse import urlsplit

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, target: str | None = None) -> str | None:
    """The ``next`` address the form or link carried (or ``target``, one kept from an earlier
    request), if it stays on this site; else None.

    Anything pointing elsewhere (``https://evil.example``, ``//evil.example``) is dropped, so a
    crafted link cannot use our login or diary pages to send someone to another site.  So is
    anything that is neither a whole address nor a path from the site's root (``home``,
    ``../x``): ``redirect()`` would take a bare word for the name of a URL and fail on it,
    after the form had been saved.
    """
    target = target or request.POST.get("next") or request.GET.get("next")
    if not target or not (target.startswith("/") or urlsplit(target).scheme):
        return None
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None
