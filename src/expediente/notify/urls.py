from django.urls import path

from expediente.notify import views

app_name = "notify"
urlpatterns = [
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("failed/", views.failed_view, name="failed"),
]
