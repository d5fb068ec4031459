"""Checking a petition's receipt without signing in (selector): is its entry in the
court's signed record, and as of which checkpoint.

The page asks for the receipt number and the record fingerprint, both printed on the
receipt. It answers only what the receipt already says (court, year, case number, entry
number, the start of the entry's hash) plus where the entry stands in the log: the
entry's full hash, the checkpoint's size, time and key, and an inclusion proof, whose
hashes say nothing of any entry's content. A receipt whose number and fingerprint do not
match, one that does not exist, and one of a case the public may not see (before
charges, juvenile, restricted, sealed, expunged: ``access.disclosure``, class ``case``)
give the same answer, ``None``, after the same queries: the number alone, which can be
guessed, never tells which petitions exist. Their petitioners check them from their own
receipt page.
"""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass

from expediente.access.disclosure import PUBLIC, disclose
from expediente.docket.models import Event
from expediente.integrity.proofs import Standing, standing
from expediente.petitions.models import Petition
from expediente.petitions.selectors import petition_by_receipt
from expediente.portal.public.lookup import _phantom


@dataclass(frozen=True)
class PublicReceipt:
    petition: Petition
    event_id: int
    entry_hash: str
    standing: Standing


def public_petition(*, number: str, fingerprint: str) -> tuple[Petition, int, str] | None:
    """The petition, its entry's id and hash, if the public may know of it."""
    petition = petition_by_receipt(number)
    target = petition.case if petition is not None else _phantom(None)
    view = disclose(PUBLIC, target, channel="public")
    given = fingerprint.strip().lower().encode()
    kept = (petition.fingerprint if petition is not None else "-").encode()
    if petition is None or not view.visible or not hmac.compare_digest(given, kept):
        return None
    event_id, entry_hash = (
        Event.objects.filter(case_id=petition.case_id, seq=petition.filed_seq)
        .values_list("pk", "hash")
        .get()
    )
    return petition, event_id, entry_hash


def public_receipt(*, number: str, fingerprint: str, now: dt.datetime) -> PublicReceipt | None:
    found = public_petition(number=number, fingerprint=fingerprint)
    if found is None:
        return None
    petition, event_id, entry_hash = found
    return PublicReceipt(petition, event_id, entry_hash, standing(event_id, now=now))
