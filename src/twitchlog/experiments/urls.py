from django.urls import path

from twitchlog.experiments import views

app_name = "experiments"

urlpatterns = [
    path("", views.index, name="index"),
    path("plan/", views.plan, name="plan"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/kept/", views.kept, name="kept"),
    path("<int:pk>/stop/", views.stop, name="stop"),
    path("<int:pk>/reminder/", views.reminder, name="reminder"),
]
