"""The facts the deadline engine reads for one measure (``rules.deadlines.Fact``).

Each starting or repeating fact carries the term the court's order had set at that
moment (``interval_days``, changed by ``measure.modified``), so a change of interval
counts from the next check-in. The hours that complete a community-service sentence
are read as ``measure.completed``: the obligation is met then, without anyone having to
record it.
"""

from __future__ import annotations

from collections.abc import Iterable

from expediente.measures import state as st
from expediente.rules.deadlines import Fact
from expediente.rules.schema import Duration

CLOSING = frozenset({st.ENDED, st.REVOKED, st.COMPLETED})


def measure_facts(entries: Iterable[st.Entry], measure: st.MeasureState) -> list[Fact]:
    """Facts for ``measure``, in time order, only from events the fold accepted."""
    accepted = set(measure.seqs)
    out: list[Fact] = []
    interval: int | None = None
    hours = 0
    required = measure.hours_required
    for e in entries:
        if e.seq not in accepted:
            continue
        p = e.payload
        if isinstance(p.get("interval_days"), int):
            interval = p["interval_days"]
        term = Duration(days=interval) if interval else None
        kind = e.type
        until = st.day_of(p.get("due_on"))
        if e.type == "measure.hours_logged":
            hours += int(p.get("hours") or 0)
            if required is not None and hours >= required:
                kind = st.COMPLETED
        if e.type == st.RESPONDED and p.get("response") == "revocation":
            kind = st.REVOKED
        if e.type == st.MODIFIED and until is None:
            continue  # an extension must give the new last day; other changes move no clock
        out.append(Fact(id=e.seq, type=kind, occurred_at=e.at, until=until, term=term))
    return out
