"""A correction of a ``participant.added`` entry could turn an accused who was not yet
charged, but arrested or bound by a measure, into a victim: the custody period then held
a "victim" (and counted one among the unsentenced detainees), the measure bound one.
Likewise it could turn the person a restraining order protects into an accused. The
docket asks the projectors (``role_change``, docket/projection.py) before the append:
custody and measures refuse, naming ``payload.role`` and the entries or measures in the
way, and nothing is written; once those entries name someone else, the role can change.
The docket itself then refuses what any other entry's pack field would no longer allow
(an indictment naming its accused needs no charge). The hook is asked only for
corrections that change a role, never for any other entry."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest

from expediente.custody.models import CustodyPeriod
from expediente.docket import projection
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case, Event, Participation
from expediente.measures.models import Measure
from tests.api.helpers import PAST, message, post_json, problem
from tests.conftest import NOW, PERSON

OTHER = {"given_names": "Luis", "family_names": "Mora", "sex": "male"}
VICTIM = {"given_names": "Ana", "family_names": "Rojas Vargas", "sex": "female"}


@pytest.fixture
def uncharged(case: Case, record: Callable[..., Any]) -> Case:
    """An accused (P1, entry 2) not charged yet, and a victim (P2, entry 3)."""
    record(case, "participant.added", {"role": "accused", "person": PERSON})
    record(case, "participant.added", {"role": "victim", "person": VICTIM})
    case.refresh_from_db()
    return case


def at(days: int) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


def arrest(record: Callable[..., Any], case: Case, person: str = "P1") -> Any:
    return record(case, "custody.arrested", {"person": person}, occurred_at=at(20))


def restraining_order(record: Callable[..., Any], case: Case) -> Any:
    payload = {
        "measure": "M1",
        "person": "P1",
        "kind": "restraining_order",
        "starts_on": at(10).date().isoformat(),
        "protected": "P2",
        "distance_m": 200,
    }
    return record(case, "measure.imposed", payload, occurred_at=at(10))


def correct_role(record: Callable[..., Any], case: Case, seq: int, role: str, person: Any) -> Any:
    return record(case, "participant.added", {"role": role, "person": person}, corrects_seq=seq)


def role(case: Case, uid: str) -> str:
    return Participation.objects.get(case=case, uid=uid).role


def unchanged(case: Case, entries: int, head: str) -> None:
    fresh = Case.objects.get(pk=case.pk)
    assert Event.objects.filter(case=case).count() == entries
    assert (fresh.last_seq, fresh.head_hash) == (entries, head)


# Custody


def test_an_arrested_accused_is_not_corrected_into_a_victim(uncharged, record):
    arrest(record, uncharged)  # entry 4
    head = Case.objects.get(pk=uncharged.pk).head_hash
    with pytest.raises(InvalidInput) as refused:
        correct_role(record, uncharged, 2, "victim", PERSON)
    error = refused.value.errors[0]
    assert error["field"] == "payload.role"
    assert "custody" in error["message"]
    assert "(entries 4)" in error["message"]
    unchanged(uncharged, 4, head)
    assert role(uncharged, "P1") == "accused"
    assert CustodyPeriod.objects.get(case=uncharged).participation.uid == "P1"


def test_a_released_accused_keeps_the_role_the_custody_record_gives(uncharged, record):
    arrest(record, uncharged)  # entry 4
    record(
        uncharged,
        "custody.released",
        {"person": "P1", "reason": "order_of_court"},
        occurred_at=at(19),
    )  # entry 5
    with pytest.raises(InvalidInput) as refused:
        correct_role(record, uncharged, 2, "witness", PERSON)
    assert "(entries 4, 5)" in refused.value.errors[0]["message"]
    assert role(uncharged, "P1") == "accused"


def test_the_api_refuses_it_naming_the_field_and_the_rule_and_writes_nothing(
    uncharged, record, api_clerk
):
    arrest(record, uncharged)
    before = Case.objects.get(pk=uncharged.pk)
    body = {
        "type": "participant.added",
        "occurred_at": PAST,
        "corrects": 2,
        "correction_reason": "Typed wrong when recorded",
        "payload": {"role": "victim", "person": PERSON},
    }
    p = problem(post_json(api_clerk, f"/api/v1/cases/{uncharged.nuid}/events", body), 422)
    assert "custody record" in message(p, "payload.role")
    assert "entries 4" in message(p, "payload.role")
    assert "custody entries 4" in p["detail"]
    unchanged(uncharged, 4, before.head_hash)
    assert Case.objects.get(pk=uncharged.pk).roster == before.roster


def test_once_the_arrest_names_another_accused_the_role_is_corrected(uncharged, record):
    arrest(record, uncharged)  # entry 4
    record(uncharged, "participant.added", {"role": "accused", "person": OTHER})  # P3, entry 5
    record(uncharged, "custody.arrested", {"person": "P3"}, occurred_at=at(20), corrects_seq=4)
    correct_role(record, uncharged, 2, "victim", PERSON)
    assert role(uncharged, "P1") == "victim"
    assert CustodyPeriod.objects.get(case=uncharged).participation.uid == "P3"


def test_an_accused_with_no_custody_and_no_measure_is_still_corrected(uncharged, record):
    arrest(record, uncharged, person="P1")
    record(uncharged, "participant.added", {"role": "accused", "person": OTHER})  # P3
    correct_role(record, uncharged, 5, "witness", OTHER)
    assert role(uncharged, "P3") == "witness"


# Measures


def test_an_accused_bound_by_a_measure_is_not_corrected_into_a_victim(uncharged, record):
    restraining_order(record, uncharged)  # entry 4
    head = Case.objects.get(pk=uncharged.pk).head_hash
    with pytest.raises(InvalidInput) as refused:
        correct_role(record, uncharged, 2, "victim", PERSON)
    error = refused.value.errors[0]
    assert error["field"] == "payload.role"
    assert "measure M1 binds" in error["message"]
    assert "“Victim”" in error["message"]
    unchanged(uncharged, 4, head)
    assert Measure.objects.get(case=uncharged).participation.uid == "P1"


def test_the_person_a_measure_protects_is_not_corrected_into_an_accused(
    uncharged, record, api_clerk
):
    restraining_order(record, uncharged)  # entry 4
    head = Case.objects.get(pk=uncharged.pk).head_hash
    body = {
        "type": "participant.added",
        "occurred_at": PAST,
        "corrects": 3,  # P2, the victim the order protects
        "correction_reason": "Typed wrong when recorded",
        "payload": {"role": "accused", "person": VICTIM},
    }
    p = problem(post_json(api_clerk, f"/api/v1/cases/{uncharged.nuid}/events", body), 422)
    assert "measure M1 protects" in message(p, "payload.role")
    assert "victim, complainant, witness" in p["detail"]
    unchanged(uncharged, 4, head)
    assert role(uncharged, "P2") == "victim"


def test_the_protected_person_may_become_a_witness_the_pack_allows(uncharged, record, api_clerk):
    restraining_order(record, uncharged)
    body = {
        "type": "participant.added",
        "occurred_at": PAST,
        "corrects": 3,
        "correction_reason": "Typed wrong when recorded",
        "payload": {"role": "witness", "person": VICTIM},
    }
    response = post_json(api_clerk, f"/api/v1/cases/{uncharged.nuid}/events", body)
    assert response.status_code == 201, json.loads(response.content)
    assert role(uncharged, "P2") == "witness"


# Any other entry the pack lets name only some roles (the docket's own check)


def test_an_indicted_accused_is_not_corrected_into_a_victim(uncharged, record, api_clerk):
    # an indictment names its accused (role accused only) and needs no charge on record
    record(uncharged, "indictment.filed", {"accused": "P1"})  # entry 4
    before = Case.objects.get(pk=uncharged.pk)
    body = {
        "type": "participant.added",
        "occurred_at": PAST,
        "corrects": 2,
        "correction_reason": "Typed wrong when recorded",
        "payload": {"role": "victim", "person": PERSON},
    }
    p = problem(post_json(api_clerk, f"/api/v1/cases/{uncharged.nuid}/events", body), 422)
    assert "entries 4 name this participant" in message(p, "payload.role")
    assert "entry 4 (indictment.filed) names them as accused" in p["detail"]
    unchanged(uncharged, 4, before.head_hash)
    assert role(uncharged, "P1") == "accused"


def test_an_entry_corrected_to_name_another_no_longer_holds_the_role(uncharged, record):
    record(uncharged, "participant.added", {"role": "accused", "person": OTHER})  # P3, 4
    record(uncharged, "indictment.filed", {"accused": "P1"})  # entry 5
    record(uncharged, "indictment.filed", {"accused": "P3"}, corrects_seq=5)
    correct_role(record, uncharged, 2, "witness", PERSON)
    assert role(uncharged, "P1") == "witness"


# The hook's cost: asked only for a correction that changes a role


class Asked:
    name = "asked"
    handles: frozenset[str] = frozenset()

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []

    def role_change(self, case: Case, pack: Any, participant: str, was: str, becomes: str) -> None:
        self.calls.append((participant, was, becomes))


def test_the_hook_is_asked_only_when_a_correction_changes_a_role(uncharged, record):
    asked = Asked()
    projection.register(asked)  # type: ignore[arg-type]
    try:
        record(uncharged, "participant.added", {"role": "witness", "person": OTHER})  # P3
        arrest(record, uncharged)
        correct_role(record, uncharged, 2, "accused", PERSON | {"id_number": "1-1111-1111"})
        assert asked.calls == []
        correct_role(record, uncharged, 4, "victim", OTHER)
        assert asked.calls == [("P3", "witness", "victim")]
    finally:
        projection._PROJECTORS.pop(asked.name)


# The court's forms say it in the reader's language


def said_in(language: str, act: Callable[[], Any]) -> str:
    from zoneinfo import ZoneInfo

    from django.utils import translation

    from expediente.court.forms.base import said

    with pytest.raises(InvalidInput) as refused:
        act()
    with translation.override(language):
        return said(refused.value, ZoneInfo("America/Costa_Rica"))


def test_the_refusals_read_in_spanish_on_the_court_forms(uncharged, record):
    arrest(record, uncharged)  # entry 4
    restraining_order(record, uncharged)  # entry 5
    custody = said_in("es", lambda: correct_role(record, uncharged, 2, "victim", PERSON))
    assert custody == (
        "no puede dejar de ser persona imputada mientras el registro de detención la señale "
        "como tal (anotaciones 4): corrija primero esas anotaciones"
    ), custody
    protects = said_in("es", lambda: correct_role(record, uncharged, 3, "accused", VICTIM))
    assert protects == (
        "no puede cambiar a “Persona imputada” mientras la medida M1 proteja a esta persona: "
        "corrija primero la medida"
    ), protects
