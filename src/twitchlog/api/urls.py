"""The JSON API. Each app's router lives in its own module in this package."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from ninja import NinjaAPI
from ninja.errors import ValidationError

from twitchlog.api import (
    accounts,
    assessments,
    diary,
    experiments,
    imports,
    insights,
    reports,
    therapists,
)
from twitchlog.api.auth import default_auth
from twitchlog.diary.columns import DiaryInputError
from twitchlog.experiments.services import ExperimentInputError

api = NinjaAPI(
    title="Twitchlog API",
    version="1",
    description=(
        "Personal access to your own Twitchlog data. Authenticate with "
        "`Authorization: Bearer <token>`; make a token on your profile's API page."
    ),
    auth=default_auth,
    urls_namespace="api",
)


@api.exception_handler(DiaryInputError)
@api.exception_handler(ExperimentInputError)
def refuse_service_input(request: HttpRequest, error: Exception) -> HttpResponse:
    """A rule the services enforce for every entry point (the diary's, a self-experiment's):
    422, the reason in words."""
    return api.create_response(request, {"detail": str(error)}, status=422)


# Which part of the request a problem is in is plain from the field's name; these add nothing.
_REQUEST_PARTS = frozenset({"body", "payload", "query", "path", "form", "file", "header", "cookie"})


def _problem(error: dict[str, object]) -> str:
    where = ".".join(str(p) for p in error.get("loc", ()) if p not in _REQUEST_PARTS)  # type: ignore[attr-defined]
    message = str(error.get("msg", "is not valid"))
    return f"{where}: {message}" if where else message


@api.exception_handler(ValidationError)
def refuse_invalid_request(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """A request that does not fit the schema: 422 with ``detail`` in words (a string, as
    every other 422 of this API) and ``errors``, one line per problem.

    Django Ninja's own answer puts a list in ``detail``, which no documented 422 schema
    allowed; the schema fuzzing test found it on nine operations.
    """
    problems = [_problem(e) for e in error.errors]
    detail = "The request was not accepted: " + "; ".join(problems)
    return api.create_response(request, {"detail": detail, "errors": problems}, status=422)


api.add_router("/", accounts.router)
api.add_router("/assessments/", assessments.router)
api.add_router("/diary/", diary.router)
api.add_router("/diary/", imports.router)
api.add_router("/insights/", insights.router)
api.add_router("/experiments/", experiments.router)
api.add_router("/therapists/", therapists.router)
api.add_router("/reports/", reports.router)

urlpatterns = [path("", api.urls)]
