from django.urls import path

from twitchlog.reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.settings_view, name="settings"),
    path("push/subscribe/", views.push_subscribe, name="push_subscribe"),
    path("push/unsubscribe/", views.push_unsubscribe, name="push_unsubscribe"),
]
