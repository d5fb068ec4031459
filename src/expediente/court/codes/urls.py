"""Participants' codes (included by court/urls.py at the root of /court/)."""

from django.urls import URLPattern, path

from expediente.court.codes import views

urlpatterns: list[URLPattern] = [
    path("cases/<str:nuid>/codes/", views.codes, name="codes"),
    path("cases/<str:nuid>/codes/<str:participant>/issue/", views.issue, name="code_issue"),
    path("cases/<str:nuid>/codes/<str:participant>/revoke/", views.revoke, name="code_revoke"),
    path("cases/<str:nuid>/codes/<str:participant>/link/", views.link, name="code_link"),
    path("cases/<str:nuid>/codes/<str:participant>/unlink/", views.unlink, name="code_unlink"),
]
