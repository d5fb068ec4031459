"""``expediente verify --receipt NUMBER``: everything the server can check about one
petition's receipt, from the operator's side (no disclosure rules: the command reads
the whole database anyway). The same proof a participant downloads is checked with the
offline checker, so the command and an outsider agree."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from expediente.docket.models import Event
from expediente.integrity.leaf import entry_leaf_hash
from expediente.integrity.notes import PublicKey
from expediente.integrity.offline import CheckFailed, check_inclusion
from expediente.integrity.proofs import inclusion, leaf_of
from expediente.integrity.published import inclusion_json
from expediente.integrity.verify import verify_cases
from expediente.petitions.receipts import fingerprint
from expediente.petitions.selectors import petition_by_receipt


class UnknownReceipt(LookupError):
    pass


@dataclass
class ReceiptReport:
    holds: list[str] = field(default_factory=list)
    faults: list[str] = field(default_factory=list)
    proof: dict[str, Any] | None = None


def receipt_verify(number: str, *, trusted: list[PublicKey]) -> ReceiptReport:
    petition = petition_by_receipt(number)
    if petition is None:
        raise UnknownReceipt(f"--receipt: no petition has the receipt number {number!r}")
    case, seq = petition.case, petition.filed_seq
    event = Event.objects.get(case=case, seq=seq)
    report = ReceiptReport()
    name = f"receipt {petition.receipt} (case {case.nuid}, entry {seq})"
    report.faults += [f"{name}: chain: {b}" for b in verify_cases([case])]
    if fingerprint(event.hash) == petition.fingerprint:
        report.holds.append(
            f"{name}: the fingerprint {petition.fingerprint} starts the entry's hash"
        )
    else:
        report.faults.append(
            f"{name}: the fingerprint {petition.fingerprint} is not the start of the entry's "
            f"hash {event.hash}"
        )
    leaf = leaf_of(event.pk)
    if leaf is None:
        report.holds.append(f"{name}: not in the log yet (run `expediente checkpoint`)")
        return report
    if entry_leaf_hash(case=case.nuid, seq=seq, entry_hash=event.hash) != bytes(leaf.hash):
        report.faults.append(f"{name}: the entry is not the one the log took in at leaf {leaf.pk}")
    found = inclusion(event.pk)
    if found is None:
        report.holds.append(f"{name}: in the log at leaf {leaf.pk}, not yet in a checkpoint")
        return report
    report.proof = inclusion_json(found, receipt=petition.receipt)
    key = PublicKey(found.checkpoint.origin, bytes(found.checkpoint.public_key))
    try:
        included = check_inclusion(report.proof, key=key, fingerprint=petition.fingerprint)
    except CheckFailed as exc:
        report.faults.append(f"{name}: {exc}")
        return report
    if key.key_id not in {k.key_id for k in trusted}:
        report.faults.append(f"{name}: its checkpoint is signed by {key.key_id}, not a key of ours")
    report.holds.append(f"{name}: {included}")
    return report
