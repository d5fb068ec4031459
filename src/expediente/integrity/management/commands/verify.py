"""``expediente verify``: the append-only triggers the migrations create
(``docket/immutability.py``), every case's hash chain, then the Merkle log and its
checkpoints (``verify_log.py``); with ``--receipt NUMBER``, one petition's receipt from
its entry to a signed checkpoint (``receipts.py``). Exits 1 naming what differs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from expediente.docket.immutability import trigger_faults
from expediente.integrity.keys import retired, signer_if_any
from expediente.integrity.notes import PublicKey
from expediente.integrity.receipts import UnknownReceipt, receipt_verify
from expediente.integrity.verify import verify_cases
from expediente.integrity.verify_log import verify_log
from expediente.progress import reporter


class Command(BaseCommand):
    help = (
        "Check the append-only triggers, every case's hash chain, the Merkle log and its "
        "signed checkpoints; exit 1 naming what differs. --receipt NUMBER checks one "
        "petition's receipt."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--receipt", help="check this receipt number's entry and its proof")
        parser.add_argument(
            "--proof", help="with --receipt: write its inclusion proof (JSON) to this file"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["proof"] and not options["receipt"]:
            raise CommandError("--proof: give it with --receipt NUMBER")
        trusted = self._trusted()
        if options["receipt"]:
            self._receipt(options["receipt"], options["proof"], trusted)
            return
        guards = trigger_faults()
        for guard in guards:
            self.stderr.write(f"BROKEN {guard}")
        breaks = verify_cases(progress=reporter("cases verified"))
        for b in breaks:
            self.stderr.write(f"BROKEN {b}")
        report = verify_log(trusted=trusted, progress=reporter)
        for fault in report.faults:
            self.stderr.write(f"BROKEN {fault}")
        if report.more:
            self.stderr.write(f"BROKEN log: and {report.more} more faults of the same kinds")
        faults = len(report.faults) + report.more
        if guards or breaks or faults:
            said = [f"{len(guards)} fault(s) in the append-only triggers"] if guards else []
            said += [f"{len(breaks)} case chain(s) broken"] if breaks else []
            said += [f"{faults} fault(s) in the log"] if faults else []
            raise CommandError(", ".join(said))
        self.stdout.write("ok: every case's hash chain holds")
        if report.checkpoints:
            self.stdout.write(
                f"ok: the log holds {report.size} entries and its {report.checkpoints} "
                "checkpoint(s) verify: signed by our key, each with the log's root at its "
                "size and extending the one before"
            )
        else:
            self.stdout.write(f"ok: the log holds {report.size} entries; no checkpoint yet")
        if report.pending:
            self.stdout.write(
                f"note: {report.pending} entries recorded since the last `expediente "
                "checkpoint` are not in the log yet"
            )

    def _trusted(self) -> list[PublicKey]:
        try:
            current = signer_if_any()
            return [*([current.public] if current else []), *retired()]
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None

    def _receipt(self, number: str, proof_file: str | None, trusted: list[PublicKey]) -> None:
        try:
            report = receipt_verify(number, trusted=trusted)
        except UnknownReceipt as exc:
            raise CommandError(str(exc)) from None
        for line in report.holds:
            self.stdout.write(f"ok: {line}")
        for fault in report.faults:
            self.stderr.write(f"BROKEN {fault}")
        if proof_file:
            if report.proof is None:
                self.stderr.write("--proof: no proof yet: the entry is not in a checkpoint")
            else:
                Path(proof_file).write_text(json.dumps(report.proof, indent=2) + "\n")
                self.stdout.write(f"proof written to {proof_file}")
        if report.faults:
            raise CommandError(f"receipt {number}: {len(report.faults)} fault(s)")
