from django.urls import path

from twitchlog.insights import views

app_name = "insights"

urlpatterns = [path("", views.index, name="index")]
