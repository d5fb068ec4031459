"""Workspace pages that read the docket: case search, the case page, calendars."""

from django.urls import path, re_path

from expediente.court.pages import access_log_page, views

urlpatterns = [
    path("cases/", views.case_list, name="cases"),
    # any national identifier but "new": /court/cases/new/ opens a case (court/forms/)
    re_path(r"^cases/(?!new/)(?P<nuid>[^/]+)/$", views.case_detail, name="case"),
    path("calendar/", views.calendar, name="calendar"),
    path("my-cases/", views.my_cases, name="my_cases"),
    path("access-log/", access_log_page.access_log, name="access_log"),
]
