"""A case's measure events as ``state.Entry`` rows: one query, corrections read in place
of what they correct (their payload and their time), in time order."""

from __future__ import annotations

from expediente.docket.corrections import as_last_corrected
from expediente.docket.models import Case, Event
from expediente.measures.state import Entry

PREFIX = "measure."


def case_entries(case: Case, *, upto: int | None = None) -> list[Entry]:
    query = Event.objects.filter(case_id=case.pk, type__startswith=PREFIX)
    if upto is not None:
        query = query.filter(seq__lte=upto)
    rows = query.order_by("seq").values_list(
        "seq", "type", "occurred_at", "payload", "corrects_seq"
    )
    latest, _ = as_last_corrected(
        (seq, corrects, (type_name, at, payload)) for seq, type_name, at, payload, corrects in rows
    )
    entries = [Entry(seq, t, at, p) for seq, (t, at, p) in latest.items()]
    entries.sort(key=lambda e: (e.at, e.seq))
    return entries
