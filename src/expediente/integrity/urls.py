from django.urls import path

from expediente.integrity import views

# Included under "integrity/" (names: integrity:…): stable URLs, documented in
# docs/integrity.md; change none of them.
app_name = "integrity"
urlpatterns = [
    # what the checkpoints are and how to keep them, for a person (README: "published at
    # /integrity/")
    path("", views.index, name="index"),
    path("key", views.key, name="key"),
    path("checkpoint", views.checkpoint_text, name="checkpoint_text"),
    path("checkpoints/", views.checkpoint_list, name="checkpoints"),
    path("checkpoints/latest", views.checkpoint_latest_view, name="checkpoint_latest"),
    path("checkpoints/<int:size>", views.checkpoint_at, name="checkpoint"),
    path("consistency", views.consistency_view, name="consistency"),
]
