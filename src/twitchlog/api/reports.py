"""Downloading everything, for scripts: the same files as the "Your data" page."""

from typing import Literal

from django.http import HttpResponse
from ninja import Router

from twitchlog.accounts.types import AuthedRequest
from twitchlog.reports import services
from twitchlog.reports.responses import attachment

router = Router(tags=["reports"])


@router.get(
    "/export",
    url_name="reports_export",
    summary="Download everything you have logged",
    description=(
        "`format=zip`: every file (CSV and JSON, with a README); `format=fhir`: a FHIR R4 "
        "`Bundle` (collection) of your questionnaire results and diary; `format=pdf`: the "
        "printable report. Sent as an attachment; each download is noted in your audit log."
    ),
    response={200: None},
    # The key is the integer 200, as ninja's own: a string "200" would sit beside it and
    # produce JSON with the key twice, which the docs page refuses to read.
    openapi_extra={
        "responses": {
            200: {
                "description": "The file",
                "content": {
                    "application/zip": {},
                    "application/fhir+json": {},
                    "application/pdf": {},
                },
            }
        }
    },
)
def export(request: AuthedRequest, format: Literal["zip", "fhir", "pdf"]) -> HttpResponse:
    return attachment(services.export(request.user, format))
