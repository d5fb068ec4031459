"""A reopened case is pending again from its reopening (QA finding 9): dismissed, reopened
and later convicted, it counted resolved once and never pending again. Now the reopening
brings it in again and the conviction resolves it again, so pending at the end = pending
at the start + incoming − resolved still holds, on both engines, and a replay of the log
gives the same projection."""

from __future__ import annotations

import datetime as dt

from expediente.access.policy import Actor
from expediente.demo.generator import demo_user
from expediente.docket.models import Court
from expediente.docket.rebuild import rebuild
from expediente.docket.services import case_open, event_record
from expediente.stats.compute import indicator_compute
from tests.stats.conftest import demo_scope

FLOWS = ("incoming", "resolved", "pending_start", "pending_end")


def _at(day: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(16), tzinfo=dt.UTC)


def _totals(start: str, end: str) -> dict[str, int]:
    scope = demo_scope(start, end, ["sj-penal"])
    out = {}
    for ident in FLOWS:
        sql = indicator_compute(ident, scope)
        assert sql == indicator_compute(ident, scope, engine="pure"), ident
        assert isinstance(sql, dict)
        out[ident] = sum(sql.values())
    return out


def test_dismissed_reopened_and_convicted(demo) -> None:  # type: ignore[no-untyped-def]
    years = (("2024-01-01", "2024-12-31"), ("2025-01-01", "2025-10-31"))
    before = {y: _totals(*y) for y in years}
    actor = Actor.system(demo_user())
    case = case_open(
        court=Court.objects.get(code="sj-penal"),
        actor=actor,
        procedure="adult",
        occurred_at=_at("2024-02-01"),
    ).event.case
    person = {"given_names": "R", "family_names": "Prueba", "sex": "male"}
    steps = [
        ("participant.added", "2024-02-01", {"role": "accused", "person": person}),
        ("case.dismissed", "2024-04-01", {"reason": "insufficient_evidence"}),
        ("case.reopened", "2024-06-01", {"reason": "nueva prueba"}),
        ("case.dismissed", "2025-02-01", {"reason": "withdrawn"}),
    ]
    for type_, day, payload in steps:
        event_record(case=case, type=type_, payload=payload, actor=actor, occurred_at=_at(day))
    after = {y: _totals(*y) for y in years}
    change = {y: {k: after[y][k] - before[y][k] for k in FLOWS} for y in years}
    # 2024: opened and reopened (in twice), dismissed once, pending at the end again
    assert change[years[0]] == {"incoming": 2, "resolved": 1, "pending_start": 0, "pending_end": 1}
    # 2025: pending at the start, resolved again
    assert change[years[1]] == {"incoming": 0, "resolved": 1, "pending_start": 1, "pending_end": 0}
    for y in years:
        t = after[y]
        assert t["pending_end"] == t["pending_start"] + t["incoming"] - t["resolved"]
    result = rebuild(check=True)
    assert not [d for d in result.differences if d.table == "stats"], result.differences[:5]
