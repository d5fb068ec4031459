from django.urls import include, path

from expediente.court import account_views, alert_views, auth_views, views

app_name = "court"
urlpatterns = [
    path("sign-in/", auth_views.SignInView.as_view(), name="login"),
    path("sign-in/code/", auth_views.otp_view, name="otp"),
    path("sign-out/", auth_views.sign_out, name="logout"),
    path("account/password/", account_views.password_change, name="password_change"),
    path("account/alerts/", account_views.alert_settings, name="account_alerts"),
    path("alerts/", alert_views.alerts, name="alerts"),
    path("", views.home, name="home"),
    # pages that read: search, case page, calendars (court/pages/)
    path("", include("expediente.court.pages.urls")),
    # pages that write: forms that record events (court/forms/)
    path("", include("expediente.court.forms.urls")),
    path("", include("expediente.court.due.urls")),
    path("", include("expediente.court.missed.urls")),  # deadlines that ended late
    path("", include("expediente.court.codes.urls")),  # participants' portal codes
    path("", include("expediente.court.measures.urls")),  # supervision of measures
]
