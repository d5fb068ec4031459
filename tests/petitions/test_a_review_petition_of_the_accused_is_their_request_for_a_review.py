"""Costa Rica, CPP art. 253: "sus solicitudes interrumpen el plazo". A petition for a
review of the detention that is the accused's request (their own, their defence's,
their guardian's: our reading, to confirm) brings ``custody.review_requested`` naming
the person held in pretrial detention and the petition, in the same transaction; once
three months have passed since the order, it restarts the count of the court's own
review. A victim's petition is not the accused's request; a habeas corpus is not a
review; nobody held in pretrial detention, nothing to review; a retried filing records
one request."""

from __future__ import annotations

import datetime as dt

import pytest

from expediente.custody.models import Deadline
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Event
from expediente.docket.services import event_record
from expediente.petitions.models import Petition
from tests.conftest import NOW, PERSON
from tests.petitions.conftest import hours_ago

REQUESTED = "custody.review_requested"
DEFENDER = {"given_names": "Rosa", "family_names": "Defensora Solís", "sex": "female"}
SECOND = {"given_names": "Mario", "family_names": "Soto Vega", "sex": "male"}
MOTHER = {"given_names": "Elena", "family_names": "Mora Díaz", "sex": "female"}


def days_ago(days: float) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


@pytest.fixture
def held_four_months(open_case, record):  # type: ignore[no-untyped-def]
    """P1 accused in pretrial detention since about four months (order 124 days ago), P2
    a victim, P3 the public defender."""
    case = open_case(occurred_at=days_ago(130))
    at = days_ago(129)
    record(case, "participant.added", {"role": "accused", "person": PERSON}, occurred_at=at)
    victim = {"given_names": "Ana", "family_names": "Rojas Vargas", "sex": "female"}
    record(case, "participant.added", {"role": "victim", "person": victim}, occurred_at=at)
    record(
        case, "participant.added", {"role": "public_defender", "person": DEFENDER}, occurred_at=at
    )
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=days_ago(125))
    order = {"person": "P1", "until": "2027-12-31", "grounds": "Peligro de fuga"}
    record(case, "custody.pretrial_ordered", order, occurred_at=days_ago(124))
    case.refresh_from_db()
    return case


def entries_after(case, seq):  # type: ignore[no-untyped-def]
    return list(
        Event.objects.filter(case=case, seq__gt=seq).order_by("seq").values_list("type", "payload")
    )


def open_review(case):  # type: ignore[no-untyped-def]
    return Deadline.objects.get(case=case, rule_id="cr.pretrial_review", open=True)


def test_the_accuseds_petition_after_three_months_restarts_the_review_count(held_four_months, file):  # type: ignore[no-untyped-def]
    overdue = open_review(held_four_months)
    assert overdue.start_type == "custody.pretrial_ordered"
    assert overdue.due_at < NOW  # three months from the order have passed, no review yet

    filed = file(held_four_months, ago=2)

    [(kind, payload)] = entries_after(held_four_months, filed.event.seq)
    assert kind == REQUESTED
    assert payload == {"person": "P1", "petition": filed.event.seq}
    petition = Petition.objects.get(filed_seq=filed.event.seq)
    assert petition.review_request_seq == filed.event.seq + 1
    assert petition.concerns.uid == "P1"
    # the request stops the count that was running and starts another from itself
    overdue.refresh_from_db()
    assert (overdue.open, overdue.stopped_seq) == (False, filed.event.seq + 1)
    restarted = open_review(held_four_months)
    assert (restarted.start_seq, restarted.start_type) == (filed.event.seq + 1, REQUESTED)
    assert restarted.due_at > NOW


def test_a_request_within_the_first_three_months_is_recorded_and_changes_no_date(detained, file):  # type: ignore[no-untyped-def]
    due = open_review(detained).due_at
    filed = file(detained, ago=2)
    [(kind, payload)] = entries_after(detained, filed.event.seq)
    assert (kind, payload["person"]) == (REQUESTED, "P1")
    review = open_review(detained)
    assert (review.start_type, review.due_at) == ("custody.pretrial_ordered", due)


def test_the_public_defenders_petition_is_the_accuseds_request(held_four_months, file):  # type: ignore[no-untyped-def]
    filed = file(held_four_months, ago=2, petitioner="P3", filed_via="portal")
    [(kind, payload)] = entries_after(held_four_months, filed.event.seq)
    assert (kind, payload["person"]) == (REQUESTED, "P1")
    assert open_review(held_four_months).start_type == REQUESTED


def test_a_guardians_petition_is_the_request_of_whom_she_stands_for(held_four_months, file, record):  # type: ignore[no-untyped-def]
    at = days_ago(100)
    record(
        held_four_months,
        "participant.added",
        {"role": "guardian", "person": MOTHER},
        occurred_at=at,
    )
    record(
        held_four_months,
        "participant.stands_for",
        {"guardian": "P4", "stands_for": "P1"},
        occurred_at=at,
    )
    filed = file(held_four_months, ago=2, petitioner="P4")
    [(kind, payload)] = entries_after(held_four_months, filed.event.seq)
    assert (kind, payload["person"]) == (REQUESTED, "P1")


