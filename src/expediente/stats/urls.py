from django.urls import path

from expediente.stats import views

app_name = "stats"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("indicators/<slug:ident>/", views.definition, name="definition"),
    path("download.csv", views.download, {"fmt": "csv"}, name="csv"),
    path("download.json", views.download, {"fmt": "json"}, name="json"),
    path("download.sdmx.csv", views.download, {"fmt": "sdmx"}, name="sdmx"),
]
