"""A measure revoked with "return to custody" ticked puts the person back in custody, in
the same transaction, whoever records it (the workspace's form, the API): the pack's
explanation tells the family that "the detention clock runs again", but the revocation
was recorded alone and the person stayed off every detention clock and due list."""

from __future__ import annotations

import json

import pytest

from expediente.custody.models import CustodyPeriod
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Event
from expediente.measures.models import Measure
from tests.api.helpers import post_json
from tests.court.forms.helpers import record_url, submit


def types(case) -> list[str]:  # type: ignore[no-untyped-def]
    return list(Event.objects.filter(case=case).order_by("seq").values_list("type", flat=True))


def test_the_form_records_the_arrest_on_the_courts_warrant_with_the_revocation(
    accused_case, impose, at, clerk_client
):
    impose(accused_case, "periodic_reporting", at(20))
    before = types(accused_case)
    response = submit(
        clerk_client,
        record_url(accused_case, "measure.revoked"),
        {"measure": "M1", "return_to_custody": "on", "reason": "Incumplió tres presentaciones."},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert types(accused_case) == [*before, "measure.revoked", "custody.arrested"]
    arrest = Event.objects.filter(case=accused_case).latest("seq")
    revoked = Event.objects.get(case=accused_case, seq=arrest.seq - 1)
    assert arrest.payload == {"person": "P1", "warrant": True}
    assert arrest.occurred_at == revoked.occurred_at
    assert Measure.objects.get(case=accused_case, uid="M1").status == "revoked"
    period = CustodyPeriod.objects.get(case=accused_case)
    assert period.ended_at is None  # held from the revocation on


def test_the_api_does_the_same_once_and_a_replay_records_nothing_more(
    accused_case, impose, at, api_clerk
):
    impose(accused_case, "periodic_reporting", at(20))
    url = f"/api/v1/cases/{accused_case.nuid}/events"
    body = {
        "type": "measure.revoked",
        "occurred_at": at(2).isoformat(),
        "payload": {"measure": "M1", "return_to_custody": True, "reason": "Incumplimiento"},
    }
    first = post_json(api_clerk, url, body, key="revoke-1")
    assert first.status_code == 201, first.content[:500]
    assert json.loads(first.content)["type"] == "measure.revoked"
    count = Event.objects.filter(case=accused_case).count()
    assert post_json(api_clerk, url, body, key="revoke-1").status_code == 200
    assert Event.objects.filter(case=accused_case).count() == count
    assert types(accused_case)[-2:] == ["measure.revoked", "custody.arrested"]


def test_without_a_return_to_custody_the_revocation_comes_alone(accused_case, impose, comply, at):
    impose(accused_case, "periodic_reporting", at(20))
    comply(accused_case, "revoked", at(2), reason="Incumplimiento")
    assert types(accused_case)[-1] == "measure.revoked"
    assert not CustodyPeriod.objects.filter(case=accused_case).exists()


def test_a_return_for_someone_already_in_custody_refuses_both(
    accused_case, impose, comply, record, at
):
    impose(accused_case, "periodic_reporting", at(20))
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=at(5))
    before = types(accused_case)
    with pytest.raises(InvalidInput) as refused:
        comply(accused_case, "revoked", at(2), reason="Incumplimiento", return_to_custody=True)
    assert "already in custody" in str(refused.value)
    assert types(accused_case) == before  # the revocation is undone with the arrest
    assert Measure.objects.get(case=accused_case, uid="M1").status == "active"


def test_a_long_client_key_still_records_both(accused_case, impose, at, api_clerk):
    # the arrest's key was the client's key plus ":custody.arrested": a valid key of 190
    # characters made it too long, and the whole revocation was refused
    impose(accused_case, "periodic_reporting", at(20))
    url = f"/api/v1/cases/{accused_case.nuid}/events"
    body = {
        "type": "measure.revoked",
        "occurred_at": at(2).isoformat(),
        "payload": {"measure": "M1", "return_to_custody": True, "reason": "Incumplimiento"},
    }
    response = post_json(api_clerk, url, body, key="k" * 190)
    assert response.status_code == 201, response.content[:500]
    assert types(accused_case)[-2:] == ["measure.revoked", "custody.arrested"]


def test_an_import_brings_no_second_arrest_its_file_carries_its_own(accused_case, impose, at):
    # the other system's file has the revocation and, on its next line, the arrest: the
    # revocation's own arrest made that line "already in custody"
    from expediente.access.models import User
    from expediente.api.importer import import_record, importer

    impose(accused_case, "periodic_reporting", at(20))
    actor = importer(User.objects.create_user("migracion", password="x" * 20))
    case = accused_case.nuid
    revoked = {"measure": "M1", "return_to_custody": True, "reason": "Incumplimiento"}
    for key, type_name, when, payload in (
        ("other-1", "measure.revoked", at(3), revoked),
        ("other-2", "custody.arrested", at(2), {"person": "P1", "warrant": True}),
    ):
        line = {"op": "event", "key": key, "case": case, "type": type_name}
        import_record(line | {"occurred_at": when.isoformat(), "payload": payload}, actor)
    assert types(accused_case)[-2:] == ["measure.revoked", "custody.arrested"]
    assert types(accused_case).count("custody.arrested") == 1
