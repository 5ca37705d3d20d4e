"""How a report leaves the server, for the pages and the API alike."""

from django.http import HttpResponse

from twitchlog.reports import services


def attachment(download: services.Download) -> HttpResponse:
    """A download the browser saves rather than shows, and keeps out of every cache."""
    response = HttpResponse(download.content, content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
