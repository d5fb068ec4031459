from django.contrib import admin
from django.urls import include, path

from expediente.api.router import api
from expediente.portal import views as portal_views

urlpatterns = [
    path("healthz", portal_views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("court/", include("expediente.court.urls")),
    path("notify/", include("expediente.notify.urls")),
    path("stats/", include("expediente.stats.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("expediente.portal.urls")),
]
