from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from expediente.rules.loader import RulePackError, load_pack_file


class Command(BaseCommand):
    help = "Rule packs. `expediente rules check PATH…` validates pack files and exits 1 on errors."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="validate one or more rule pack files")
        check.add_argument("paths", nargs="+")

    def handle(self, *args: Any, **options: Any) -> None:
        failed = 0
        for path in options["paths"]:
            try:
                pack = load_pack_file(path)
            except RulePackError as exc:
                failed += 1
                for problem in exc.problems:
                    self.stderr.write(f"{exc.source}: {problem}")
                if not exc.names_checked:
                    self.stdout.write(
                        f"{exc.source}: note: the names the pack uses (stages, event types, "
                        "roles, deadlines) are checked once the problems above are mended"
                    )
                continue
            unverified = [o.code for o in pack.offences if o.law.flag == "U"]
            self.stdout.write(
                f"{path}: ok: pack {pack.pack} {pack.version}, {len(pack.stages)} stages, "
                f"{len(pack.event_types)} event types, {len(pack.deadlines)} deadlines, "
                f"{len(pack.offences)} offences"
            )
            if unverified:
                self.stdout.write(
                    f"  note: {len(unverified)} offence(s) cite law not yet checked (flag U)"
                )
            emergency = pack.emergency
            if emergency is not None and (emergency.law is None or emergency.law.flag == "U"):
                self.stdout.write(
                    f"  note: emergency number {emergency.phone}: "
                    f"{emergency.note or 'its source is not checked'}"
                )
        if failed:
            raise CommandError(f"{failed} pack(s) invalid")
