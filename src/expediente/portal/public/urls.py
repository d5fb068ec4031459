from django.urls import path

from expediente.portal.public import views

# Included by portal/urls.py under "public/" (names: portal:public_…).
urlpatterns = [
    path("", views.lookup, name="public_lookup"),
    path("calendar/<slug:code>/", views.calendar, name="public_calendar"),
]
