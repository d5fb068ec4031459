from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "expediente.petitions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from expediente.docket.projection import register
        from expediente.petitions.projector import PetitionProjector

        register(PetitionProjector())
