from django.urls import include, path

from expediente.portal import (
    follow_views,
    language_views,
    my_notice_views,
    my_petition_views,
    my_views,
    petition_views,
    views,
    who_viewed,
)

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    # the language switcher on every page (remembers the choice of a signed-in person)
    path("language/", language_views.choose_language, name="language"),
    # following a case with the code on the court's notice
    path("follow/", follow_views.sign_in, name="follow"),
    path("follow/case/", follow_views.case_page, name="follow_case"),
    path("follow/sign-out/", follow_views.sign_out, name="follow_sign_out"),
    path(
        "follow/messages/<int:subscription>/language/",
        follow_views.subscription_language,
        name="follow_subscription_language",
    ),
    path(
        "follow/messages/<int:subscription>/stop/",
        follow_views.subscription_stop,
        name="follow_subscription_stop",
    ),
    path("follow/ask/<str:kind>/", petition_views.petition_form, name="petition_form"),
    path("follow/receipt/<int:seq>/", petition_views.petition_receipt, name="petition_receipt"),
    # accounts linked to participations (lawyers, repeat users)
    path("my/sign-in/", my_views.SignInView.as_view(), name="my_sign_in"),
    path("my/sign-out/", my_views.sign_out, name="my_sign_out"),
    path("my/", my_views.cases, name="my_cases"),
    path("my/deadlines/", my_views.deadlines, name="my_deadlines"),
    path("my/add/", my_views.link, name="my_link"),
    path("my/notifications/", my_notice_views.notifications, name="my_notifications"),
    path("my/password/", my_views.password_change, name="my_password"),
    path(
        "my/notifications/confirm/<str:token>/",
        my_notice_views.confirm,
        name="my_notifications_confirm",
    ),
    path("my/cases/<str:nuid>/<str:participant>/", my_views.case, name="my_case"),
    path(
        "my/cases/<str:nuid>/<str:participant>/ask/<str:client>/<str:kind>/",
        my_petition_views.petition_form,
        name="my_petition_form",
    ),
    path(
        "my/cases/<str:nuid>/<str:participant>/receipt/<int:seq>/",
        my_petition_views.petition_receipt,
        name="my_petition_receipt",
    ),
    # the public portal: case lookup and court calendars (portal/public/)
    path("public/", include("expediente.portal.public.urls")),
    # "Who viewed my case" (portal/who_viewed.py)
    path("follow/who-viewed/", who_viewed.follow_who_viewed, name="follow_who_viewed"),
]
