"""The JSON API. Each app's router lives in its own module in this package."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from ninja import NinjaAPI

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
def refuse_diary_input(request: HttpRequest, error: DiaryInputError) -> HttpResponse:
    """A diary rule the services enforce for every entry point: 422, the reason in words."""
    return api.create_response(request, {"detail": str(error)}, status=422)


api.add_router("/", accounts.router)
api.add_router("/assessments/", assessments.router)
api.add_router("/diary/", diary.router)
api.add_router("/diary/", imports.router)
api.add_router("/insights/", insights.router)
api.add_router("/experiments/", experiments.router)
api.add_router("/therapists/", therapists.router)
api.add_router("/reports/", reports.router)

urlpatterns = [path("", api.urls)]
