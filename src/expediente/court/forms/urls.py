"""Pages that write (included by court/urls.py at the root of /court/)."""

from django.urls import URLPattern, path

from expediente.court.forms import opening, views

urlpatterns: list[URLPattern] = [
    path("cases/new/", opening.open_case, name="case_open"),
    path("cases/<str:nuid>/participants/add/", views.add_participant, name="participant_add"),
    path("cases/<str:nuid>/charges/add/", views.add_charge, name="charge_add"),
    path("cases/<str:nuid>/record/<str:type_name>/", views.record_event, name="event_record"),
    path("cases/<str:nuid>/events/<int:seq>/correct/", views.correct_event, name="event_correct"),
]
