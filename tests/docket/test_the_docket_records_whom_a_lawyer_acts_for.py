"""A defence lawyer (private counsel or a public defender) acts for one or more of the
case's accused. The pack's ``participant.acts_for`` entry records it, one entry per
lawyer and accused, through ``event_record`` like any entry; ``ended`` records that she
no longer does. The lawyer's participation keeps whom she acts for now
(``Participation.acts_for``), corrections and rebuilds included; per accused the record
says who represents them. Bad input is refused naming the field, and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest

from expediente.docket.counsel import counsel_of, representation
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case, Event, Participation
from expediente.docket.rebuild import rebuild
from tests.api.helpers import PAST, message, post_json, problem

CO_ACCUSED = {"given_names": "Carlos", "family_names": "Soto Mena", "sex": "male"}
PRIVATE = {"given_names": "Elena", "family_names": "Abogada Ruiz", "sex": "female"}
PUBLIC = {"given_names": "Rosa", "family_names": "Defensora Solís", "sex": "female"}
PROSECUTOR = {"given_names": "Laura", "family_names": "Quesada", "sex": "female"}
ACTS_FOR = "participant.acts_for"


@pytest.fixture
def defended(accused_case: Case, record: Any) -> Case:
    """P1 and P3 accused, P2 the victim, P4 private counsel, P5 a public defender, P6 the
    prosecutor."""
    record(accused_case, "participant.added", {"role": "accused", "person": CO_ACCUSED})
    record(accused_case, "participant.added", {"role": "defence", "person": PRIVATE})
    record(accused_case, "participant.added", {"role": "public_defender", "person": PUBLIC})
    record(accused_case, "participant.added", {"role": "prosecutor", "person": PROSECUTOR})
    accused_case.refresh_from_db()
    return accused_case


def acts_for(case: Case, uid: str) -> list[str] | None:
    return Participation.objects.get(case=case, uid=uid).acts_for


def counsel(case: Case) -> dict[str, list[str]]:
    found = counsel_of(Participation.objects.filter(case=case).order_by("added_seq"))
    return {accused: [p.uid for p in lawyers] for accused, lawyers in found.items()}


def test_nothing_is_recorded_until_an_entry_names_the_lawyer(defended):
    assert acts_for(defended, "P4") is None
    assert acts_for(defended, "P5") is None
    assert counsel(defended) == {"P1": [], "P3": []}


def test_a_lawyer_acts_for_two_co_accused_and_an_accused_has_two_lawyers(defended, record):
    record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P1"})
    record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P3"})
    record(defended, ACTS_FOR, {"counsel": "P5", "accused": "P1"})
    assert acts_for(defended, "P4") == ["P1", "P3"]
    assert acts_for(defended, "P5") == ["P1"]
    assert counsel(defended) == {"P1": ["P4", "P5"], "P3": ["P4"]}
    assert rebuild(check=True).differences == []


def test_a_withdrawal_ends_it_for_that_accused_only(defended, record):
    record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P1"})
    record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P3"})
    record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P1", "ended": True})
    assert acts_for(defended, "P4") == ["P3"]
    record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P3", "ended": True})
    # something is recorded for her, and she acts for nobody now: not "not recorded"
    assert acts_for(defended, "P4") == []
    assert counsel(defended) == {"P1": [], "P3": []}
    assert rebuild(check=True).differences == []


def test_a_replacement_is_the_old_lawyers_end_and_the_new_lawyers_entry(defended, record):
    record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P1"})
    record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P1", "ended": True})
    record(defended, ACTS_FOR, {"counsel": "P5", "accused": "P1"})
    assert counsel(defended)["P1"] == ["P5"]
    # and a lawyer who comes back acts again: the latest entry for the pair wins
    record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P1"})
    assert counsel(defended)["P1"] == ["P4", "P5"]


def test_a_correction_restates_its_entry_and_a_later_entry_still_wins(defended, record):
    first = record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P1"})
    record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P1", "ended": True})
    # correcting the first entry (it named the wrong accused) does not undo the later one
    record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P3"}, corrects_seq=first.event.seq)
    assert acts_for(defended, "P4") == ["P3"]
    assert rebuild(check=True).differences == []


def test_a_correction_naming_another_lawyer_leaves_the_first_with_nothing_recorded(
    defended, record
):
    first = record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P1"})
    record(defended, ACTS_FOR, {"counsel": "P5", "accused": "P1"}, corrects_seq=first.event.seq)
    assert acts_for(defended, "P4") is None
    assert acts_for(defended, "P5") == ["P1"]


def test_a_rebuild_gives_the_same_record(defended, record):
    record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P1"})
    record(defended, ACTS_FOR, {"counsel": "P5", "accused": "P3"})
    record(defended, ACTS_FOR, {"counsel": "P5", "accused": "P3", "ended": True})
    assert rebuild(check=True).differences == []
    rebuild()
    assert acts_for(defended, "P4") == ["P1"]
    assert acts_for(defended, "P5") == []


def test_each_accused_is_represented_by_private_counsel_a_public_defender_or_nobody_recorded(
    defended, record, open_case
):
    record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P1"})
    lawyers = counsel_of(Participation.objects.filter(case=defended))
    assert representation(lawyers["P1"]) == "private_counsel"
    assert representation(lawyers["P3"]) == "none_recorded"
    record(defended, ACTS_FOR, {"counsel": "P5", "accused": "P3"})
    record(defended, ACTS_FOR, {"counsel": "P5", "accused": "P1"})
    lawyers = counsel_of(Participation.objects.filter(case=defended))
    assert representation(lawyers["P3"]) == "public_defender"
    assert representation(lawyers["P1"]) == "both"


@pytest.mark.parametrize(
    ("payload", "field", "says"),
    [
        ({"counsel": "P4", "accused": "P9"}, "payload.accused", "no participant"),
        ({"counsel": "P9", "accused": "P1"}, "payload.counsel", "no participant"),
        ({"counsel": "P6", "accused": "P1"}, "payload.counsel", "role"),  # the prosecutor
        ({"counsel": "P1", "accused": "P3"}, "payload.counsel", "role"),  # an accused
        ({"counsel": "P4", "accused": "P2"}, "payload.accused", "role"),  # the victim
        ({"counsel": "P4", "accused": "P5"}, "payload.accused", "role"),  # another lawyer
        ({"counsel": "P4"}, "payload.accused", ""),
        ({"accused": "P1"}, "payload.counsel", ""),
        ({"counsel": "P4", "accused": "P1", "ended": "maybe"}, "payload.ended", ""),
    ],
)
def test_bad_input_is_refused_naming_the_field(defended, record, payload, field, says):
    before = Event.objects.filter(case=defended).count()
    with pytest.raises(InvalidInput) as refused:
        record(defended, ACTS_FOR, payload)
    named = {e["field"]: e["message"] for e in refused.value.errors}
    assert field in named, named
    assert says in (named[field] + " " + str(refused.value)).lower()
    assert Event.objects.filter(case=defended).count() == before
    assert acts_for(defended, "P4") is None


def test_the_lawyer_cannot_be_corrected_into_another_role_while_an_entry_names_her(
    defended, record
):
    record(defended, ACTS_FOR, {"counsel": "P4", "accused": "P1"})
    lawyer = Event.objects.get(
        case=defended, seq=Participation.objects.get(case=defended, uid="P4").added_seq
    )
    with pytest.raises(InvalidInput) as refused:
        record(
            defended,
            "participant.added",
            {"role": "victim_lawyer", "person": lawyer.payload["person"]},
            corrects_seq=lawyer.seq,
        )
    assert refused.value.errors[0]["field"] == "payload.role"
    # private counsel becoming the public defender is still one of the defence
    record(
        defended,
        "participant.added",
        {"role": "public_defender", "person": lawyer.payload["person"]},
        corrects_seq=lawyer.seq,
    )
    assert acts_for(defended, "P4") == ["P1"]


# over the API


def _post(client: Any, case: Case, payload: dict[str, Any]) -> Any:
    body = {"type": ACTS_FOR, "occurred_at": PAST, "payload": payload}
    return post_json(client, f"/api/v1/cases/{case.nuid}/events", body)


def test_the_api_records_it(defended, api_clerk):
    response = _post(api_clerk, defended, {"counsel": "P5", "accused": "P3"})
    assert response.status_code == 201, response.content
    assert acts_for(defended, "P5") == ["P3"]
    response = _post(api_clerk, defended, {"counsel": "P5", "accused": "P3", "ended": True})
    assert response.status_code == 201, response.content
    assert acts_for(defended, "P5") == []


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"counsel": "P4", "accused": "P9"}, "payload.accused"),  # unknown
        ({"counsel": "P6", "accused": "P1"}, "payload.counsel"),  # the prosecutor
        ({"counsel": "P4", "accused": "P2"}, "payload.accused"),  # the victim
        ({"counsel": "P4"}, "payload.accused"),  # missing
    ],
)
def test_the_api_refuses_bad_input_with_a_422_naming_the_field(defended, api_clerk, payload, field):
    before = Event.objects.filter(case=defended).count()
    p = problem(_post(api_clerk, defended, payload), 422)
    assert message(p, field)
    assert Event.objects.filter(case=defended).count() == before
    assert acts_for(defended, "P4") is None


def test_a_reader_without_write_permission_records_nothing(defended, api_reader, api_outsider):
    before = Event.objects.filter(case=defended).count()
    problem(_post(api_reader, defended, {"counsel": "P4", "accused": "P1"}), 403)
    # a token for another court does not learn that the case exists
    problem(_post(api_outsider, defended, {"counsel": "P4", "accused": "P1"}), 404)
    assert Event.objects.filter(case=defended).count() == before
    assert acts_for(defended, "P4") is None
