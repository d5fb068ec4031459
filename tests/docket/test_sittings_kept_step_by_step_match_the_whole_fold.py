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


Entry = tuple[str, dict[str, Any], int | None, dt.datetime]


@st.composite
def entries(draw: Any) -> list[Entry]:
    """A hearing history the write path accepts: (type, payload, index of the entry it
    corrects or None, when it happened). A hearing is scheduled once, moved while it is
    scheduled or not held, held or not held while it is scheduled and on its day or later
    (court/hearing_rules.py); a correction of a date does not put it after its outcome."""
    out: list[Entry] = []
    latest: dict[int, int] = {}  # an entry's latest version (a correction corrects it)
    # by hearing, its sittings: [entry that set it, day, hour, status, day of its outcome]
    sittings: dict[str, list[list[Any]]] = {}
    for _ in range(draw(st.integers(1, 9))):
        hearing = draw(st.sampled_from(HEARINGS))
        day, hour = draw(st.integers(0, 30)), draw(st.integers(0, 8))
        room = draw(st.sampled_from([None, None, "Sala 1", "Sala 2"]))
        kind = draw(st.sampled_from(["trial", "review", "preliminary"]))
        choice = draw(
            st.sampled_from(["scheduled", "rescheduled", "rescheduled", "held", "not_held", "fix"])
        )
        dated = [
            i for i, (t, _p, c, _w) in enumerate(out) if t == "hearing.scheduled" and c is None
        ]
        if choice == "fix" and dated:
            original = draw(st.sampled_from(dated))
            target = latest.get(original, original)  # a superseded version is refused
            first = sittings[out[original][1]["hearing"]][0]
            if first[4] is not None:  # held or not held on that day: not set after it
                day = draw(st.integers(0, first[4]))
            payload = dict(out[target][1], starts_at=_when(day, hour))
            if room is not None:
                payload["courtroom"] = room
            if payload == out[target][1]:
                continue  # a correction that changes nothing is refused
            first[1], first[2] = day, hour
            out.append(("hearing.scheduled", payload, target, RECORDED_AT))
            latest[original] = len(out) - 1
            continue
        current = sittings[hearing][-1] if hearing in sittings else None
        if current is None:
            choice = "scheduled"  # a hearing is moved or held once it is scheduled
        elif choice in ("scheduled", "fix"):
            choice = "rescheduled"  # an id is scheduled once (court/hearing_projection.py)
        status = current[3] if current is not None else None
        if status == "held":
            continue  # a hearing held is over: nothing more is recorded about it
        if choice in ("held", "not_held") and status == "not_held":
            choice = "rescheduled"  # a hearing not held takes a new date first
        when = RECORDED_AT
        if choice == "scheduled":
            payload = {"hearing": hearing, "kind": kind, "starts_at": _when(day, hour)}
        elif choice == "rescheduled":
            payload = {"hearing": hearing, "starts_at": _when(day, hour), "reason": "Agenda"}
        elif choice == "held":
            payload = {"hearing": hearing}
        else:
            payload = {"hearing": hearing, "reason": "judge_unavailable"}
        if room is not None and choice in ("scheduled", "rescheduled"):
            payload["courtroom"] = room
        if choice in ("scheduled", "rescheduled"):
            if current is not None and current[3] == "scheduled":
                current[3] = "moved"
            sittings.setdefault(hearing, []).append([len(out), day, hour, "scheduled", None])
        else:
            assert current is not None
            # on its day, at its hour or up to three hours later
            when = dt.datetime.fromisoformat(
                _when(current[1], current[2] + draw(st.integers(0, 3)))
            )
            current[3], current[4] = choice, current[1]
        out.append((f"hearing.{choice}", payload, None, when))
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
    for type_name, payload, corrects, when in history:
        corrects_seq = seqs[corrects] if corrects is not None else None
        event = record(case, type_name, payload, occurred_at=when, corrects_seq=corrects_seq).event
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
