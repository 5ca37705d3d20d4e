from django.urls import path

from twitchlog.assessments import views

app_name = "assessments"

urlpatterns = [
    path("", views.index, name="index"),
    path("results/<int:pk>/", views.result, name="result"),
    path("results/<int:pk>/fhir.json", views.result_fhir, name="result_fhir"),
    path("<slug:slug>/", views.take, name="take"),
    path("<slug:slug>/about/", views.about, name="about"),
    path("<slug:slug>/history/", views.history, name="history"),
    path("<slug:slug>/questionnaire.json", views.questionnaire_json, name="questionnaire"),
]
