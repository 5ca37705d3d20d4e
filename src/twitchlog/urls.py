"""Root URLs. Each app owns its own URL module; mounting it here is the only shared edit."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("twitchlog.core.urls")),
    path("", include("twitchlog.pwa.urls")),
    path("accounts/", include("twitchlog.accounts.urls")),
    path("learn/", include("twitchlog.knowledge.urls")),
    path("tests/", include("twitchlog.assessments.urls")),
    path("diary/", include("twitchlog.diary.urls")),
    path("insights/", include("twitchlog.insights.urls")),
    path("experiments/", include("twitchlog.experiments.urls")),
    path("therapists/", include("twitchlog.therapists.urls")),
    path("my-data/", include("twitchlog.reports.urls")),
    path("reminders/", include("twitchlog.reminders.urls")),
    path("api/", include("twitchlog.api.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "twitchlog.core.views.page_not_found"
handler500 = "twitchlog.core.views.server_error"
