"""A person who dies while held (``custody.died``): their custody period ends at the
death, no custody entry naming them can follow it, every open deadline of theirs in the
case stops there (not met; not missed unless it had already run out while they were
alive), and a correction of the entry brings back whoever it no longer names."""

from __future__ import annotations

import datetime as dt

import pytest

from expediente.custody.models import CustodyPeriod, Deadline
from expediente.docket.errors import InvalidInput
from expediente.docket.rebuild import rebuild
from expediente.petitions.services import petition_file
from tests.conftest import PERSON
from tests.custody.conftest import deadlines_of, periods_of

pytestmark = pytest.mark.django_db

DIED = "custody.died"
RELEASE_WATCH = "intl.release_on_order_end"


@pytest.fixture
def held(accused_case, custody, at):
    """P1 arrested 40 days before NOW, brought before a judge and held under an order."""
    custody(accused_case, "arrested", at(40, 8))
    custody(accused_case, "placed_before_judge", at(40, 12))
    custody(accused_case, "pretrial_ordered", at(39), facility="CAI La Reforma")
    return accused_case


def died(record, case, when, person="P1", **fields):
    return record(case, DIED, {"person": person, **fields}, occurred_at=when)


def test_a_death_ends_the_period_at_the_death(held, record, at):
    seq = died(record, held, at(10), place="CAI La Reforma, módulo B").event.seq
    last = CustodyPeriod.objects.filter(case=held).order_by("started_at").last()
    assert (last.kind, last.ended_at, last.end_seq, last.end_type) == (
        "pretrial",
        at(10),
        seq,
        DIED,
    )
    assert not CustodyPeriod.objects.filter(case=held, ended_at__isnull=True).exists()


@pytest.mark.parametrize(
    "what",
    ["arrested", "released", "transferred", "pretrial_extended", "pretrial_reviewed", "died"],
)
def test_no_custody_entry_can_follow_the_death(held, record, custody, rows, at, what):
    died(record, held, at(10))
    before = rows(held)
    fields = {"facility": "CAI Liberia"} if what == "transferred" else {}

    def again():
        if what == "died":
            died(record, held, at(5))
        else:
            custody(held, what, at(5), **fields)

    with pytest.raises(InvalidInput) as refused:
        again()
    assert refused.value.errors[0]["field"] == "payload.person"
    assert "died in custody on" in refused.value.errors[0]["message"]
    assert rows(held) == before  # nothing written


def test_a_death_of_someone_never_arrested_is_refused(accused_case, record, rows, at):
    before = rows(accused_case)
    with pytest.raises(InvalidInput) as refused:
        died(record, accused_case, at(3))
    assert refused.value.errors[0]["field"] == "payload.person"
    assert "is not in custody" in refused.value.errors[0]["message"]
    assert rows(accused_case) == before


def test_a_death_after_the_release_is_refused(held, custody, record, at):
    custody(held, "released", at(20))
    with pytest.raises(InvalidInput) as refused:
        died(record, held, at(3))
    assert "they were released on" in refused.value.errors[0]["message"]


def test_a_death_at_large_after_an_escape_is_not_a_death_in_custody(held, custody, record, at):
    custody(held, "escaped", at(20))
    with pytest.raises(InvalidInput) as refused:
        died(record, held, at(3))
    assert refused.value.errors[0]["field"] == "payload.person"
    assert "they escaped on" in refused.value.errors[0]["message"]


def test_a_release_dated_before_a_recorded_death_is_refused(held, custody, record, at):
    died(record, held, at(10))
    with pytest.raises(InvalidInput) as refused:
        custody(held, "released", at(12))
    assert refused.value.errors[0]["field"] == "occurred_at"


def test_every_open_deadline_stops_at_the_death_and_none_is_missed(held, record, at):
    assert any(d.open for d in deadlines_of(held))  # the review, the maximum, the order
    seq = died(record, held, at(10)).event.seq
    theirs = deadlines_of(held)
    stopped = [d for d in theirs if d.stopped_seq == seq]
    assert stopped
    assert not any(d.open for d in theirs)
    for d in stopped:
        assert (d.stopped_type, d.stopped_at, d.missed_at) == (DIED, at(10), None)
        assert d.satisfied_at is None


