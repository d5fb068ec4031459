"""SDG 16.3.2 counts a person held on the reference day: one who died in custody before
it (``custody.died`` ends the custody period) is no longer counted."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from expediente.stats import load
from expediente.stats.extract import extract_rows
from expediente.stats.indicators import custody as cu
from expediente.stats.scope import scope_resolve

pytestmark = pytest.mark.django_db

CR = ZoneInfo("America/Costa_Rica")


def scope(start: str, end: str):
    return scope_resolve(
        jurisdiction="cr", courts=None, start=start, end=end, today=dt.date(2026, 3, 2)
    )


def on(day: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(10), tzinfo=CR)


def test_a_person_who_died_in_custody_is_not_counted_held_after_the_death(accused_case, record):
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=on("2026-01-10"))
    order = {"person": "P1", "until": "2026-12-31", "grounds": "Peligro de fuga"}
    record(accused_case, "custody.pretrial_ordered", order, occurred_at=on("2026-01-11"))
    january = scope("2026-01-01", "2026-01-31")
    assert cu.held_on_day(load.custody_rows(january), january.period) == {
        ("unsentenced", "male"): 1
    }
    record(accused_case, "custody.died", {"person": "P1"}, occurred_at=on("2026-02-01"))
    assert cu.held_on_day(load.custody_rows(january), january.period) == {
        ("unsentenced", "male"): 1
    }
    february = scope("2026-02-01", "2026-02-28")
    assert cu.held_on_day(load.custody_rows(february), february.period) == {}


def _held_to_death(accused_case, record, *, escaped: bool = False) -> int:
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=on("2026-01-10"))
    order = {"person": "P1", "until": "2026-12-31", "grounds": "Peligro de fuga"}
    record(accused_case, "custody.pretrial_ordered", order, occurred_at=on("2026-01-11"))
    if escaped:
        record(accused_case, "custody.escaped", {"person": "P1"}, occurred_at=on("2026-01-20"))
        record(accused_case, "custody.recaptured", {"person": "P1"}, occurred_at=on("2026-01-21"))
    died = {"person": "P1", "place": "Hospital San Juan de Dios", "reported_to": "Fiscalía"}
    return record(accused_case, "custody.died", died, occurred_at=on("2026-02-01")).event.seq


def test_a_death_corrected_as_recorded_by_mistake_counts_the_person_held_again(
    accused_case, record
):
    seq = _held_to_death(accused_case, record)
    fix = {"person": "P1", "in_error": True}
    record(accused_case, "custody.died", fix, occurred_at=on("2026-02-01"), corrects_seq=seq)
    february = scope("2026-02-01", "2026-02-28")
    assert cu.held_on_day(load.custody_rows(february), february.period) == {
        ("unsentenced", "male"): 1
    }


def test_the_extract_has_the_death_without_its_free_text_and_not_one_taken_back(
    accused_case, record
):
    seq = _held_to_death(accused_case, record, escaped=True)
    # public once indicted: only such a case is in the extract
    record(accused_case, "indictment.filed", {"accused": "P1"}, occurred_at=on("2026-02-02"))
    february = scope("2026-01-01", "2026-02-28")
    rows = list(extract_rows(february))
    types = [r["event_type"] for r in rows]
    assert "custody.died" in types
    assert "custody.escaped" in types
    written = " ".join(str(v) for r in rows for v in r.values())
    assert "Hospital" not in written
    assert "Fiscalía" not in written
    fix = {"person": "P1", "in_error": True}
    record(accused_case, "custody.died", fix, occurred_at=on("2026-02-01"), corrects_seq=seq)
    assert "custody.died" not in [r["event_type"] for r in extract_rows(february)]
