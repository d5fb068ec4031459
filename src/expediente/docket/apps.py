from django.apps import AppConfig
from django.core import checks


class DocketConfig(AppConfig):
    name = "expediente.docket"
    label = "docket"
    verbose_name = "Docket"

    def ready(self) -> None:
        # an append-only trigger missing, disabled or altered is said by `expediente
        # migrate` and `expediente check --database default`, not only by `expediente
        # verify` (docket/immutability.py); a check that reads the database is tagged so,
        # and Django runs it only where a database is named
        from expediente.docket.immutability import triggers_check

        checks.register(triggers_check, checks.Tags.database)
