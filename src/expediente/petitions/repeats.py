"""A petition is filed once: the same request, sent again while the court has not yet
answered it, records nothing.

A family that goes Back to the portal's form and presses Send again sends the text the
browser kept with a new form token: the token (the idempotency key) cannot tell it from
a new request. Recorded, it was a second petition with its own answer deadline, and the
judge's due list showed both. So ``check_filing`` (called by the projector's ``check``
for every new filing) refuses, for the forms a browser sends (the portal and /my/ through
``petition_file``, the court's record form: each records inside ``guarded()``), a filing
when an earlier one of the same case is

- by the same petitioner, of the same kind, about the same person's detention (where
  it names one: ``Petition.concerns``), with the same text once spaces and line breaks
  are made single spaces (``same_text``), and
- still awaiting the court's answer.

The window is "while unanswered", not a number of minutes: as long as the first is
open, the court has the request and its answer deadline already runs from the first
filing (a copy would add a second deadline for the same request to the due list and
tell the court nothing new); once it is answered, asking again is a new request (a
detention that goes on, a habeas corpus after a refusal) and is recorded. A text with
anything different (one more sentence: "still no answer") is a new petition and is
recorded. A correction restates an entry, it files nothing, and is not checked.

The refusal (``AlreadyFiled``) names the earlier petition: ``petition_file`` turns it
into that petition's receipt for the portal and /my/ (``Filed.repeated``). The clerk's
form asks first (``court/forms/repeat_warning.py``) and records it once confirmed
(``petition_repeated``): two relatives may bring the same letter, and a document the
court received belongs on the record. The API and the importer are not guarded: a system
retries under the same Idempotency-Key (answered as recorded), and a history imported
holds what it holds; so a system that may not read a petition's text never learns from a
refusal that the same words are on the record.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.utils.translation import gettext_noop

from expediente.custody.confirmations import PETITION_REPEATED, is_confirmed
from expediente.docket.errors import Conflict, Words
from expediente.docket.models import Case
from expediente.docket.selectors import latest_versions
from expediente.petitions import detention
from expediente.petitions.models import Petition

FILED = "petition.filed"
TEXT_FIELD = "payload.text"
# set while a form a browser sent records (``guarded``)
_GUARDED: ContextVar[bool] = ContextVar("expediente_petition_repeat_guard", default=False)


@contextmanager
def guarded() -> Iterator[None]:
    """Record inside this block as a browser's form: a petition sent again is refused."""
    token = _GUARDED.set(True)
    try:
        yield
    finally:
        _GUARDED.reset(token)


class AlreadyFiled(Conflict):
    """The same petition is already on the record and awaits an answer; ``petition`` is
    that one."""

    title = "Petition already filed"
    code = "petition-already-filed"

    def __init__(self, petition: Petition) -> None:
        self.petition = petition
        message = (
            f"the same petitioner already filed this petition (same kind and text) as entry "
            f"{petition.filed_seq} on {petition.filed_at.isoformat()}, receipt "
            f"{petition.receipt}; it awaits an answer, so nothing was recorded"
        )
        super().__init__(
            f"{TEXT_FIELD}: {message}",
            errors=[{"field": TEXT_FIELD, "message": message}],
            words={
                TEXT_FIELD: Words(
                    gettext_noop(
                        "this person already filed this same petition on %(filed)s (entry "
                        "%(entry)s, receipt %(receipt)s) and it has not been answered yet: "
                        "nothing was recorded. To add something, write what is new."
                    ),
                    {
                        "filed": petition.filed_at,
                        "entry": petition.filed_seq,
                        "receipt": petition.receipt,
                    },
                )
            },
            # what the API adds to its problem details: the petition already on the record
            extensions={
                "petition": {
                    "seq": petition.filed_seq,
                    "receipt": petition.receipt,
                    "filed_at": petition.filed_at.isoformat(),
                }
            },
        )


def normalised(text: str) -> str:
    """The text as compared: Unicode composed the same way, every run of spaces, tabs and
    line breaks one space, none at either end."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def same_text(a: str, b: str) -> bool:
    return normalised(a) == normalised(b)


def earlier_same(case: Case, payload: dict[str, Any]) -> Petition | None:
    """The open petition of ``case`` that ``payload`` (a new filing) repeats, or None.
    One query when the petitioner has no open petition of that kind; two more (the
    filings as last corrected, whose detention) when they have."""
    text = payload.get("text")
    petitioner = payload.get("petitioner")
    if not isinstance(text, str) or not isinstance(petitioner, str):
        return None  # the payload schema names what is missing
    open_ones = list(
        Petition.objects.filter(
            case_id=case.pk,
            status=Petition.Status.OPEN,
            kind=payload.get("kind"),
            petitioner__uid=petitioner,
        )
        .select_related("concerns")
        .order_by("filed_seq")
    )
    if not open_ones:
        return None
    latest, _origin = latest_versions(case, [FILED])
    about = detention.concerned(case, payload)
    for petition in open_ones:
        entry = latest.get(petition.filed_seq)
        if entry is None or not same_text(str(entry.payload.get("text") or ""), text):
            continue
        if (petition.concerns.uid if petition.concerns else None) != about:
            continue
        return petition
    return None


def check_filing(case: Case, payload: dict[str, Any], corrects_seq: int | None) -> None:
    """Refuse a new filing that repeats an open petition (``AlreadyFiled``), from a form
    a browser sent (``guarded``) and not confirmed as a filing of its own."""
    if corrects_seq is not None or not _GUARDED.get():
        return
    earlier = earlier_same(case, payload)
    # asked only when it repeats one: the filing then keeps the confirmation
    if earlier is not None and not is_confirmed(PETITION_REPEATED):
        raise AlreadyFiled(earlier)
