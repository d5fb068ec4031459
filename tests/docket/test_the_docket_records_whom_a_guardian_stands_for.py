"""A guardian (a parent or legal guardian) stands for someone in the case: the accused
young person, or a child victim, complainant or witness. The pack's
``participant.stands_for`` entry records it, through ``event_record`` like any entry;
the guardian's participation keeps it (``Participation.stands_for``), corrections and
rebuilds included. Bad input is refused naming the field, and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest

from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case, Event, Participation
from expediente.docket.rebuild import rebuild
from expediente.docket.standing import standing_of
from tests.api.helpers import PAST, message, post_json, problem

MOTHER = {"given_names": "María", "family_names": "Rojas Vargas", "sex": "female"}
PROSECUTOR = {"given_names": "Laura", "family_names": "Quesada", "sex": "female"}


@pytest.fixture
def guarded(accused_case: Case, record: Any) -> Case:
    """The accused (P1), the victim (P2, a child), the victim's mother as guardian (P3)
    and a prosecutor (P4)."""
    record(accused_case, "participant.added", {"role": "guardian", "person": MOTHER})
    record(accused_case, "participant.added", {"role": "prosecutor", "person": PROSECUTOR})
    accused_case.refresh_from_db()
    return accused_case


def stands_for(case: Case, uid: str) -> str:
    return Participation.objects.get(case=case, uid=uid).stands_for


def test_a_guardian_recorded_for_the_child_victim_is_on_her_side(guarded, record):
    record(guarded, "participant.stands_for", {"guardian": "P3", "stands_for": "P2"})
    assert stands_for(guarded, "P3") == "P2"
    found = standing_of(guarded, "P3")
    assert found is not None
    assert found.for_victim_side
    assert not found.for_accused


def test_a_guardian_without_the_record_keeps_todays_standing(guarded):
    found = standing_of(guarded, "P3")
    assert found is not None
    assert found.unknown
    assert not found.for_victim_side
    assert not found.for_accused


def test_the_latest_entry_wins_and_a_correction_restates_it(guarded, record):
    first = record(guarded, "participant.stands_for", {"guardian": "P3", "stands_for": "P2"})
    record(guarded, "participant.stands_for", {"guardian": "P3", "stands_for": "P1"})
    assert stands_for(guarded, "P3") == "P1"
    # correcting the first entry does not undo the later one
    record(
        guarded,
        "participant.stands_for",
        {"guardian": "P3", "stands_for": "P1"},
        corrects_seq=first.event.seq,
    )
    assert stands_for(guarded, "P3") == "P1"
    assert rebuild(check=True).differences == []


def test_a_rebuild_gives_the_same_reference(guarded, record):
    record(guarded, "participant.stands_for", {"guardian": "P3", "stands_for": "P2"})
    assert rebuild(check=True).differences == []
    rebuild()
    assert stands_for(guarded, "P3") == "P2"


@pytest.mark.parametrize(
    ("payload", "field", "says"),
    [
        ({"guardian": "P3", "stands_for": "P9"}, "payload.stands_for", "no participant"),
        ({"guardian": "P9", "stands_for": "P2"}, "payload.guardian", "no participant"),
        ({"guardian": "P3", "stands_for": "P3"}, "payload.stands_for", "herself"),
        ({"guardian": "P3", "stands_for": "P4"}, "payload.stands_for", "role"),
        ({"guardian": "P1", "stands_for": "P2"}, "payload.guardian", "role"),
        ({"guardian": "P3"}, "payload.stands_for", ""),
    ],
)
def test_bad_input_is_refused_naming_the_field(guarded, record, payload, field, says):
    before = Event.objects.filter(case=guarded).count()
    with pytest.raises(InvalidInput) as refused:
        record(guarded, "participant.stands_for", payload)
    named = {e["field"]: e["message"] for e in refused.value.errors}
    assert field in named, named
    assert says in (named[field] + " " + str(refused.value)).lower() or not says
    assert Event.objects.filter(case=guarded).count() == before
    assert stands_for(guarded, "P3") == ""


def test_the_ward_cannot_be_corrected_into_a_role_a_guardian_does_not_stand_for(guarded, record):
    record(guarded, "participant.stands_for", {"guardian": "P3", "stands_for": "P2"})
    victim = Event.objects.get(case=guarded, seq=3)  # P2 added
    with pytest.raises(InvalidInput) as refused:
        record(
            guarded,
            "participant.added",
            {"role": "prosecutor", "person": victim.payload["person"]},
            corrects_seq=victim.seq,
        )
    assert refused.value.errors[0]["field"] == "payload.role"


# over the API


def _post(client: Any, case: Case, payload: dict[str, Any]) -> Any:
    body = {"type": "participant.stands_for", "occurred_at": PAST, "payload": payload}
    return post_json(client, f"/api/v1/cases/{case.nuid}/events", body)


def test_the_api_records_it(guarded, api_clerk):
    response = _post(api_clerk, guarded, {"guardian": "P3", "stands_for": "P2"})
    assert response.status_code == 201, response.content
    assert stands_for(guarded, "P3") == "P2"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"guardian": "P3", "stands_for": "P9"}, "payload.stands_for"),  # unknown
        ({"guardian": "P3", "stands_for": "P3"}, "payload.stands_for"),  # herself
        ({"guardian": "P3", "stands_for": "P4"}, "payload.stands_for"),  # the prosecutor
        ({"guardian": "P2", "stands_for": "P1"}, "payload.guardian"),  # not a guardian
    ],
)
def test_the_api_refuses_bad_input_with_a_422_naming_the_field(guarded, api_clerk, payload, field):
    before = Event.objects.filter(case=guarded).count()
    p = problem(_post(api_clerk, guarded, payload), 422)
    assert message(p, field)
    assert Event.objects.filter(case=guarded).count() == before
    assert stands_for(guarded, "P3") == ""


def test_the_api_refuses_a_participant_of_another_case(guarded, open_case, record, api_clerk):
    other = open_case()
    record(
        other,
        "participant.added",
        {"participant": "ward-elsewhere", "role": "victim", "person": MOTHER},
    )
    before = Event.objects.filter(case=guarded).count()
    p = problem(_post(api_clerk, guarded, {"guardian": "P3", "stands_for": "ward-elsewhere"}), 422)
    assert "no participant" in message(p, "payload.stands_for")
    assert Event.objects.filter(case=guarded).count() == before
