# ruff: noqa: N999  (the command is `expediente import`; Django finds it by this name)
"""``expediente import FILE --user U``: record a JSON Lines file of API requests
(``api/importer.py`` says what a line holds; docs/import.md shows an example)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from expediente.access.accounts import AccountError, system_account
from expediente.access.models import User
from expediente.access.tokens import TokenError, check_courts
from expediente.api.importer import (
    Refusal,
    Tally,
    count_lines,
    import_lines,
    importer,
    refusal_line,
)
from expediente.progress import reporter

SHOWN = 50  # refusals printed; --errors FILE keeps them all


class CheckOnly(Exception):
    """Raised at the end of a --check run to roll everything back."""


class Command(BaseCommand):
    help = (
        "Record a JSON Lines file of API write requests (open, participant, charge, event), "
        "one transaction per line, as the account --user. Refused lines change nothing and "
        "are reported with their line number, field and rule. Safe to interrupt and to run "
        "again: lines already in are recognised by their key. See docs/import.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the JSON Lines file (UTF-8, one JSON object per line)")
        parser.add_argument("--user", required=True, help="the account every entry is recorded by")
        parser.add_argument(
            "--create-user",
            action="store_true",
            help="create the account as a system account if it does not exist",
        )
        parser.add_argument(
            "--court",
            action="append",
            default=[],
            dest="courts",
            help="record only in this court (repeatable); default every court",
        )
        parser.add_argument(
            "--seal",
            action="store_true",
            help="also record sealing, unsealing and expunction orders (case.sealed, …)",
        )
        parser.add_argument(
            "--errors",
            metavar="REPORT",
            help="write every refused line's number, key and errors to REPORT (JSON Lines)",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="record everything, report, then roll it all back: nothing is written",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"file: no file {str(path)!r}")
        try:
            check_courts(options["courts"])
        except TokenError as exc:
            raise CommandError(f"court: {exc}") from exc
        report = Path(options["errors"]) if options["errors"] else None
        with path.open("rb") as stream:
            total = count_lines(stream)
        tally = Tally()
        with contextlib.ExitStack() as stack:
            errors_file = None
            if report is not None:
                try:
                    errors_file = stack.enter_context(report.open("w", encoding="utf-8"))
                except OSError as exc:
                    raise CommandError(
                        f"errors: cannot write {str(report)!r}: {exc.strerror}"
                    ) from exc

            def refused(refusal: Refusal) -> None:
                if errors_file is not None:
                    errors_file.write(refusal_line(refusal))
                    errors_file.flush()
                if tally.refused <= SHOWN:  # counted before it is reported
                    self._say(str(refusal))

            try:
                # a check rolls back everything, the account --create-user made too
                check = transaction.atomic() if options["check"] else contextlib.nullcontext()
                with path.open("rb") as stream, check:
                    user = self._user(options["user"], create=options["create_user"])
                    actor = importer(user, courts=options["courts"], seal=options["seal"])
                    what = "check" if options["check"] else "import"
                    self.stdout.write(
                        f"{what} {path.name}: {total:,} lines, recorded as {user.username}"
                        + (f" in {', '.join(options['courts'])}" if options["courts"] else "")
                    )
                    import_lines(
                        stream,
                        actor,
                        tally,
                        total=total,
                        progress=reporter("lines"),
                        refused=refused,
                    )
                    if options["check"]:
                        raise CheckOnly
            except CheckOnly:
                pass
            except KeyboardInterrupt:
                self.stdout.write(self._summary(tally, options["check"], total=total))
                if options["check"]:
                    raise CommandError(
                        "check interrupted: nothing was written", returncode=130
                    ) from None
                raise CommandError(
                    f"interrupted after line {tally.done:,} of {total:,}: the lines up to it "
                    "are done, the rest are not. Run the same command again to go on (the "
                    "lines already in are recognised by their key and skipped).",
                    returncode=130,
                ) from None
        self.stdout.write(self._summary(tally, options["check"]))
        if tally.refused:
            more = f" ({tally.refused - SHOWN:,} not shown above)" if tally.refused > SHOWN else ""
            where = f"; all of them are in {report}" if report else ""
            if options["check"]:
                then = (
                    "Nothing was written (--check): correct them and check the file again, "
                    "then run the command without --check to record it."
                )
            else:
                then = (
                    "They changed nothing: correct them and run the same command again; the "
                    "lines already in are skipped."
                )
            raise CommandError(f"{tally.refused:,} line(s) refused{more}{where}. {then}")

    def _user(self, username: str, *, create: bool) -> User:
        try:
            user = system_account(username, create=create)
        except AccountError as exc:
            raise CommandError(f"user: {exc}") from exc
        if user is None:
            raise CommandError(
                f"user: no account {username!r} (--create-user creates it as a system account)"
            )
        return user

    def _summary(self, tally: Tally, check: bool, *, total: int | None = None) -> str:
        """What was done; after an interruption (``total`` given), also the record it
        cut short (its transaction rolled back) and the lines not reached, so that the
        counts add up."""
        done = (
            f"{tally.read:,} records: {tally.recorded:,} recorded (cases opened: "
            f"{tally.opened:,}), {tally.already:,} already in, {tally.refused:,} refused"
        )
        if total is not None:
            # read but neither recorded, found in nor refused: the line being recorded
            cut = tally.read - tally.recorded - tally.already - tally.refused
            if cut:
                done += ", 1 interrupted as it was being recorded"
            unreached = total - tally.done - cut
            done += f"; {unreached:,} of the {total:,} lines not reached"
        return f"{done}; checked only: nothing was written" if check else done

    def _say(self, text: str) -> None:
        if self.stderr.isatty():
            text = "\r\x1b[K" + text  # over the progress line
        self.stderr.write(text)
