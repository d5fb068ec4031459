"""QA: the "hearing not held" form (and "held", "rescheduled") asked the clerk to type
the hearing's internal id. Now the clerk chooses it from the case's hearings still open
for that entry, each shown with its day and time on the court's clock, its kind and its
courtroom: held or not held only a hearing still scheduled; a new date for one still
scheduled or not held. A hearing not open for the entry (already held, not held, never
scheduled) is refused next to the field, saying why, and nothing is recorded; the
service refuses it too, naming ``payload.hearing``, so the API says the same. A
correction still offers the hearing its entry named."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from expediente.docket.errors import InvalidInput
from expediente.docket.models import Event
from tests.api.helpers import fields, message, post_json, problem
from tests.court.forms.helpers import events, field_error, last, record_url, submit

H1_AT = "2026-03-10T09:00:00-06:00"  # 9 a.m. in San José is 3 p.m. UTC
H2_AT = "2026-03-12T09:00:00-06:00"
H3_AT = "2026-03-14T14:30:00-06:00"


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@pytest.fixture
def hearings(accused_case, record):
    """H1 scheduled (preliminary, Sala 3), H2 held, H3 not held."""
    for hid, starts, kind in (("H1", H1_AT, "preliminary"), ("H2", H2_AT, "trial")):
        payload = {"hearing": hid, "kind": kind, "starts_at": starts, "courtroom": "Sala 3"}
        record(accused_case, "hearing.scheduled", payload)
    record(
        accused_case, "hearing.scheduled", {"hearing": "H3", "kind": "review", "starts_at": H3_AT}
    )
    record(accused_case, "hearing.held", {"hearing": "H2"}, occurred_at=at(H2_AT))
    not_held = {"hearing": "H3", "reason": "judge_unavailable"}
    record(accused_case, "hearing.not_held", not_held, occurred_at=at(H3_AT))
    return accused_case


def offered(html: str) -> dict[str, str]:
    """The hearings the form offers: {id: label}."""
    select = re.search(r'<select name="hearing".*?</select>', html, re.S)
    assert select, "the hearing is not a choice"
    found = re.findall(r'<option value="([^"]*)"[^>]*>(.*?)</option>', select[0], re.S)
    return {value: label for value, label in found if value}


@pytest.mark.parametrize("type_name", ["hearing.held", "hearing.not_held"])
def test_held_or_not_held_offers_the_hearings_still_scheduled(staff_client, hearings, type_name):
    options = offered(staff_client.get(record_url(hearings, type_name)).content.decode())
    assert list(options) == ["H1"]
    label = options["H1"]
    assert "Preliminary hearing" in label
    assert "10 March 2026" in label
    assert "09:00" in label  # on the court's clock, not 15:00 UTC
    assert "Sala 3" in label


def test_a_new_date_is_offered_for_a_hearing_scheduled_or_not_held(staff_client, hearings):
    options = offered(
        staff_client.get(record_url(hearings, "hearing.rescheduled")).content.decode()
    )
    assert list(options) == ["H1", "H3"]  # not H2, which was held
    assert "Review" in options["H3"]
    assert "14:30" in options["H3"]


def test_choosing_a_hearing_records_it_not_held(staff_client, hearings):
    response = submit(
        staff_client,
        record_url(hearings, "hearing.not_held"),
        {"hearing": "H1", "reason": "defence_absent"},
    )
    assert response.status_code == 302, field_error(response, "hearing")
    assert last(hearings).type == "hearing.not_held"
    assert last(hearings).payload == {"hearing": "H1", "reason": "defence_absent"}


def test_a_hearing_already_held_is_refused_next_to_the_field(staff_client, hearings):
    before = len(events(hearings))
    held = Event.objects.get(case=hearings, type="hearing.held")
    response = submit(staff_client, record_url(hearings, "hearing.held"), {"hearing": "H2"})
    assert response.status_code == 200
    said = field_error(response, "hearing")
    assert f"Hearing H2 was already recorded as held (entry {held.seq})" in said, said
    assert f"correct entry {held.seq}" in said
    assert len(events(hearings)) == before


def test_a_hearing_not_held_needs_a_new_date_before_it_is_held(staff_client, hearings):
    before = len(events(hearings))
    response = submit(staff_client, record_url(hearings, "hearing.held"), {"hearing": "H3"})
    said = field_error(response, "hearing")
    assert "Hearing H3 was recorded as not held" in said, said
    assert "Hearing rescheduled" in said
    assert len(events(hearings)) == before


def test_a_hearing_never_scheduled_is_refused_next_to_the_field(staff_client, hearings):
    before = len(events(hearings))
    response = submit(staff_client, record_url(hearings, "hearing.not_held"), {"hearing": "H9"})
    said = field_error(response, "hearing")
    assert "Choose one of the hearings listed" in said, said
    assert "H9" in said
    assert len(events(hearings)) == before


def test_nothing_chosen_is_refused_next_to_the_field(staff_client, hearings):
    response = submit(staff_client, record_url(hearings, "hearing.held"), {"hearing": ""})
    assert field_error(response, "hearing") == "Choose the hearing."


def test_a_case_without_a_hearing_waiting_says_so(staff_client, accused_case):
    html = staff_client.get(record_url(accused_case, "hearing.held")).content.decode()
    assert offered(html) == {}
    assert "No hearing of this case is waiting to be held or not held" in html


def test_a_correction_still_offers_the_hearing_its_entry_named(staff_client, hearings):
    held = Event.objects.get(case=hearings, type="hearing.held")
    url = f"/court/cases/{hearings.nuid}/events/{held.seq}/correct/"
    html = staff_client.get(url).content.decode()
    assert list(offered(html)) == ["H1", "H2"]
    assert re.search(r'<option value="H2" selected>', html)
    response = submit(
        staff_client,
        url,
        {"summary": "Se escuchó a las partes.", "correction_reason": "Recorded with a mistake"},
    )
    assert response.status_code == 302, field_error(response, "hearing")
    assert last(hearings).payload == {"hearing": "H2", "summary": "Se escuchó a las partes."}


def test_the_service_refuses_a_hearing_held_twice(hearings, record):
    with pytest.raises(InvalidInput) as refused:
        record(hearings, "hearing.held", {"hearing": "H2"}, occurred_at=at(H2_AT))
    assert [e["field"] for e in refused.value.errors] == ["payload.hearing"]
    assert "already recorded as held" in refused.value.errors[0]["message"]


def test_the_service_refuses_a_new_date_for_a_hearing_held(hearings, record):
    payload = {"hearing": "H2", "starts_at": "2026-04-01T09:00:00-06:00", "reason": "x"}
    with pytest.raises(InvalidInput) as refused:
        record(hearings, "hearing.rescheduled", payload)
    assert [e["field"] for e in refused.value.errors] == ["payload.hearing"]
    assert "was already held" in refused.value.errors[0]["message"]


def test_the_api_refuses_a_hearing_not_open_naming_the_field(hearings, api_clerk):
    before = len(events(hearings))
    body = {"type": "hearing.not_held", "occurred_at": H3_AT, "payload": {"hearing": "H3"}}
    body["payload"]["reason"] = "court_closed"
    p = problem(post_json(api_clerk, f"/api/v1/cases/{hearings.nuid}/events", body), 422)
    assert fields(p) == ["payload.hearing"]
    assert "was recorded as not held" in message(p, "payload.hearing")
    assert len(events(hearings)) == before


def test_a_correction_may_not_leave_a_later_entry_naming_a_hearing_never_scheduled(
    hearings, record
):
    scheduling = Event.objects.get(case=hearings, type="hearing.scheduled", payload__hearing="H2")
    renamed = {"hearing": "H7", "kind": "trial", "starts_at": H2_AT, "courtroom": "Sala 3"}
    before = len(events(hearings))
    with pytest.raises(InvalidInput) as refused:
        record(hearings, "hearing.scheduled", renamed, corrects_seq=scheduling.seq)
    assert [e["field"] for e in refused.value.errors] == ["payload.hearing"]
    held = Event.objects.get(case=hearings, type="hearing.held")
    said = refused.value.errors[0]["message"]
    assert said.startswith(f"with this entry, the later entry {held.seq} could not have happened: ")
    assert "no hearing H2 is scheduled in this case" in said
    assert len(events(hearings)) == before