def test_the_release_watch_stops_at_the_death(held, custody, record, at):
    custody(held, "pretrial_lifted", at(10, 9))
    seq = died(record, held, at(10, 14)).event.seq  # within the 24 hours
    (watch,) = deadlines_of(held, RELEASE_WATCH)
    assert (watch.open, watch.stopped_seq, watch.stopped_type, watch.missed_at) == (
        False,
        seq,
        DIED,
        None,
    )


def test_a_deadline_already_run_out_while_alive_stays_missed(held, custody, record, at):
    custody(held, "pretrial_lifted", at(10, 9))
    died(record, held, at(5))  # the release was owed by the next day
    (watch,) = deadlines_of(held, RELEASE_WATCH)
    assert watch.stopped_type == DIED
    assert watch.missed_at == at(5)


def file(case, actor, when, petitioner, kind):
    petition_file(
        case=case,
        actor=actor,
        occurred_at=when,
        petitioner=petitioner,
        kind=kind,
        text="Pido que el tribunal revise mi detención.",
        filed_via="clerk",
        received_from="Andrés Gómez, hermano",
    )


HABEAS_CORPUS_ANSWER = "intl.petition_answer.habeas_corpus"


def test_a_petition_s_answer_stops_at_the_petitioner_s_death(held, clerk, record, at):
    file(held, clerk, at(10, 9), "P1", "habeas_corpus")
    assert any(d.open for d in deadlines_of(held, HABEAS_CORPUS_ANSWER))
    seq = died(record, held, at(10, 12)).event.seq
    (answer,) = deadlines_of(held, HABEAS_CORPUS_ANSWER)
    assert (answer.open, answer.stopped_seq, answer.missed_at) == (False, seq, None)


def test_no_deadline_opens_after_the_death(held, clerk, record, at):
    died(record, held, at(10))
    file(held, clerk, at(9), "P1", "information_request")
    assert not Deadline.objects.filter(case=held, participation__uid="P1", open=True).exists()


def test_correcting_the_death_to_name_another_person_brings_the_first_back_to_held(
    held, custody, record, at
):
    record(held, "participant.added", {"role": "accused", "person": PERSON}, occurred_at=at(39))
    custody(held, "arrested", at(30), person="P3")
    seq = died(record, held, at(10)).event.seq
    assert periods_of(held)[-1][2] == at(10)
    record(held, DIED, {"person": "P3"}, occurred_at=at(10), corrects_seq=seq)
    assert periods_of(held)[-1][2] is None  # P1 held again
    assert any(d.open for d in deadlines_of(held) if d.participation.uid == "P1")
    assert periods_of(held, "P3")[-1][2] == at(10)
    assert rebuild(check=True).differences == []


def test_correcting_the_moment_of_the_death_moves_the_end(held, record, at):
    seq = died(record, held, at(10)).event.seq
    record(held, DIED, {"person": "P1"}, occurred_at=at(8), corrects_seq=seq)
    assert periods_of(held)[-1][2] == at(8)
    assert {d.stopped_at for d in deadlines_of(held) if d.stopped_type == DIED} == {at(8)}


def test_a_rebuild_agrees_with_the_live_projection_after_a_death(held, custody, record, at):
    custody(held, "pretrial_lifted", at(12))
    died(record, held, at(10), place="Hospital San Juan de Dios", reported_to="Fiscalía")
    assert rebuild(check=True).differences == []
    before = sorted(Deadline.objects.values_list("key", "stopped_type", "missed_at"))
    rebuild()
    assert sorted(Deadline.objects.values_list("key", "stopped_type", "missed_at")) == before


def test_a_death_recorded_after_the_case_ended_is_accepted(held, record, at):
    record(held, "case.dismissed", {"reason": "withdrawn"}, occurred_at=at(12))
    died(record, held, at(10))
    assert periods_of(held)[-1][2] == at(10)
    assert dt.timedelta(0) < at(10) - at(12)
