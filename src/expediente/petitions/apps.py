from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "expediente.petitions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core import checks

        from expediente.docket.projection import register
        from expediente.petitions.checks import answer_rules_check
        from expediente.petitions.projector import PetitionProjector

        register(PetitionProjector())
        checks.register(answer_rules_check)
