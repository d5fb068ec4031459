"""Chile: a decision that maintains the detention must say whether it was taken in a
hearing only where it brings the review entry itself. An import (``follow_ups`` off)
carries the other system's own review line, with its ``hearing``: the decision loads
without ``in_hearing``. Recorded live, the same decision is refused, naming the field,
and nothing is written."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case, Court, Event, Jurisdiction
from expediente.docket.services import case_open, event_record
from expediente.petitions.services import petition_file


def ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


@pytest.fixture
def held_in_chile(db: None, clerk: Any, record: Any) -> tuple[Case, int]:
    country = Jurisdiction.objects.create(code="cl", name="Chile", rule_pack="cl")
    court = Court.objects.create(
        jurisdiction=country,
        code="stgo",
        name="Juzgado de Garantía de Santiago",
        office_code="0007",
        timezone="America/Santiago",
        rule_pack="cl",
    )
    case = case_open(court=court, actor=clerk, procedure="adult", occurred_at=ago(90)).event.case
    person = {"given_names": "Camila", "family_names": "Rojas", "sex": "female"}
    record(case, "participant.added", {"role": "accused", "person": person}, occurred_at=ago(89))
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=ago(61))
    record(
        case,
        "custody.pretrial_ordered",
        {"person": "P1", "grounds": "Peligro", "until": "2099-12-31"},
        occurred_at=ago(60),
    )
    filed = petition_file(
        case=case,
        actor=clerk,
        occurred_at=ago(12),
        petitioner="P1",
        kind="detention_review",
        text="Pido que se revise la prisión preventiva.",
        filed_via="clerk",
        received_from="hermana",
    )
    return case, filed.event.seq


def decision(petition: int) -> dict[str, Any]:
    return {
        "petition": petition,
        "outcome": "denied",
        "reasons": "Subsisten los antecedentes.",
        "detention": "maintained",
        "person": "P1",
    }


def test_an_imported_decision_and_its_own_review_line_load(
    held_in_chile: tuple[Case, int], clerk: Any
) -> None:
    case, petition = held_in_chile
    event_record(
        case=case,
        type="petition.decided",
        actor=clerk,
        occurred_at=ago(11),
        follow_ups=False,
        payload=decision(petition),
    )
    event_record(
        case=case,
        type="custody.pretrial_reviewed",
        actor=clerk,
        occurred_at=ago(11),
        follow_ups=False,
        payload={"person": "P1", "outcome": "maintained", "hearing": True},
    )
    types = list(Event.objects.filter(case=case).order_by("seq").values_list("type", flat=True))
    assert types[-2:] == ["petition.decided", "custody.pretrial_reviewed"]


def test_a_live_decision_without_in_hearing_is_refused_and_writes_nothing(
    held_in_chile: tuple[Case, int], clerk: Any
) -> None:
    case, petition = held_in_chile
    count = Event.objects.filter(case=case).count()
    with pytest.raises(InvalidInput) as refused:
        event_record(
            case=case,
            type="petition.decided",
            actor=clerk,
            occurred_at=ago(11),
            payload=decision(petition),
        )
    assert [e["field"] for e in refused.value.errors] == ["payload.in_hearing"]
    assert Event.objects.filter(case=case).count() == count


def test_an_imported_decision_without_in_hearing_can_be_corrected_on_the_form(
    held_in_chile: tuple[Case, int], clerk: Any
) -> None:
    """A correction brings no review entry, so it is not asked whether the decision was
    taken in a hearing: the judge corrects the reasons of an imported decision that never
    said it (the form shows no such question, and the correction is recorded)."""
    from expediente.docket.services import event_record
    from tests.court.forms.conftest import member, signed_in
    from tests.court.forms.helpers import drawn

    case, petition = held_in_chile
    decided = event_record(
        case=case,
        type="petition.decided",
        actor=clerk,
        occurred_at=ago(11),
        follow_ups=False,
        payload=decision(petition),
    ).event
    event_record(
        case=case,
        type="custody.pretrial_reviewed",
        actor=clerk,
        occurred_at=ago(11),
        follow_ups=False,
        payload={"person": "P1", "outcome": "maintained", "hearing": True},
    )
    client = signed_in(member("judge.stgo", case.court, "judge"))
    url = f"/court/cases/{case.nuid}/events/{decided.seq}/correct/"
    page = client.get(url)
    assert "in_hearing" not in page.context["form"].fields
    sent = drawn(page) | {"reasons": "Otra redacción.", "correction_reason": "Error de tipeo"}
    assert client.post(url, sent).status_code == 302
    latest = case.events.order_by("-seq").first()
    assert latest is not None
    assert latest.corrects_seq == decided.seq
