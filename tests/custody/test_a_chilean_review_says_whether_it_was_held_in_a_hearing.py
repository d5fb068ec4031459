"""Chile, CPP art. 145: the review of preventive detention is a hearing, every 6 months
from the order or the last hearing that debated it. A review entry must say whether it
was held in a hearing (``hearing``, required: an entry that forgot the box left the
hearing "due" after it was held). One held in a hearing meets the 6 months and counts
them again; one on paper does not. A petition's decision that maintains the detention
says it too (``in_hearing``: a petition may be decided in a hearing), and its
review entry carries the answer; a Chilean decision without it is refused, naming the
field and the rule, and nothing is written. Costa Rica's review and decision are as they
were: no such field is asked."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone, translation

from expediente.access.models import User
from expediente.access.tokens import token_create
from expediente.court.forms.base import said
from expediente.custody.models import Deadline
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case, Court, Event, Jurisdiction
from expediente.docket.services import case_open
from expediente.petitions.services import petition_decide, petition_file
from tests.api.helpers import API, fields, message, post_json, problem

RULE = "cl.preventive_detention_review"
CPP_145 = "Código Procesal Penal (Ley 19.696) art. 145"
PERSON = {"given_names": "Camila", "family_names": "Rojas", "sex": "female"}


@pytest.fixture
def cl_court(db: None) -> Court:
    country = Jurisdiction.objects.create(code="cl", name="Chile", rule_pack="cl")
    return Court.objects.create(
        jurisdiction=country,
        code="stgo-garantia",
        name="Juzgado de Garantía de Santiago",
        office_code="0007",
        timezone="America/Santiago",
        rule_pack="cl",
    )


def ago(days: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


@pytest.fixture
def held(cl_court: Court, clerk: Any, record: Any) -> Case:
    """A Chilean case whose accused (P1) is in preventive detention since 60 days ago."""
    case = case_open(court=cl_court, actor=clerk, procedure="adult", occurred_at=ago(90)).event.case
    record(case, "participant.added", {"role": "accused", "person": PERSON}, occurred_at=ago(89))
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=ago(61))
    record(
        case,
        "custody.hearing_held",
        {"person": "P1", "outcome": "pretrial_detention"},
        occurred_at=ago(60.9),
    )
    record(
        case,
        "custody.pretrial_ordered",
        {"person": "P1", "grounds": "Peligro de fuga", "until": "2099-12-31"},
        occurred_at=ago(60.8),
    )
    return case


def reviews(case: Case) -> list[Deadline]:
    return list(Deadline.objects.filter(case=case, rule_id=RULE).order_by("start_at"))


def review(record: Any, case: Case, **fields: Any) -> Any:
    payload = {"person": "P1", "outcome": "maintained", **fields}
    return record(case, "custody.pretrial_reviewed", payload, occurred_at=ago(10))


def test_a_review_held_in_a_hearing_meets_the_six_months_and_counts_them_again(
    held: Case, record: Any
) -> None:
    review(record, held, hearing=True)
    first, second = reviews(held)
    assert (first.open, first.satisfied_type) == (False, "custody.pretrial_reviewed")
    assert second.open
    assert second.start_at == first.satisfied_at


def test_a_review_on_paper_leaves_the_hearing_due(held: Case, record: Any) -> None:
    [before] = reviews(held)
    review(record, held, hearing=False)
    [after] = reviews(held)
    assert after.open
    assert after.due_on == before.due_on


def test_a_review_that_does_not_say_is_refused_naming_the_field_and_the_rule(
    held: Case, record: Any
) -> None:
    count = Event.objects.filter(case=held).count()
    with pytest.raises(InvalidInput) as refused:
        review(record, held)
    [error] = refused.value.errors
    assert error["field"] == "payload.hearing"
    assert error["message"] == (
        "is required: answer true or false to “Reviewed in a hearing?”; the court's rules "
        f"ask it because of {CPP_145}"
    )
    assert Event.objects.filter(case=held).count() == count
    [still] = reviews(held)
    assert still.open


def test_the_api_refuses_a_chilean_review_without_the_answer(held: Case) -> None:
    owner = User.objects.create(username="api-cl", is_system=True)
    _, secret = token_create(user=owner, name="cl", scopes=["cases:read", "cases:write"])
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    url = f"{API}/cases/{held.nuid}/events"
    body = {
        "type": "custody.pretrial_reviewed",
        "occurred_at": ago(5).isoformat(),
        "payload": {"person": "P1", "outcome": "maintained"},
    }
    count = Event.objects.filter(case=held).count()
    p = problem(post_json(client, url, body), 422, "invalid")
    assert fields(p) == ["payload.hearing"]
    assert CPP_145 in message(p, "payload.hearing")
    assert Event.objects.filter(case=held).count() == count

    body["payload"] = {"person": "P1", "outcome": "maintained", "hearing": True}
    assert post_json(client, url, body).status_code == 201
    assert len(reviews(held)) == 2


def _petition(case: Case, clerk: Any) -> int:
    filed = petition_file(
        case=case,
        actor=clerk,
        occurred_at=ago(12),
        petitioner="P1",
        kind="detention_review",
        text="Pido que se revise la prisión preventiva.",
        filed_via="clerk",
        received_from="Camila Rojas, hermana",
    )
    return filed.event.seq


def _decide(case: Case, clerk: Any, petition: int, **more: Any) -> Any:
    return petition_decide(
        case=case,
        petition=petition,
        outcome="denied",
        reasons="Subsisten los antecedentes.",
        actor=clerk,
        detention="maintained",
        person="P1",
        occurred_at=ago(11),
        **more,
    )


def test_a_petition_decided_in_a_hearing_meets_the_six_months_and_counts_them_again(
    held: Case, clerk: Any
) -> None:
    decided = _decide(held, clerk, _petition(held, clerk), in_hearing=True)
    brought = Event.objects.get(case=held, seq=decided.seq + 1)
    assert (brought.type, brought.payload) == (
        "custody.pretrial_reviewed",
        {"person": "P1", "outcome": "maintained", "hearing": True},
    )
    first, second = reviews(held)
    assert (first.open, first.satisfied_seq) == (False, brought.seq)
    assert second.open


def test_a_chilean_decision_upholding_the_detention_must_say_whether_in_a_hearing(
    held: Case, clerk: Any
) -> None:
    petition = _petition(held, clerk)
    count = Event.objects.filter(case=held).count()
    with pytest.raises(InvalidInput) as refused:
        _decide(held, clerk, petition)
    [error] = refused.value.errors
    assert error["field"] == "payload.in_hearing"
    assert "reviewed in a hearing" in error["message"]
    assert CPP_145 in error["message"]
    assert Event.objects.filter(case=held).count() == count
    with translation.override("es"):
        text = said(refused.value, ZoneInfo("America/Santiago"))
    assert text == (
        "indique si la detención se revisó en una audiencia (sí o no): solo una revisión "
        f"celebrada en audiencia cumple la revisión que exige {CPP_145}"
    ), text


def test_a_costa_rican_decision_asks_nothing_new_and_its_review_is_as_before(
    accused_case: Case, record: Any, clerk: Any
) -> None:
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=ago(40))
    record(
        accused_case,
        "custody.pretrial_ordered",
        {"person": "P1", "grounds": "Peligro de fuga", "until": "2099-12-31"},
        occurred_at=ago(39),
    )
    decided = _decide(accused_case, clerk, _petition(accused_case, clerk))
    brought = Event.objects.get(case=accused_case, seq=decided.seq + 1)
    assert brought.payload == {"person": "P1", "outcome": "maintained"}
    # said anyway, it stays on the decision: cr's review entry has no such field
    second = _petition(accused_case, clerk)
    decided = _decide(accused_case, clerk, second, in_hearing=True)
    assert decided.payload["in_hearing"] is True
    brought = Event.objects.get(case=accused_case, seq=decided.seq + 1)
    assert brought.payload == {"person": "P1", "outcome": "maintained"}
