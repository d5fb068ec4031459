"""A case filed under the wrong procedure is put right by correcting its opening entry:
the correction is a new entry (the original stays, the database refuses to change it),
the case follows the corrected procedure, its confidentiality follows the juvenile
default without ever opening the case to the public, the accused's ages are judged
again, and a rebuild agrees. A procedure the pack or the court does not have, one that
entries on the record do not allow, or one that would open the case to the public is
refused, naming ``payload.procedure``, and nothing is written."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError, transaction

from expediente.access.policy import Actor
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case, Court, Event, Jurisdiction, Participation
from expediente.docket.services import case_open
from expediente.integrity.verify import verify_cases
from tests.conftest import NOW

WHY = "Opened under the adult procedure by mistake: the accused is 16"
TEEN = {"given_names": "Kevin", "family_names": "Solís Mora", "date_of_birth": "2009-11-02"}


def correct(record, case, actor=None, **payload):
    return record(
        case,
        "case.opened",
        payload,
        **({"actor": actor} if actor is not None else {}),
        occurred_at=case.opened_at,
        corrects_seq=Event.objects.filter(case=case, type="case.opened").latest("seq").seq,
        correction_reason=WHY,
    )


def fresh(case) -> Case:
    return Case.objects.get(pk=case.pk)


def entries(case) -> int:
    return Event.objects.filter(case=case).count()


def test_a_child_in_an_adult_case_is_moved_to_the_juvenile_procedure(open_case, record):
    case = open_case("adult")
    record(case, "participant.added", {"role": "accused", "person": TEEN})
    assert Participation.objects.get(case=case).age_flag == "juvenile_in_adult"
    recorded = correct(record, case, procedure="juvenile")
    assert recorded.event.payload["procedure"] == "juvenile"
    assert recorded.event.correction_reason == WHY
    case = fresh(case)
    assert (case.procedure, case.confidentiality) == ("juvenile", "restricted")
    assert Participation.objects.get(case=case).age_flag == ""
    original = Event.objects.get(case=case, seq=1)
    assert (original.payload["procedure"], original.payload["confidentiality"]) == (
        "adult",
        "public",
    )
    call_command("rebuild", "--check", stdout=StringIO())  # CommandError if they differ
    assert verify_cases() == []


def test_the_original_opening_stays_as_it_was_recorded(open_case, record):
    """The database's append-only triggers refuse to rewrite the opening (SQLite here,
    PostgreSQL in CI): the correction can only be a new entry."""
    case = open_case("adult")
    correct(record, case, procedure="juvenile")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Event.objects.filter(case=case, seq=1).update(payload={"procedure": "juvenile"})
    assert Event.objects.get(case=case, seq=1).payload["procedure"] == "adult"
    assert [e.corrects_seq for e in Event.objects.filter(case=case).order_by("seq")] == [None, 1]


@pytest.mark.parametrize(
    ("opened_as", "becomes"),
    [("public", "restricted"), ("restricted", "restricted"), ("sealed", "sealed")],
)
def test_going_juvenile_closes_the_case_as_a_juvenile_opening_would(
    open_case, record, judge_in_court, opened_as, becomes
):
    case = open_case("adult", confidentiality=opened_as)
    correct(record, case, judge_in_court, procedure="juvenile")
    assert fresh(case).confidentiality == becomes


def test_going_adult_never_opens_the_case_to_the_public(open_case, record):
    """A juvenile case, even one opened "public" (the juvenile procedure closed it all the
    same), stays closed: only an order opens it."""
    for opened_as in ("restricted", "public"):
        case = open_case("juvenile", confidentiality=opened_as)
        correct(record, case, procedure="adult")
        assert (fresh(case).procedure, fresh(case).confidentiality) == ("adult", "restricted")
    call_command("rebuild", "--check", stdout=StringIO())


def test_a_later_order_still_has_the_last_word(open_case, record, judge_in_court):
    case = open_case("adult")
    record(case, "case.sealed", {"grounds": "Protección de la víctima"}, actor=judge_in_court)
    correct(record, case, judge_in_court, procedure="juvenile")
    assert fresh(case).confidentiality == "sealed"


def test_going_adult_is_refused_when_an_order_left_the_juvenile_case_public(
    open_case, record, judge_in_court
):
    case = open_case("juvenile")
    record(case, "case.sealed", {"grounds": "Protección"}, actor=judge_in_court)
    unsealed = {"confidentiality": "public", "grounds": "Ya no hace falta"}
    record(case, "case.unsealed", unsealed, actor=judge_in_court)
    before = entries(case)
    with pytest.raises(InvalidInput) as refused:
        correct(record, case, procedure="adult")
    assert refused.value.errors[0]["field"] == "payload.procedure"
    assert "entry 3" in refused.value.errors[0]["message"]
    assert "sealing order first" in refused.value.errors[0]["message"]
    assert (entries(case), fresh(case).procedure) == (before, "juvenile")


def test_a_procedure_the_pack_does_not_have_is_refused(open_case, record):
    case = open_case("adult")
    for value in ("military", 3, None):
        with pytest.raises(InvalidInput) as refused:
            correct(record, case, procedure=value)
        assert refused.value.errors[0]["field"] == "payload.procedure"
    assert (entries(case), fresh(case).procedure) == (1, "adult")


def test_a_court_that_does_not_hear_the_procedure_refuses_it(court, open_case, record):
    case = open_case("adult")
    Court.objects.filter(pk=court.pk).update(procedures=["adult"])
    case = fresh(case)
    with pytest.raises(InvalidInput) as refused:
        correct(record, case, procedure="juvenile")
    assert refused.value.errors == [
        {
            "field": "payload.procedure",
            "message": "Juzgado Penal de San José does not hear “Juvenile” cases (it hears: "
            "“Adult”): a case under that procedure is opened in a court that hears it",
        }
    ]
    assert (entries(case), fresh(case).procedure) == (1, "adult")


def test_the_confidentiality_is_still_not_corrected_by_hand(open_case, record):
    case = open_case("adult")
    with pytest.raises(InvalidInput) as refused:
        correct(record, case, confidentiality="sealed")
    assert refused.value.errors[0]["field"] == "payload.confidentiality"
    # the one a change of procedure sets may be sent with it
    correct(record, case, procedure="juvenile", confidentiality="restricted")
    assert fresh(case).confidentiality == "restricted"


@pytest.fixture
def br_court(db):
    country = Jurisdiction.objects.create(code="br", name="Brasil", rule_pack="br")
    return Court.objects.create(
        jurisdiction=country,
        code="sp-criminal",
        name="Vara Criminal de São Paulo",
        office_code="26.0050",
        timezone="America/Sao_Paulo",
        rule_pack="br",
    )


def test_entries_only_the_old_procedure_allows_are_named_and_nothing_is_written(
    br_court, clerk: Actor, record
):
    """An internment reassessment (ECA art. 121 §2) exists only in Brazil's juvenile
    procedure: a case holding one cannot become an adult case."""
    opened = NOW - dt.timedelta(days=900)
    case = case_open(
        court=br_court, actor=clerk, procedure="juvenile", occurred_at=opened
    ).event.case
    later = lambda days: NOW - dt.timedelta(days=days)  # noqa: E731
    record(case, "participant.added", {"role": "accused", "person": TEEN}, occurred_at=later(899))
    record(case, "indictment.filed", {"accused": "P1"}, occurred_at=later(800))
    record(case, "trial.committed", {}, occurred_at=later(799))
    verdict = {"accused": "P1", "outcome": "convicted", "custodial": True}
    record(case, "verdict.delivered", verdict, occurred_at=later(700))
    record(case, "custody.sentence_started", {"person": "P1"}, occurred_at=later(699))
    reassessed = {"person": "P1", "outcome": "maintained"}
    record(case, "custody.internment_reassessed", reassessed, occurred_at=later(500))
    before = entries(case)
    with pytest.raises(InvalidInput) as refused:
        correct(record, case, procedure="adult")
    [error] = refused.value.errors
    assert error["field"] == "payload.procedure"
    assert "entries already on the record: 7 (“Internment reassessed”)" in error["message"]
    assert (entries(case), fresh(case).procedure) == (before, "juvenile")
