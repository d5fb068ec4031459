"""Has the case's judgment become final, and what did it decide? For the public case
page's presumption-of-innocence notice, which holds only while it applies.

The notice's own rule: "Everyone is presumed innocent until a court convicts them in a
final judgment". A judgment is final when the pack's ``judgment.final`` is recorded
("Sentencia firme", "Trânsito em julgado", "Jugement définitif" in ``intl.yaml``; the
``enforcement`` stage it leads to says "the judgment is final"), or when the case is
closed for ``acquittal_final``. Before that, through the time to appeal and the appeal
itself, the presumption still applies, even after a verdict of conviction.

What a final judgment decided is read from the verdicts. An appeal decided as
``overturned`` or ``modified`` does not say for whom or which way, so after one, while an
accused judged before it has no verdict since (the appeal court's,
``docket/appeal_verdicts.py``), the outcome is ``unclear``: the page then claims neither an
innocence nor an acquittal it cannot check; so it is when a final judgment acquitted
some accused and gave no verdict on another. Corrections are read as the record reads
them (``effective``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from expediente.docket.verdicts import CONVICTIONS, changes_verdict

Finality = Literal["open", "convicted", "acquitted", "unclear"]

FINALITY_EVENTS = (
    "participant.added",
    "verdict.delivered",
    "appeal.decided",
    "retrial.ordered",
    "judgment.final",
    "case.closed",
    "case.reopened",
)


def finality_from(events: Iterable[tuple[str, Mapping[str, Any]]]) -> Finality:
    """From the case's ``FINALITY_EVENTS`` in order: ``open`` (no final judgment: the
    presumption holds), ``convicted`` (a final judgment convicted at least one accused),
    ``acquitted`` (a final judgment acquitted every accused it judged) or ``unclear``."""
    verdicts: dict[str, str] = {}
    accused: set[str] = set()
    owed: set[str] = set()  # judged before an appeal that changed the verdict, none since
    final = acquittal_closed = False
    for type_name, payload in events:
        if type_name == "participant.added":
            if payload.get("role") == "accused":
                accused.add(str(payload.get("participant")))
        elif type_name == "case.reopened":
            verdicts, owed, final, acquittal_closed = {}, set(), False, False
        elif type_name == "verdict.delivered":
            verdicts[str(payload.get("accused"))] = str(payload.get("outcome"))
            owed.discard(str(payload.get("accused")))
            final = False
        elif changes_verdict(type_name, payload):
            owed = set(verdicts)
        elif type_name == "retrial.ordered" or (
            type_name == "appeal.decided" and payload.get("outcome") == "retrial_ordered"
        ):
            verdicts, owed, final = {}, set(), False
        elif type_name == "judgment.final":
            final = True
        elif type_name == "case.closed" and payload.get("reason") == "acquittal_final":
            acquittal_closed = True
    unclear = bool(owed)
    convicted = any(v in CONVICTIONS for v in verdicts.values())
    if acquittal_closed:
        # the court closed the case for a final acquittal: that is the outcome, unless
        # the verdicts on record plainly say a conviction stands
        return "unclear" if convicted and not unclear else "acquitted"
    if not final:
        return "open"
    if unclear or not verdicts:
        return "unclear"
    if convicted:
        return "convicted"
    # "no one was convicted" only when every accused was judged: a co-accused without a
    # verdict was not acquitted by this judgment
    return "unclear" if accused - set(verdicts) else "acquitted"


def effective(
    rows: Iterable[tuple[int, int | None, str, Mapping[str, Any]]],
) -> list[tuple[str, Mapping[str, Any]]]:
    """Entries ``(seq, corrects_seq, type, payload)`` in recording order as the record
    reads them now: each at its own place with its latest correction's payload (a verdict
    corrected to name another accused no longer speaks for the first)."""
    order: list[int] = []
    types: dict[int, str] = {}
    payloads: dict[int, Mapping[str, Any]] = {}
    root_of: dict[int, int] = {}
    for seq, corrects, type_name, payload in rows:
        if corrects is None:
            order.append(seq)
            types[seq] = type_name
            payloads[seq] = payload
            continue
        root = root_of.get(corrects, corrects)
        root_of[seq] = root
        if root in payloads:
            payloads[root] = payload
    return [(types[seq], payloads[seq]) for seq in order]


def finality_of(events: Iterable[Any]) -> Finality:
    """``finality_from`` a case's entries already read (``docket.models.Event`` rows, in
    ``seq`` order): the pages that hold the whole record need no query of their own."""
    return finality_from(
        effective(
            (e.seq, e.corrects_seq, e.type, e.payload) for e in events if e.type in FINALITY_EVENTS
        )
    )
