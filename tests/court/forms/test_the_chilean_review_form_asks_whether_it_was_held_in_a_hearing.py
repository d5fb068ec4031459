"""In a Chilean court the review form asks "Reviewed in a hearing?" as yes or no, with
neither chosen: a clerk who records a review held in a hearing and skips the question
is told to answer, and nothing is recorded (a box left unticked had said "no" and left
the hearing of CPP art. 145 due after it was held). "Yes" meets the 6 months and counts
them again; "No" leaves the hearing due. The judge's decision on a review petition that
upholds the detention asks the same, and is refused on the field without it. A Costa
Rican review form and decision form ask nothing new."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from expediente.custody.models import Deadline
from expediente.docket.models import Case, Court, Event, Jurisdiction
from expediente.docket.services import case_open
from expediente.petitions.services import petition_decide, petition_file
from tests.court.forms.conftest import member, signed_in
from tests.court.forms.helpers import drawn, field_error, last, record_url, submit

RULE = "cl.preventive_detention_review"
PERSON = {"given_names": "Camila", "family_names": "Rojas", "sex": "female"}


def ago(days: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


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


@pytest.fixture
def cl_clerk(cl_court: Court) -> Client:
    return signed_in(member("clerk.stgo", cl_court, "clerk"))


@pytest.fixture
def cl_judge(cl_court: Court) -> Client:
    return signed_in(member("judge.stgo", cl_court, "judge"))


def _held(case: Case, record: Any) -> Case:
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=ago(61))
    record(
        case,
        "custody.pretrial_ordered",
        {"person": "P1", "grounds": "Peligro de fuga", "until": "2099-12-31"},
        occurred_at=ago(60),
    )
    return case


@pytest.fixture
def held(cl_court: Court, clerk: Any, record: Any) -> Case:
    """A Chilean case whose accused (P1) is in preventive detention since 60 days ago."""
    case = case_open(court=cl_court, actor=clerk, procedure="adult", occurred_at=ago(90)).event.case
    record(case, "participant.added", {"role": "accused", "person": PERSON}, occurred_at=ago(89))
    return _held(case, record)


def radios(html: str, name: str) -> list[tuple[str, bool]]:
    """(value, checked) of each radio button named ``name``."""
    found = re.findall(rf'<input type="radio" name="{name}" value="([^"]*)"([^>]*)>', html)
    return [(value, "checked" in rest) for value, rest in found]


def reviews(case: Case) -> list[Deadline]:
    return list(Deadline.objects.filter(case=case, rule_id=RULE).order_by("start_at"))


REVIEWED = {"person": "P1", "outcome": "maintained"}


def test_the_chilean_review_form_asks_yes_or_no_with_neither_chosen(
    cl_clerk: Client, held: Case
) -> None:
    html = cl_clerk.get(record_url(held, "custody.pretrial_reviewed")).content.decode()
    assert "Reviewed in a hearing?" in html
    assert radios(html, "hearing") == [("True", False), ("False", False)]
    assert 'type="checkbox" name="hearing"' not in html


def test_a_review_without_the_answer_is_refused_on_the_field(cl_clerk: Client, held: Case) -> None:
    before = Event.objects.filter(case=held).count()
    response = submit(cl_clerk, record_url(held, "custody.pretrial_reviewed"), REVIEWED)
    assert response.status_code == 200
    assert field_error(response, "hearing") == "Answer yes or no to “Reviewed in a hearing?”."
    assert Event.objects.filter(case=held).count() == before
    [still] = reviews(held)
    assert still.open


def test_yes_meets_the_six_months_and_counts_them_again(cl_clerk: Client, held: Case) -> None:
    url = record_url(held, "custody.pretrial_reviewed")
    response = submit(cl_clerk, url, REVIEWED | {"hearing": "True"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert last(held).payload == REVIEWED | {"hearing": True}
    first, second = reviews(held)
    assert not first.open
    assert first.satisfied_seq == last(held).seq
    assert second.open


def test_no_leaves_the_hearing_due(cl_clerk: Client, held: Case) -> None:
    [before] = reviews(held)
    url = record_url(held, "custody.pretrial_reviewed")
    response = submit(cl_clerk, url, REVIEWED | {"hearing": "False"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert last(held).payload == REVIEWED | {"hearing": False}
    [after] = reviews(held)
    assert after.open
    assert after.due_on == before.due_on


def test_a_costa_rican_review_form_is_unchanged(staff_client: Client, accused_case: Case) -> None:
    response = staff_client.get(record_url(accused_case, "custody.pretrial_reviewed"))
    form = response.context["form"]
    assert [name for name in form.fields if name in ("person", "outcome", "hearing")] == [
        "person",
        "outcome",
    ]
    assert "in a hearing" not in response.content.decode()


def _file(case: Case, clerk: Any) -> int:
    filed = petition_file(
        case=case,
        actor=clerk,
        occurred_at=ago(2),
        petitioner="P1",
        kind="detention_review",
        text="Pido que se revise la prisión preventiva.",
        filed_via="clerk",
        received_from="Camila Rojas, hermana",
    )
    return filed.event.seq


DECIDED = {"outcome": "denied", "reasons": "Subsisten los antecedentes.", "detention": "maintained"}


def test_the_chilean_decision_asks_whether_it_was_taken_in_a_hearing(
    cl_judge: Client, held: Case, clerk: Any
) -> None:
    petition = _file(held, clerk)
    url = record_url(held, "petition.decided") + f"?petition={petition}"
    html = cl_judge.get(url).content.decode()
    assert "Decided in a hearing?" in html
    assert radios(html, "in_hearing") == [("True", False), ("False", False)]

    before = Event.objects.filter(case=held).count()
    response = submit(cl_judge, url, DECIDED)
    assert response.status_code == 200
    assert "Say whether the detention was reviewed in a hearing" in field_error(
        response, "in_hearing"
    )
    assert Event.objects.filter(case=held).count() == before

    response = submit(cl_judge, url, DECIDED | {"in_hearing": "True"})
    assert response.status_code == 302, response.content.decode()[:3000]
    review = last(held)
    assert (review.type, review.payload) == (
        "custody.pretrial_reviewed",
        {"person": "P1", "outcome": "maintained", "hearing": True},
    )
    first, second = reviews(held)
    assert not first.open
    assert second.open


def test_a_costa_rican_decision_form_does_not_ask_it(
    judge_client: Client, accused_case: Case, clerk: Any, record: Any
) -> None:
    _held(accused_case, record)
    petition = _file(accused_case, clerk)
    url = record_url(accused_case, "petition.decided") + f"?petition={petition}"
    response = judge_client.get(url)
    assert "in_hearing" not in response.context["form"].fields
    response = submit(judge_client, url, DECIDED)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert last(accused_case).payload == {"person": "P1", "outcome": "maintained"}


def test_a_correction_shows_the_answer_given(cl_clerk: Client, held: Case, record: Any) -> None:
    payload = REVIEWED | {"hearing": True}
    reviewed = record(held, "custody.pretrial_reviewed", payload, occurred_at=ago(5))
    url = f"/court/cases/{held.nuid}/events/{reviewed.event.seq}/correct/"
    html = cl_clerk.get(url).content.decode()
    assert radios(html, "hearing") == [("True", True), ("False", False)]


def test_a_correction_of_the_decision_keeps_its_answer(
    cl_judge: Client, held: Case, clerk: Any
) -> None:
    petition = _file(held, clerk)
    decided = petition_decide(
        case=held,
        petition=petition,
        outcome="denied",
        reasons="Subsisten los antecedentes.",
        actor=clerk,
        detention="maintained",
        person="P1",
        in_hearing=True,
        occurred_at=ago(1),
    )
    url = f"/court/cases/{held.nuid}/events/{decided.seq}/correct/"
    page = cl_judge.get(url)
    assert radios(page.content.decode(), "in_hearing") == [("True", True), ("False", False)]
    response = cl_judge.post(
        url,
        drawn(page)
        | {
            "reasons": "Subsisten los antecedentes del caso.",
            "correction_reason": "Mistyped when first recorded",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert last(held).payload["in_hearing"] is True
