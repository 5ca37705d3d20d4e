from django.urls import path

from twitchlog.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("download/zip/", views.download, {"format": "zip"}, name="zip"),
    path("download/fhir/", views.download, {"format": "fhir"}, name="fhir"),
    path("download/pdf/", views.download, {"format": "pdf"}, name="pdf"),
]
