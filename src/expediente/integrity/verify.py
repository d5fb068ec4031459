"""``expediente verify``: check every case's hash chain against the stored events.

One pass over the event log in (case, seq) order; each case's chain is checked link by
link and its head compared with the case row. Pure chain arithmetic lives in ``chain``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from expediente.docket.models import Case, Event
from expediente.integrity.chain import Break, ChainedEvent, verify_chain

_FIELDS = (
    "case_id",
    "seq",
    "type",
    "schema_version",
    "occurred_at",
    "recorded_at",
    "actor_label",
    "payload",
    "corrects_seq",
    "correction_reason",
    "confirmed",
    "prev_hash",
    "hash",
)


def _chained(nuid: str, rows: Iterable[dict[str, Any]]) -> Iterator[tuple[ChainedEvent, str]]:
    for r in rows:
        yield (
            ChainedEvent(
                case=nuid,
                seq=r["seq"],
                type=r["type"],
                schema_version=r["schema_version"],
                occurred_at=r["occurred_at"],
                recorded_at=r["recorded_at"],
                actor=r["actor_label"],
                payload=r["payload"],
                corrects=r["corrects_seq"],
                prev_hash=r["prev_hash"],
                reason=r["correction_reason"],
                confirmed=tuple(r["confirmed"] or ()),
            ),
            r["hash"],
        )


def _check_head(
    nuid: str, last_seq: int, head_hash: str, seen: int, last_hash: str
) -> Break | None:
    if seen != last_seq:
        return Break(
            nuid,
            min(seen, last_seq) + 1,
            f"the case says it has {last_seq} events, the log holds {seen}",
        )
    if last_seq and head_hash != last_hash:
        return Break(nuid, last_seq, "the case's head hash is not its last event's hash")
    return None


def verify_cases(
    cases: Iterable[Case] | None = None, progress: Callable[[int, int], None] | None = None
) -> list[Break]:
    """Every broken chain among these cases (all cases by default), first break per case."""
    qs = Case.objects.order_by("id")
    if cases is not None:
        qs = qs.filter(pk__in=[c.pk for c in cases])
    heads = {
        pk: (nuid, last, head)
        for pk, nuid, last, head in qs.values_list("id", "nuid", "last_seq", "head_hash")
    }
    total = len(heads)
    events = (
        (
            Event.objects.filter(case_id__in=heads.keys())
            if cases is not None
            else Event.objects.all()
        )
        .order_by("case_id", "seq")
        .values(*_FIELDS)
        .iterator(chunk_size=5000)
    )
    breaks: list[Break] = []
    checked: set[int] = set()
    for case_id, group in itertools.groupby(events, key=lambda r: r["case_id"]):
        nuid, last_seq, head_hash = heads[case_id]
        rows = list(group)
        found = verify_chain(_chained(nuid, rows)) or _check_head(
            nuid, last_seq, head_hash, len(rows), rows[-1]["hash"]
        )
        if found is not None:
            breaks.append(found)
        checked.add(case_id)
        if progress and (len(checked) % 1000 == 0 or len(checked) == total):
            progress(len(checked), total)
    for case_id, (nuid, last_seq, _head) in heads.items():
        if case_id not in checked and last_seq:
            breaks.append(
                Break(nuid, 1, f"the case says it has {last_seq} events, the log has none")
            )
    return breaks