@pytest.mark.parametrize(
    "fields",
    [
        {"petitioner": "P2"},  # the victim's petition is not the accused's request
        {"kind": "habeas_corpus"},  # not a request for a review
        {"kind": "information_request"},
    ],
)
def test_other_petitions_bring_no_request(held_four_months, file, fields):  # type: ignore[no-untyped-def]
    review = open_review(held_four_months)
    filed = file(held_four_months, ago=2, **fields)
    assert entries_after(held_four_months, filed.event.seq) == []
    assert Petition.objects.get(filed_seq=filed.event.seq).review_request_seq is None
    assert open_review(held_four_months).pk == review.pk


def test_nobody_in_pretrial_detention_means_nothing_to_review(accused_case, file, record):  # type: ignore[no-untyped-def]
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=hours_ago(10))
    filed = file(accused_case, ago=2)  # in police custody: no detention order to review
    assert entries_after(accused_case, filed.event.seq) == []


def test_a_retried_filing_records_one_request(held_four_months, file):  # type: ignore[no-untyped-def]
    first = file(held_four_months, ago=2, idempotency_key="ventanilla-77")
    again = file(held_four_months, ago=2, idempotency_key="ventanilla-77")
    assert (again.created, again.event.seq) == (False, first.event.seq)
    assert Event.objects.filter(case=held_four_months, type=REQUESTED).count() == 1


def test_a_replayed_entry_answers_with_the_request_it_brought(held_four_months, clerk):  # type: ignore[no-untyped-def]
    payload = {
        "kind": "detention_review",
        "text": "Pido la revisión de la prisión preventiva.",
        "petitioner": "P1",
        "filed_via": "clerk",
    }
    asked = {"case": held_four_months, "type": "petition.filed", "payload": payload}
    first = event_record(**asked, actor=clerk, occurred_at=hours_ago(2), idempotency_key="api-9")
    again = event_record(**asked, actor=clerk, occurred_at=hours_ago(2), idempotency_key="api-9")
    assert [e.type for e in first.follow_ups] == [REQUESTED]
    assert again.created is False
    assert [e.seq for e in again.follow_ups] == [e.seq for e in first.follow_ups]
    assert Event.objects.filter(case=held_four_months, type=REQUESTED).count() == 1


@pytest.fixture
def two_held(held_four_months, record):  # type: ignore[no-untyped-def]
    """A second accused (P4), held in pretrial detention too."""
    at = days_ago(110)
    record(
        held_four_months, "participant.added", {"role": "accused", "person": SECOND}, occurred_at=at
    )
    record(held_four_months, "custody.arrested", {"person": "P4"}, occurred_at=at)
    order = {"person": "P4", "until": "2027-12-31", "grounds": "Peligro de fuga"}
    record(held_four_months, "custody.pretrial_ordered", order, occurred_at=days_ago(109))
    held_four_months.refresh_from_db()
    return held_four_months


def test_the_defence_names_whose_detention_when_several_are_held(two_held, file):  # type: ignore[no-untyped-def]
    before = Event.objects.filter(case=two_held).count()
    with pytest.raises(InvalidInput) as refused:
        file(two_held, ago=2, petitioner="P3")
    [error] = refused.value.errors
    assert error["field"] == "payload.concerns"
    assert "several accused are held in this case" in error["message"]
    assert Event.objects.filter(case=two_held).count() == before
    assert not Petition.objects.exists()

    filed = file(two_held, ago=2, petitioner="P3", concerns="P4")
    [(kind, payload)] = entries_after(two_held, filed.event.seq)
    assert (kind, payload["person"]) == (REQUESTED, "P4")
    assert Petition.objects.get().concerns.uid == "P4"


def test_an_accused_asks_about_their_own_detention_without_naming_it(two_held, file):  # type: ignore[no-untyped-def]
    filed = file(two_held, ago=2, petitioner="P4")
    [(kind, payload)] = entries_after(two_held, filed.event.seq)
    assert (kind, payload["person"]) == (REQUESTED, "P4")


def test_a_lawyer_recorded_for_one_accused_speaks_for_that_one_only(two_held, file, record):  # type: ignore[no-untyped-def]
    """The docket records the public defender (P3) acting for P1 only: her petition is
    P1's request without naming P1, and she cannot move P4's review count."""
    record(two_held, "participant.acts_for", {"counsel": "P3", "accused": "P1"})
    before = Event.objects.filter(case=two_held).count()
    with pytest.raises(InvalidInput) as refused:
        file(two_held, ago=2, petitioner="P3", concerns="P4")
    [error] = refused.value.errors
    assert error["field"] == "payload.concerns"
    assert "acting for P4" in error["message"]
    assert Event.objects.filter(case=two_held).count() == before

    filed = file(two_held, ago=2, petitioner="P3")  # several held, but one client
    [(kind, payload)] = entries_after(two_held, filed.event.seq)
    assert (kind, payload["person"]) == (REQUESTED, "P1")


def test_a_lawyer_who_acts_for_nobody_now_brings_no_request(held_four_months, file, record):  # type: ignore[no-untyped-def]
    record(held_four_months, "participant.acts_for", {"counsel": "P3", "accused": "P1"})
    record(
        held_four_months, "participant.acts_for", {"counsel": "P3", "accused": "P1", "ended": True}
    )
    filed = file(held_four_months, ago=2, petitioner="P3", filed_via="portal")
    assert entries_after(held_four_months, filed.event.seq) == []
