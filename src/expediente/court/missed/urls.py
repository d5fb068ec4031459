"""The "What the court missed" page (included by court/urls.py at the root of /court/)."""

from django.urls import URLPattern, path

from expediente.court.missed import views

urlpatterns: list[URLPattern] = [
    path("missed/", views.missed_list, name="missed"),
]
