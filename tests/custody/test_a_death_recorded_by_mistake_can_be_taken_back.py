"""A death in custody recorded by mistake (``custody.died``): only a correction of the
entry can say so (``in_error``), and the death is then read as never recorded: the
person is held again, their clocks run again, later custody entries are accepted, and a
rebuild agrees. A death recorded for real refuses every entry about the person's custody
dated after it (the pack's own included: a review requested, a custody hearing, the
consular entries, Brazil's reassessment of an internment), and a correction that takes
an entry from a person cannot leave that person's death without the custody it ended."""

from __future__ import annotations

import pytest

from expediente.custody.models import Deadline
from expediente.docket.errors import InvalidInput
from expediente.docket.rebuild import rebuild
from tests.conftest import PERSON
from tests.custody.conftest import deadlines_of, periods_of
from tests.custody.test_brazilian_deadlines_come_from_the_record import (  # noqa: F401
    TEEN,
    br_court,
    open_br,
    sp,
)

pytestmark = pytest.mark.django_db

DIED = "custody.died"


@pytest.fixture
def held(accused_case, custody, at):
    """P1 arrested 40 days before NOW, brought before a judge and held under an order."""
    custody(accused_case, "arrested", at(40, 8))
    custody(accused_case, "placed_before_judge", at(40, 12))
    custody(accused_case, "pretrial_ordered", at(39), facility="CAI La Reforma")
    return accused_case


def died(record, case, when, person="P1", **fields):
    return record(case, DIED, {"person": person, **fields}, occurred_at=when).event.seq


def test_a_death_corrected_as_recorded_by_mistake_holds_the_person_again(held, record, custody, at):
    open_before = sorted(d.rule_id for d in deadlines_of(held) if d.open)
    assert open_before
    seq = died(record, held, at(10))
    assert not any(d.open for d in deadlines_of(held))
    record(held, DIED, {"person": "P1", "in_error": True}, occurred_at=at(10), corrects_seq=seq)
    assert periods_of(held)[-1][2] is None  # held again
    assert sorted(d.rule_id for d in deadlines_of(held) if d.open) == open_before
    assert not Deadline.objects.filter(case=held, stopped_type=DIED).exists()
    assert rebuild(check=True).differences == []
    custody(held, "released", at(5))  # the custody record goes on
    assert periods_of(held)[-1][2] == at(5)


def test_a_new_death_entry_cannot_say_it_was_recorded_by_mistake(held, record, rows, at):
    before = rows(held)
    with pytest.raises(InvalidInput) as refused:
        died(record, held, at(10), in_error=True)
    assert refused.value.errors[0]["field"] == "payload.in_error"
    assert "only a correction of the entry" in refused.value.errors[0]["message"]
    assert rows(held) == before


def test_the_refusal_after_a_death_names_the_way_to_take_it_back(held, record, custody, at):
    died(record, held, at(10))
    with pytest.raises(InvalidInput) as refused:
        custody(held, "released", at(5))
    assert "Recorded by mistake: the person did not die" in refused.value.errors[0]["message"]


@pytest.mark.parametrize(
    ("type_name", "fields"),
    [
        ("custody.hearing_held", {"outcome": "pretrial_detention"}),
        ("custody.review_requested", {}),
        ("custody.hearing_requested", {}),
        ("consular.rights_informed", {"requested": True}),
        ("consular.post_notified", {"consular_post": "Consulado de Nicaragua", "means": "phone"}),
    ],
)
def test_no_entry_about_the_custody_of_the_dead_can_follow_in_costa_rica(
    held, record, rows, at, type_name, fields
):
    died(record, held, at(10))
    before = rows(held)
    with pytest.raises(InvalidInput) as refused:
        record(held, type_name, {"person": "P1", **fields}, occurred_at=at(5))
    assert refused.value.errors[0]["field"] == "payload.person"
    assert "died in custody on" in refused.value.errors[0]["message"]
    assert rows(held) == before
    # dated before the death it is accepted, and so is an entry about the case after it
    record(held, type_name, {"person": "P1", **fields}, occurred_at=at(12))
    record(held, "case.dismissed", {"reason": "death"}, occurred_at=at(5))


def test_an_entry_after_a_death_taken_back_is_accepted(held, record, at):
    seq = died(record, held, at(10))
    record(held, DIED, {"person": "P1", "in_error": True}, occurred_at=at(10), corrects_seq=seq)
    record(held, "custody.review_requested", {"person": "P1"}, occurred_at=at(5))


def test_no_reassessment_of_an_internment_can_follow_the_death_in_brazil(
    br_court,  # noqa: F811
    clerk,
    record,
):
    case = open_br(br_court, clerk, record, "juvenile", TEEN)
    record(case, "indictment.filed", {"accused": "P1"}, occurred_at=sp(500))
    record(case, "trial.committed", {}, occurred_at=sp(499))
    verdict = {"accused": "P1", "outcome": "convicted", "custodial": True}
    record(case, "verdict.delivered", verdict, occurred_at=sp(400))
    record(case, "custody.sentence_started", {"person": "P1"}, occurred_at=sp(399))
    record(case, DIED, {"person": "P1"}, occurred_at=sp(20))
    with pytest.raises(InvalidInput) as refused:
        record(
            case,
            "custody.internment_reassessed",
            {"person": "P1", "outcome": "maintained"},
            occurred_at=sp(10),
        )
    assert refused.value.errors[0]["field"] == "payload.person"
    assert "died in custody on" in refused.value.errors[0]["message"]


def test_moving_the_custody_of_the_dead_to_another_person_is_refused(
    held, record, custody, rows, at
):
    record(held, "participant.added", {"role": "accused", "person": PERSON}, occurred_at=at(41))
    died(record, held, at(10))
    before = rows(held)
    arrest = held.events.get(type="custody.arrested").seq
    with pytest.raises(InvalidInput) as refused:
        record(
            held,
            "custody.arrested",
            {"person": "P3"},
            occurred_at=at(40, 8),
            corrects_seq=arrest,
        )
    assert refused.value.errors[0]["field"] == "payload.person"
    assert "takes the entry from participant P1" in refused.value.errors[0]["message"]
    assert rows(held) == before
    assert periods_of(held)[-1][4] is not None  # P1's death still ends their custody


def test_a_death_said_real_again_is_not_dated_before_custody_entries_recorded_since(
    held, record, at
):
    """While the death read as a mistake, a review request and a consular entry were
    recorded after its date; saying the death real again would leave them dated after
    it: refused, naming the moment and the later entry; nothing is written."""
    from expediente.docket.models import Event

    seq = died(record, held, at(10))
    mistake = {"person": "P1", "in_error": True}
    taken_back = record(held, DIED, mistake, occurred_at=at(10), corrects_seq=seq).event.seq
    review = record(held, "custody.review_requested", {"person": "P1"}, occurred_at=at(5)).event
    before = Event.objects.filter(case=held).count()
    with pytest.raises(InvalidInput) as refused:
        record(held, DIED, {"person": "P1"}, occurred_at=at(10), corrects_seq=taken_back)
    [error] = refused.value.errors
    assert error["field"] == "occurred_at"
    assert f"entry {review.seq}" in error["message"]
    assert Event.objects.filter(case=held).count() == before
    # dated after them, the death is said real again
    real = record(held, DIED, {"person": "P1"}, occurred_at=at(4), corrects_seq=taken_back)
    assert real.created
