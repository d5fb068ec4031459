"""Custody deadlines met in time (``custody_deadlines_on_time``, ``on_time_share``) and
open past their time at the end (``custody_deadlines_overdue``): the deadlines the rules
alert the judge of, each counted once when it ended. Recorded through the real services
in a court of its own (Costa Rica's pack: 24 hours from the arrest to a judge, then 24
hours to ask for the custody hearing): a late appearance corrected to an early one counts
in time, an arrest never brought before a judge is open and overdue at the year's end,
and an expunged case is in no figure."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.docket.models import Court
from expediente.stats.compute import indicator_compute
from expediente.stats.deadline_rules import judge_rule_ids
from expediente.stats.indicators import deadlines as de
from expediente.stats.indicators.rows import DeadlineRow
from tests.stats.conftest import demo_scope
from tests.stats.helpers import YEAR, at
from tests.stats.test_hearings_not_held_are_counted_by_reason import COURT, Docket, court

__all__ = ["court"]  # the fixture, shared
CR = ZoneInfo("America/Costa_Rica")
TO_JUDGE, TO_ASK = "cr.presentation_to_judge", "cr.custody_hearing_request"


def _local(moment: str) -> dt.datetime:
    return dt.datetime.fromisoformat(moment).replace(tzinfo=CR)


def _record(d: Docket, type_: str, moment: str, corrects: int | None = None, **extra: str) -> int:
    from expediente.docket.services import event_record

    recorded = event_record(
        case=d.case,
        type=type_,
        payload={"person": "P1", **extra},
        actor=d.actor,
        occurred_at=_local(moment),
        corrects_seq=corrects,
        correction_reason="Recorded wrong" if corrects is not None else None,
    )
    return recorded.event.seq


def _arrested(d: Docket, moment: str) -> None:
    _record(d, "custody.arrested", moment, place="San José")


def _scope():  # type: ignore[no-untyped-def]
    return demo_scope("2024-01-01", "2024-12-31", [COURT])


def _both(ident: str):  # type: ignore[no-untyped-def]
    sql = indicator_compute(ident, _scope())
    assert sql == indicator_compute(ident, _scope(), engine="pure")
    return sql


def test_each_deadline_counts_once_when_it_ended(court: Court) -> None:
    a = Docket(court, "2024-03-01")  # before a judge in 10 hours, released the next day
    _arrested(a, "2024-03-01T10:00")
    _record(a, "custody.placed_before_judge", "2024-03-01T20:00")
    _record(a, "custody.released", "2024-03-02T08:00", reason="no_charges")
    b = Docket(court, "2024-04-01")  # before a judge after 28 hours: late
    _arrested(b, "2024-04-01T10:00")
    _record(b, "custody.placed_before_judge", "2024-04-02T14:00")
    _record(b, "custody.released", "2024-04-02T15:00", reason="no_charges")
    c = Docket(court, "2024-12-30")  # never brought before a judge in 2024
    _arrested(c, "2024-12-30T10:00")
    d = Docket(court, "2024-05-01")  # recorded late, corrected: it was in time
    _arrested(d, "2024-05-01T10:00")
    wrong = _record(d, "custody.placed_before_judge", "2024-05-03T10:00")
    assert _both("custody_deadlines_on_time")[COURT, TO_JUDGE, "late"] == 2
    _record(d, "custody.placed_before_judge", "2024-05-01T18:00", corrects=wrong)
    _record(d, "custody.released", "2024-05-02T08:00", reason="no_charges")
    e = Docket(court, "2024-06-01")  # released in time, then expunged
    _arrested(e, "2024-06-01T10:00")
    _record(e, "custody.released", "2024-06-01T12:00", reason="no_charges")
    assert _both("custody_deadlines_on_time")[COURT, TO_JUDGE, "on_time"] == 3
    e.record("case.expunged", "2024-12-01", {"basis": "Ley 1 art. 1"})

    assert _both("custody_deadlines_on_time") == {
        (COURT, TO_JUDGE, "on_time"): 2,  # a, d (corrected)
        (COURT, TO_JUDGE, "late"): 1,  # b
        # not the prosecution's CPP 238 request (TO_ASK): its act, though the judge is told
    }
    share = _both("on_time_share")
    assert (share.numerator, share.basis) == (2, 3)
    assert _both("custody_deadlines_overdue") == {(COURT, TO_JUDGE): 1}  # c


def test_a_petition_answer_and_a_measure_are_not_the_courts_custody_deadlines() -> None:
    rules = judge_rule_ids(["cr"])
    assert TO_JUDGE in rules
    assert "intl.petition_answer" not in rules  # the court's own target, not a custody limit
    assert not [r for r in rules if r.startswith("intl.measure.")]
    # whose act it awaits is each row's (owed_by, from its own court's pack), not the rule id's
    assert TO_ASK in rules
    assert "cr.juvenile.non_custodial_measures" in rules  # a legal limit the court keeps


def test_whose_act_a_deadline_awaited_is_read_from_its_row(court: Court) -> None:
    """Costa Rica's CPP 238 request is the prosecution's (its rows say ``owed_by``
    prosecution) and is not counted; the same rule restated as the court's by a national
    pack of another court (its rows written ``court`` by the projector) is counted there."""
    from expediente.custody.models import Deadline, OwedBy

    b = Docket(court, "2024-04-01")  # before a judge after 28 hours: both clocks late
    _arrested(b, "2024-04-01T10:00")
    _record(b, "custody.placed_before_judge", "2024-04-02T14:00")
    _record(b, "custody.released", "2024-04-02T15:00", reason="no_charges")
    asked = Deadline.objects.filter(case=b.case, rule_id=TO_ASK)
    assert {row.owed_by for row in asked} == {OwedBy.PROSECUTION}
    assert not [k for k in _both("custody_deadlines_on_time") if k[1] == TO_ASK]
    asked.update(owed_by=OwedBy.COURT)  # as a pack restating the rule as the court's writes it
    counted = {k: n for k, n in _both("custody_deadlines_on_time").items() if k[1] == TO_ASK}
    assert sum(counted.values()) == 1


def test_a_habeas_corpus_term_set_by_law_is_the_courts() -> None:
    rules = judge_rule_ids(["co"])
    assert "co.habeas_corpus_decision" in rules
    assert "intl.petition_answer" not in rules


def test_the_rule_is_named_by_its_pack_in_the_readers_language(demo, settings) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    settings.EXPEDIENTE_DISCLOSURE = {"cr": {"threshold": 1}}  # the demo's year is small
    query = {"jurisdiction": "cr", "year": "2024", "lang": "es"}
    csv = Client().get("/stats/download.csv", query).content.decode()
    rows = [line for line in csv.splitlines() if line.startswith("custody_deadlines_on_time,")]
    assert any(f",rule,{TO_JUDGE}," in line for line in rows)  # the code in the data column
    assert any("Puesta a la orden de la autoridad judicial" in line for line in rows)


moments = st.integers(-30, 400).map(lambda d: at("2024-01-01") + dt.timedelta(days=d))


@st.composite
def deadlines(draw):  # type: ignore[no-untyped-def]
    start = draw(moments)
    due = start + dt.timedelta(days=draw(st.integers(1, 30)))
    end = draw(st.none() | moments.filter(lambda m: m >= start))
    how = draw(st.sampled_from(["satisfied", "stopped", "suspended"]))
    ended = {how: end} if end is not None else {}
    missed = end if end is not None and end >= due and how != "suspended" else None
    return DeadlineRow(
        "a",
        draw(st.sampled_from(["x.one", "x.two"])),
        start,
        due,
        ended.get("satisfied"),
        ended.get("stopped"),
        ended.get("suspended"),
        missed,
        due,
    )


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(deadlines(), max_size=50))
def test_in_time_and_late_add_up_to_the_deadlines_ended(rows) -> None:  # type: ignore[no-untyped-def]
    counts = de.custody_deadlines_on_time(rows, YEAR)
    ended = [r for r in rows if YEAR.contains(de.ended_at(r))]
    on_time = sum(n for k, n in counts.items() if k[2] == "on_time")
    late = sum(n for k, n in counts.items() if k[2] == "late")
    assert on_time + late == len(ended)
    assert late == sum(r.missed_at is not None for r in ended)
    share = de.on_time_share(rows, YEAR)
    if ended:
        assert share.value == pytest.approx(on_time / len(ended) * 100)
    else:
        assert share.value is None


def test_a_term_extended_after_the_end_was_overdue_at_the_end() -> None:
    """Its term ran out on 20 December and was extended only in January: at the year's
    end the person was held past it, although the deadline now falls in March."""
    row = DeadlineRow(
        "a",
        "x.one",
        at("2024-06-01"),
        at("2025-03-01"),  # the extended term
        None,
        None,
        None,
        at("2025-01-10"),  # the late extension
        at("2024-12-20"),  # the term it ran out at
    )
    assert de.custody_deadlines_overdue([row], YEAR) == {("a", "x.one"): 1}
    # extended late but within the year: at its end the extended term was running
    extended = dataclasses.replace(row, missed_at=at("2024-12-28"))
    assert de.custody_deadlines_overdue([extended], YEAR) == {}


def test_a_court_with_few_deadlines_is_hidden_in_the_public_release(court: Court) -> None:
    from expediente.stats.disclosure import TOTAL
    from expediente.stats.publish import release_publish
    from expediente.stats.scope import scope_public

    a = Docket(court, "2024-03-01")
    _arrested(a, "2024-03-01T10:00")
    _record(a, "custody.placed_before_judge", "2024-04-01T20:00")  # a month late
    release = release_publish(scope_public(jurisdiction="cr", year="2024"))
    figure = next(f for f in release if f.indicator.id == "custody_deadlines_on_time")
    assert figure.status == "ok"  # the demo's year has enough deadlines to publish
    by_court = next(t for t in figure.tables if t.dims == ("court", "timeliness"))
    assert by_court.cell(COURT, "late") is None
    assert by_court.cell(COURT, TOTAL) is None


def test_a_zero_in_a_rules_row_is_not_published(demo) -> None:  # type: ignore[no-untyped-def]
    """A juvenile-only rule's row reading "in time 0" would say every such deadline was
    late (MISSION ¶22, ¶27(d)): a zero in a table by rule is hidden like a small count,
    whatever the jurisdiction's policy says of zeros; the same for the trial table by
    procedure (a juvenile row)."""
    import django.utils.timezone

    from expediente.stats.publish import release_publish
    from expediente.stats.scope import scope_public
    from tests.stats.conftest import TODAY

    original = django.utils.timezone.localdate
    django.utils.timezone.localdate = lambda *a, **k: TODAY  # type: ignore[assignment]
    try:
        release = release_publish(scope_public(jurisdiction="cr", year="2024"))
    finally:
        django.utils.timezone.localdate = original  # type: ignore[assignment]
    figures = {f.indicator.id: f for f in release}
    by_rule = next(
        t for t in figures["custody_deadlines_on_time"].tables if t.dims == ("rule", "timeliness")
    )
    assert 0 not in _published(by_rule)
    trials = figures["trial_date_certainty"]
    for table in trials.tables:
        if "procedure" in table.dims:
            assert 0 not in _published(table)


def _published(table) -> list[int]:  # type: ignore[no-untyped-def]
    cols = [c for c, _label in table.cols] or [None]
    cells = [table.cell(r, c) for r, _label in table.rows for c in cols]
    return [v for v in cells if v is not None]
