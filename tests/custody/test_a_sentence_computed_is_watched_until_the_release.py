"""The court's computation of a sentence (``sentence.computed``) fixes the day it ends;
the pack's deadline ``intl.sentence_end_release`` is due that day, alerts before it, and
is met by the release. A recomputation moves the day; an escape stops the watch and a
new computation after the recapture starts it again; a transfer changes nothing. Bad
input is refused naming its field, and nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest

from expediente.custody.models import Deadline
from expediente.docket.errors import InvalidInput
from tests.conftest import NOW
from tests.custody.conftest import deadlines_of

pytestmark = pytest.mark.django_db

RULE = "intl.sentence_end_release"
CONVICTED = {"accused": "P1", "outcome": "convicted", "custodial": True, "sentence_months": 24}


@pytest.fixture
def serving(accused_case, custody, record, to_trial, at):
    """P1 arrested 58 days ago, convicted 40 days ago, final 35 days ago: serving."""
    custody(accused_case, "arrested", at(58, 9))
    custody(accused_case, "pretrial_ordered", at(58))
    to_trial(accused_case, at(50))
    record(accused_case, "verdict.delivered", CONVICTED, occurred_at=at(40))
    record(accused_case, "judgment.final", {}, occurred_at=at(35))
    custody(accused_case, "sentence_started", at(34))
    return accused_case


def compute(record, case, when, ends_on, **more):
    payload = {"person": "P1", "ends_on": ends_on.isoformat(), **more}
    return record(case, "sentence.computed", payload, occurred_at=when)


def the_watch(case) -> Deadline:
    (row,) = deadlines_of(case, RULE)
    return row


def test_the_release_is_due_on_the_day_the_court_fixed(serving, record, at):
    ends = (NOW + dt.timedelta(days=40)).date()
    compute(record, serving, at(30), ends, credited_days=110)
    row = the_watch(serving)
    assert row.open
    assert row.due_on == ends
    assert row.effect == "legal_consequence"
    assert row.status(NOW) == "pending"
    assert [a[0] for a in row.alerts] == ["30d", "7d", "1d"]
    assert set(row.alert_roles) >= {"judge", "prosecutor", "defence", "public_defender", "accused"}


def test_a_day_passed_with_the_person_still_held_is_overdue(serving, record, at):
    compute(record, serving, at(30), (NOW - dt.timedelta(days=3)).date())
    assert the_watch(serving).status(NOW) == "overdue"


def test_the_release_meets_it(serving, record, custody, at):
    compute(record, serving, at(30), (NOW - dt.timedelta(days=3)).date())
    custody(serving, "released", at(1), reason="sentence_served")
    row = the_watch(serving)
    assert not row.open
    assert row.satisfied_type == "custody.released"
    assert row.status(NOW) == "satisfied"


def test_a_recomputation_replaces_the_day(serving, record, at):
    compute(record, serving, at(30), (NOW + dt.timedelta(days=90)).date())
    later = (NOW + dt.timedelta(days=20)).date()
    compute(record, serving, at(10), later)
    row = the_watch(serving)
    assert row.due_on == later
    assert row.open
    assert "new “Sentence computed”" in row.explanation["en"]


def test_a_correction_replaces_the_day(serving, record, at):
    first = compute(record, serving, at(30), (NOW + dt.timedelta(days=90)).date()).event
    fixed = (NOW + dt.timedelta(days=60)).date()
    record(
        serving,
        "sentence.computed",
        {"person": "P1", "ends_on": fixed.isoformat()},
        occurred_at=at(30),
        corrects_seq=first.seq,
    )
    assert the_watch(serving).due_on == fixed


def test_a_transfer_changes_nothing(serving, record, custody, at):
    ends = (NOW - dt.timedelta(days=2)).date()
    compute(record, serving, at(30), ends)
    custody(serving, "transferred", at(5), facility="CAI Pococí")
    row = the_watch(serving)
    assert row.open
    assert row.due_on == ends
    assert row.status(NOW) == "overdue"


def test_an_escape_stops_the_watch_and_a_new_computation_starts_it(serving, record, custody, at):
    compute(record, serving, at(30), (NOW - dt.timedelta(days=2)).date())
    custody(serving, "escaped", at(20))
    assert the_watch(serving).stopped_type == "custody.escaped"
    custody(serving, "recaptured", at(10))
    new_end = (NOW + dt.timedelta(days=30)).date()
    compute(record, serving, at(5), new_end)
    open_rows = Deadline.objects.filter(case=serving, rule_id=RULE, open=True)
    assert [r.due_on for r in open_rows] == [new_end]


def test_a_computation_for_someone_not_yet_held_waits_for_the_custody(
    accused_case, custody, record, to_trial, at
):
    to_trial(accused_case, at(50))
    record(accused_case, "verdict.delivered", CONVICTED, occurred_at=at(40))
    record(accused_case, "judgment.final", {}, occurred_at=at(35))
    ends = (NOW + dt.timedelta(days=400)).date()
    compute(record, accused_case, at(33), ends)
    assert deadlines_of(accused_case, RULE) == []
    custody(accused_case, "sentence_started", at(20))
    row = the_watch(accused_case)
    assert row.due_on == ends
    assert row.start_type == "custody.sentence_started"


def test_without_a_conviction_it_is_refused_and_nothing_is_written(accused_case, record, rows, at):
    record(accused_case, "indictment.filed", {"accused": "P1"}, occurred_at=at(50))
    record(accused_case, "trial.committed", {}, occurred_at=at(49))
    record(
        accused_case,
        "verdict.delivered",
        {"accused": "P1", "outcome": "acquitted"},
        occurred_at=at(40),
    )
    before = rows(accused_case)
    with pytest.raises(InvalidInput) as refused:
        compute(record, accused_case, at(30), (NOW + dt.timedelta(days=10)).date())
    assert refused.value.errors[0]["field"] == "payload.person"
    assert "no conviction on record" in refused.value.errors[0]["message"]
    assert rows(accused_case) == before


def test_an_end_before_the_sentence_started_is_refused(serving, record, rows, at):
    before = rows(serving)
    started = at(34).date()
    with pytest.raises(InvalidInput) as refused:
        compute(record, serving, at(30), started - dt.timedelta(days=1))
    assert refused.value.errors[0]["field"] == "payload.ends_on"
    assert "before it started" in refused.value.errors[0]["message"]
    assert rows(serving) == before


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"person": "P1"}, "payload.ends_on"),
        ({"person": "P1", "ends_on": "31/12/2027"}, "payload.ends_on"),
        ({"person": "P2", "ends_on": "2027-12-31"}, "payload.person"),
        ({"person": "P1", "ends_on": "2027-12-31", "credited_days": -1}, "payload.credited_days"),
    ],
)
def test_bad_input_names_its_field_and_writes_nothing(serving, record, rows, at, payload, field):
    before = rows(serving)
    with pytest.raises(InvalidInput) as refused:
        record(serving, "sentence.computed", payload, occurred_at=at(30))
    assert field in {e["field"] for e in refused.value.errors}
    assert rows(serving) == before


def test_rebuild_gives_the_same_rows(serving, record, custody, at):
    from expediente.docket.rebuild import rebuild

    compute(record, serving, at(30), (NOW - dt.timedelta(days=2)).date())
    compute(record, serving, at(25), (NOW + dt.timedelta(days=2)).date())
    custody(serving, "escaped", at(20))
    custody(serving, "recaptured", at(10))
    compute(record, serving, at(5), (NOW + dt.timedelta(days=30)).date())
    custody(serving, "released", at(1), reason="sentence_served")
    before = list(Deadline.objects.filter(case=serving, rule_id=RULE).values_list("key", "open"))
    assert len(before) == 2
    assert rebuild(check=True).differences == []


def test_a_verdict_corrected_to_an_acquittal_stops_the_watch(
    accused_case, custody, record, to_trial, at
):
    # convicted at first instance (held as sentenced under appeal), the end computed;
    # then the verdict is corrected: there was no conviction, so no sentence ends
    custody(accused_case, "arrested", at(58, 9))
    custody(accused_case, "pretrial_ordered", at(58))
    to_trial(accused_case, at(50))
    verdict = record(accused_case, "verdict.delivered", CONVICTED, occurred_at=at(40))
    compute(record, accused_case, at(30), (NOW - dt.timedelta(days=3)).date())
    assert the_watch(accused_case).status(NOW) == "overdue"
    acquitted = {"accused": "P1", "outcome": "acquitted"}
    record(
        accused_case,
        "verdict.delivered",
        acquitted,
        occurred_at=at(40),
        corrects_seq=verdict.event.seq,
    )
    # no watch stands: the computation finds the person held unsentenced
    assert [r for r in deadlines_of(accused_case, RULE) if r.open] == []
