"""A correction restates an entry; the latest one is what the case holds. Correcting an
earlier version (a form left open while a colleague corrected the entry, an API client's
stale number) started from what that version said and silently undid the correction made
since: it is refused, naming the version to correct, and nothing is written."""

from __future__ import annotations

import pytest

from expediente.docket.errors import Conflict
from expediente.docket.models import Event
from tests.api.helpers import problem

FIXED = {
    "role": "accused",
    "person": {"given_names": "José", "family_names": "Pérez Mora", "id_number": "1-0234-0568"},
}


def test_correcting_a_corrected_entry_is_refused_naming_its_latest_version(accused_case, record):
    record(accused_case, "participant.added", FIXED, corrects_seq=2)  # #5 corrects #2
    again = dict(FIXED, person=dict(FIXED["person"], id_number="1-0234-0569"))
    record(accused_case, "participant.added", again, corrects_seq=5)  # #6 corrects #5
    before = Event.objects.filter(case=accused_case).count()
    with pytest.raises(Conflict) as refused:
        record(accused_case, "participant.added", FIXED, corrects_seq=2)
    assert refused.value.errors == [{"field": "corrects", "message": "superseded: correct entry 6"}]
    with pytest.raises(Conflict):
        record(accused_case, "participant.added", FIXED, corrects_seq=5)
    assert Event.objects.filter(case=accused_case).count() == before
    # the latest version may be corrected
    record(accused_case, "participant.added", FIXED, corrects_seq=6)


def test_over_the_api_it_is_a_409_naming_corrects(api_clerk, accused_case, record):
    record(accused_case, "participant.added", FIXED, corrects_seq=2)
    body = {
        "type": "participant.added",
        "payload": FIXED,
        "occurred_at": "2026-02-01T10:00:00Z",
        "corrects": 2,
        "correction_reason": "Typed wrong when recorded",
    }
    r = api_clerk.post(
        f"/api/v1/cases/{accused_case.nuid}/events", body, content_type="application/json"
    )
    p = problem(r, 409, "superseded")
    assert p["errors"] == [{"field": "corrects", "message": "superseded: correct entry 5"}]
    assert p["latest"] == 5
