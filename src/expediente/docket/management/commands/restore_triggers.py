"""``expediente restore_triggers``: put back the append-only triggers ``expediente verify``
finds missing, disabled or altered, with the statements their migrations ran
(``docket/immutability.py``). ``migrate`` cannot: it records those migrations as applied
and runs them again only if rolled back, which would drop the tables."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from expediente.docket.immutability import NotMigrated, trigger_faults, triggers_restore


class Command(BaseCommand):
    help = (
        "Put back every append-only trigger that is missing, disabled or not as its "
        "migration created it (each such table's triggers dropped and created again, in one "
        "transaction); change nothing on a healthy database. Then run `expediente verify`: "
        "rows changed while a trigger was off show there."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            mended = triggers_restore()
        except NotMigrated as exc:
            raise CommandError(str(exc)) from None
        except DatabaseError as exc:  # rolled back: nothing was changed
            raise CommandError(
                f"the database refused to put the triggers back, and nothing was changed: "
                f"{str(exc).strip()}"
            ) from None
        for fault in mended:
            self.stdout.write(
                f"restored trigger {fault.trigger} on {fault.table} (was {fault.state})"
            )
        left = trigger_faults()
        for fault in left:
            self.stderr.write(f"BROKEN {fault}")
        if left:
            raise CommandError(f"{len(left)} fault(s) in the append-only triggers remain")
        if not mended:
            self.stdout.write("ok: every append-only trigger was in place; nothing changed")
            return
        self.stdout.write(
            "ok: every append-only trigger is in place; now run `expediente verify`: an entry "
            "changed while its trigger was off shows there (the access log's lines have no "
            "hash chain, so a change to them does not)"
        )
