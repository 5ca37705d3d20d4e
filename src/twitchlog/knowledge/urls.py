from django.urls import path

from twitchlog.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("", views.index, name="index"),
    path("twitching/", views.twitching, name="twitching"),
    path("twitching-and-als/", views.fear_of_als, name="fear_of_als"),
    path("causes/", views.causes, name="causes"),
    path("causes/<slug:slug>/", views.cause, name="cause"),
    path("recovery/", views.topics, name="topics"),
    path("recovery/<slug:slug>/", views.topic, name="topic"),
    path("see-a-doctor/", views.doctor, name="doctor"),
    path("references/", views.references, name="references"),
    path("search/", views.search, name="search"),
]
