from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt

from expediente.api import problems
from expediente.api.router import api
from expediente.notify import views as notify_views
from expediente.portal import views as portal_views

# a 400 Django answers before any route (a Host not in ALLOWED_HOSTS): problem+json
# under /api/, Django's page elsewhere
handler400 = problems.bad_request

urlpatterns = [
    path("healthz", portal_views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    # another version, or a path without one: an API client is answered as the API would
    re_path(r"^api(?:/|$)", csrf_exempt(problems.not_found), name="api-not-found"),
    # what each problem's ``type`` means (problem_types.py): a problem names its page
    path("problems/", include("expediente.api.problem_urls")),
    path("admin/", admin.site.urls),
    path("court/", include("expediente.court.urls")),
    path("notify/", include("expediente.notify.urls")),
    # an SMS's short link to stop the messages (the email's is /notify/unsubscribe/…/);
    # any token, the slash optional: an unknown or cut one gets the page that says why
    re_path(r"^s/(?P<token>[^/]*)/?$", notify_views.stop_view, name="notify-stop"),
    path("stats/", include("expediente.stats.urls")),
    # the Merkle log's key, checkpoints and consistency proofs (integrity/views.py)
    path("integrity/", include("expediente.integrity.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("expediente.portal.urls")),
]
