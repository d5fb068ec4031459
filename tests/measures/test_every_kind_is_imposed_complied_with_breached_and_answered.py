"""Each kind of measure, from imposition to the judge's response to a breach."""

from __future__ import annotations

import pytest

from expediente.custody.models import CustodyPeriod
from expediente.measures.conditions import KINDS
from expediente.measures.services import measure_respond

COMPLIANCE = {
    "measure.checked_in": ("checked_in", {}),
    "measure.hours_logged": ("hours_logged", {"hours": 4}),
    "measure.payment_made": ("payment_made", {"amount": 50000}),
    "measure.attended": ("attended", {"session": "Sesión 1"}),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_measure_through_its_life(kind, accused_case, impose, comply, at, measure_of):
    impose(accused_case, kind, at(20))
    m = measure_of(accused_case)
    assert (m.kind, m.status, m.participation.uid) == (kind, "active", "P1")

    done = [t for t in sorted(KINDS[kind].accepts) if t in COMPLIANCE]
    for event_type in done:
        what, fields = COMPLIANCE[event_type]
        comply(accused_case, what, at(15), **fields)
    m.refresh_from_db()
    assert (m.check_ins, m.hours_logged, m.amount_paid, m.sessions) == (
        int("measure.checked_in" in done),
        4 * ("measure.hours_logged" in done),
        50000 * ("measure.payment_made" in done),
        int("measure.attended" in done),
    )

    if m.device:
        comply(accused_case, "device_event", at(10), device=m.device, kind="zone_breach")
    else:
        comply(accused_case, "violation_reported", at(10), source="reporting_desk")
    m.refresh_from_db()
    assert m.breaches == 1
    assert m.breach_open

    comply(accused_case, "violation_responded", at(9), response="warning")
    m.refresh_from_db()
    assert (m.breach_open, m.warnings, m.status) == (False, 1, "active")


def test_a_revocation_returns_the_person_to_custody_on_the_clock(
    accused_case, impose, comply, at, measure_of, clerk
):
    impose(accused_case, "restraining_order", at(20))
    comply(accused_case, "device_event", at(3), device="DEV-1", kind="zone_breach")
    recorded = measure_respond(
        case=accused_case,
        measure="M1",
        response="revocation",
        return_to_custody=True,
        actor=clerk,
        occurred_at=at(2),
        idempotency_key="revoke-1",
    )
    assert [r.event.type for r in recorded] == [
        "measure.violation_responded",
        "custody.arrested",
    ]
    assert measure_of(accused_case).status == "revoked"
    (period,) = CustodyPeriod.objects.filter(case=accused_case)
    assert period.started_at == at(2)
    assert period.ended_at is None


def test_community_service_is_complete_when_every_hour_is_logged(
    accused_case, impose, comply, at, measure_of, measure_deadlines
):
    impose(accused_case, "community_service", at(40), hours=12)
    comply(accused_case, "hours_logged", at(30), hours=8)
    comply(accused_case, "hours_logged", at(20), hours=4)
    m = measure_of(accused_case)
    assert (m.hours_logged, m.status) == (12, "completed")
    (d,) = measure_deadlines(accused_case)
    assert d.satisfied_at == at(20)
    assert not d.open
