"""The judge's "Due and overdue" page (included by court/urls.py at the root of /court/)."""

from django.urls import URLPattern, path

from expediente.court.due import views

urlpatterns: list[URLPattern] = [
    path("due/", views.due_list, name="due"),
]
