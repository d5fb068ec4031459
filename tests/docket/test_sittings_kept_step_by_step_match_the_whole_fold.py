"""The calendar's sittings are kept one step per hearing entry (court/hearing_projection.py)
instead of refolding the case's whole hearing history on every entry. Whatever the
history (dates set, moved, held, not held, corrected, hearings interleaved, kinds and
courtrooms left out), the rows are exactly what the whole fold gives, and an entry costs
the same statements however many came before it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.court.hearing_projection import FIELDS, sitting_rows
from expediente.court.models import Sitting
from expediente.court.pages.hearings import HEARING_TYPES
from expediente.docket.models import Event
from tests.conftest import NOW

RECORDED_AT = NOW - dt.timedelta(days=20)
HEARINGS = ["H1", "H2"]


def _when(day: int, hour: int) -> str:
    return (
        dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC) + dt.timedelta(days=day, hours=hour)
    ).isoformat()


@st.composite
def entries(draw: Any) -> list[tuple[str, dict[str, Any], int | None]]:
    """A hearing history: (type, payload, index of the entry it corrects or None)."""
    out: list[tuple[str, dict[str, Any], int | None]] = []
    latest: dict[int, int] = {}  # an entry's latest version (a correction corrects it)
    for _ in range(draw(st.integers(1, 9))):
        hearing = draw(st.sampled_from(HEARINGS))
        when = _when(draw(st.integers(0, 30)), draw(st.integers(0, 8)))
        room = draw(st.sampled_from([None, None, "Sala 1", "Sala 2"]))
        kind = draw(st.sampled_from(["trial", "review", "preliminary"]))
        choice = draw(
            st.sampled_from(["scheduled", "rescheduled", "rescheduled", "held", "not_held", "fix"])
        )
        dated = [i for i, (t, _p, c) in enumerate(out) if t == "hearing.scheduled" and c is None]
        if choice == "fix" and dated:
            original = draw(st.sampled_from(dated))
            target = latest.get(original, original)  # a superseded version is refused
            payload = dict(out[target][1], starts_at=when)
            if room is not None:
                payload["courtroom"] = room
            if payload == out[target][1]:
                continue  # a correction that changes nothing is refused
            out.append(("hearing.scheduled", payload, target))
            latest[original] = len(out) - 1
            continue
        scheduled = {p["hearing"] for t, p, _c in out if t == "hearing.scheduled"}
        if choice in ("rescheduled", "held", "not_held") and hearing not in scheduled:
            choice = "scheduled"  # a hearing is moved or held once it is scheduled
        dating = ("hearing.scheduled", "hearing.rescheduled")
        taken = {p["hearing"] for t, p, _c in out if t in dating}
        if choice in ("scheduled", "fix") and hearing in taken:
            choice = "rescheduled"  # an id is scheduled once (court/hearing_projection.py)
        if choice in ("scheduled", "fix"):
            payload = {"hearing": hearing, "kind": kind, "starts_at": when}
        elif choice == "rescheduled":
            payload = {"hearing": hearing, "starts_at": when, "reason": "Agenda"}
        elif choice == "held":
            payload = {"hearing": hearing}
        else:
            payload = {"hearing": hearing, "reason": "judge_unavailable"}
        if room is not None and choice in ("scheduled", "rescheduled", "fix"):
            payload["courtroom"] = room
        out.append((f"hearing.{'scheduled' if choice == 'fix' else choice}", payload, None))
    return out


def _live(case: Any) -> list[tuple[Any, ...]]:
    rows = Sitting.objects.filter(case=case).order_by("set_by_seq")
    return list(rows.values_list("set_by_seq", "court_id", *FIELDS))


def _folded(case: Any) -> list[tuple[Any, ...]]:
    events = Event.objects.filter(case=case, type__in=HEARING_TYPES).order_by("seq")
    rows = sorted(sitting_rows(case, events), key=lambda s: s.set_by_seq)
    return [(s.set_by_seq, s.court_id, *(getattr(s, f) for f in FIELDS)) for s in rows]


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(history=entries())
def test_the_rows_kept_step_by_step_are_the_whole_fold(open_case, record, history):
    case = open_case()
    seqs: list[int] = []
    for type_name, payload, corrects in history:
        corrects_seq = seqs[corrects] if corrects is not None else None
        event = record(
            case, type_name, payload, occurred_at=RECORDED_AT, corrects_seq=corrects_seq
        ).event
        seqs.append(event.seq)
        assert _live(case) == _folded(case), (type_name, payload, corrects_seq)


def test_a_hearing_entry_costs_the_same_however_many_came_before(open_case, record):
    case = open_case()

    def schedule(n: int) -> int:
        payload = {"hearing": f"H{n}", "kind": "trial", "starts_at": _when(n, 0)}
        with CaptureQueriesContext(connection) as ctx:
            record(case, "hearing.scheduled", payload, occurred_at=RECORDED_AT)
        return len(ctx.captured_queries)

    first = schedule(1)
    for n in range(2, 12):
        schedule(n)
    assert schedule(12) == first
    moved = {"hearing": "H12", "starts_at": _when(20, 0), "reason": "Agenda"}
    with CaptureQueriesContext(connection) as ctx:
        record(case, "hearing.rescheduled", moved, occurred_at=RECORDED_AT)
    # moving a date is no dearer than setting one (which also asks whether the id is free)
    assert len(ctx.captured_queries) <= first
    assert Sitting.objects.filter(case=case, status="moved").count() == 1
