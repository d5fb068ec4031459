"""The project's URLs with a case's read left to django-ninja's operation, as before
``api/case_read_route.py``: the reference its answers are compared with."""

from django.urls import path

from expediente import urls as project
from expediente.api.router import api

handler400 = project.handler400
urlpatterns = [
    path("api/v1/", api.routes(direct_reads=False)) if str(p.pattern) == "api/v1/" else p
    for p in project.urlpatterns
]
