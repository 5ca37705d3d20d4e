import datetime as dt

from django.urls import path, register_converter

from twitchlog.diary import browse_views, setup_views, views
from twitchlog.diary.columns import FIRST_DAY, LAST_DAY


class IsoDate:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> dt.date:
        day = dt.date.fromisoformat(value)
        if not FIRST_DAY <= day <= LAST_DAY:
            raise ValueError(value)  # no diary day is that far off: a 404
        return day

    def to_url(self, value: dt.date | str) -> str:
        return value if isinstance(value, str) else value.isoformat()


register_converter(IsoDate, "isodate")

app_name = "diary"

urlpatterns = [
    path("", browse_views.today, name="today"),
    path("days/<isodate:day>/", browse_views.day, name="day"),
    path("timeline/", browse_views.timeline, name="timeline"),
    path("calendar/", browse_views.calendar_now, name="calendar_now"),
    path("calendar/<int:year>/<int:month>/", browse_views.calendar, name="calendar"),
    path("map/", browse_views.heat_map, name="map"),
    path("log/", views.log, name="log"),
    path("log/again/", views.repeat, name="repeat"),
    path("episodes/<int:pk>/", views.episode, name="episode"),
    path("episodes/<int:pk>/delete/", views.episode_delete, name="episode_delete"),
    path("check-in/", views.checkin_today, name="checkin_today"),
    path("check-in/<isodate:day>/", views.checkin, name="checkin"),
    path("check-in/<isodate:day>/delete/", views.checkin_delete, name="checkin_delete"),
    path("stress/new/", views.stress_new, name="stress_new"),
    path("stress/<int:pk>/", views.stress, name="stress"),
    path("stress/<int:pk>/delete/", views.stress_delete, name="stress_delete"),
    path("factors/", setup_views.factors, name="factors"),
    path("factors/<int:pk>/", setup_views.factor, name="factor"),
    path("factors/<int:pk>/delete/", setup_views.factor_delete, name="factor_delete"),
    path("settings/", setup_views.settings_view, name="settings"),
    path("red-flags/dismiss/", views.dismiss_red_flags, name="dismiss_red_flags"),
    path("red-flags/seen-a-doctor/", views.seen_doctor, name="seen_doctor"),
    path("something-new/", views.something_new, name="something_new"),
    path("rating/", views.rate_today, name="rate_today"),
    path("export/diary.csv", setup_views.export_daily, name="export"),
    path("export/episodes.csv", setup_views.export_episodes, name="export_episodes"),
    path("import/", setup_views.import_daily, name="import"),
    path("import/<int:pk>/", setup_views.device_import_status, name="device_import"),
]
