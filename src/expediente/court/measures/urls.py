"""Supervision of measures in the workspace (included by court/urls.py at /court/)."""

from django.urls import URLPattern, path

from expediente.court.measures import views

urlpatterns: list[URLPattern] = [
    path("measures/", views.supervision, name="measures"),
    path("measures/desk/", views.reporting_desk, name="measures_desk"),
    path("measures/desk/check-in/", views.check_in, name="measures_check_in"),
]
