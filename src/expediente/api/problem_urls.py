from django.urls import path

from expediente.api import problem_pages

# Included under "problems/": each path is the ``type`` of the problems the server
# answers (problem_types.type_uri); clients compare them as strings, so none may change.
app_name = "problems"
urlpatterns = [
    path("", problem_pages.index, name="index"),
    path("<str:code>", problem_pages.kind, name="kind"),
]
