"""A busy database is a "try again in a moment", never a 500.

SQLite lets one writer at a time and gives up after its busy timeout ("database is locked");
PostgreSQL gives up on a lock timeout, a serialization failure or a deadlock. None of these
is a fault in the request, so the answer is 503 with ``Retry-After``: a plain page for people,
``{"detail": ...}`` for the API. Nothing was saved, and the page says so.
"""

from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

RETRY_AFTER_SECONDS = 5
MESSAGE = (
    "Many changes are being saved at this moment, so yours was not saved. "
    "Please try again in a few seconds."
)
# lock_not_available, serialization_failure, deadlock_detected
_POSTGRES_BUSY = {"55P03", "40001", "40P01"}


def is_busy(error: BaseException | None) -> bool:
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) in _POSTGRES_BUSY:
        return True
    message = str(error).lower()
    return "database is locked" in message or "database table is locked" in message


def busy_response(request: HttpRequest) -> HttpResponse:
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": MESSAGE}, status=503)
    else:
        response = render(request, "503.html", {"message": MESSAGE}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class BusyDatabaseMiddleware:
    """Turns a busy database in any view, page or API, into busy_response.

    A lock met outside a view (say, while saving the session) reaches handler500 instead,
    which answers the same way (core.views.server_error).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return busy_response(request) if is_busy(exception) else None
