"""A page submitted twice (double click, back button) records once: its one-time key
makes the second submission a replay of the first."""

from expediente.docket.models import Case
from tests.court.forms.helpers import (
    case_url,
    drawn,
    events,
    hidden,
    messages_of,
    record_url,
    summary_text,
)

NOTE = {"text": "The accused asked for an interpreter."}


def twice(client, url, data):
    page = client.get(url)
    values = drawn(page) | data
    return client.post(url, values), client.post(url, values)


def test_a_double_click_records_one_event(staff_client, accused_case):
    before = len(events(accused_case))
    first, second = twice(staff_client, record_url(accused_case, "note.added"), NOTE)
    assert len(events(accused_case)) == before + 1
    assert first.status_code == second.status_code == 302
    assert second["Location"] == case_url(accused_case)
    assert messages_of(second)[-1].startswith("Already recorded: Note.")


def test_a_party_added_twice_is_added_once(staff_client, accused_case):
    data = {"role": "witness", "kind": "natural", "given_names": "Rosa", "family_names": "Solís"}
    twice(staff_client, f"/court/cases/{accused_case.nuid}/participants/add/", data)
    added = [e for e in events(accused_case) if e.type == "participant.added"]
    assert len(added) == 3  # the accused, the victim, Rosa


def test_a_charge_filed_twice_is_filed_once(staff_client, accused_case):
    twice(
        staff_client,
        f"/court/cases/{accused_case.nuid}/charges/add/",
        {"accused": "P1", "offence": "CP-212"},
    )
    assert len([e for e in events(accused_case) if e.type == "charge.filed"]) == 2


def test_a_case_opened_twice_is_opened_once(staff_client, court):
    first, second = twice(
        staff_client, "/court/cases/new/", {"court": court.code, "procedure": "adult"}
    )
    assert Case.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_page_used_again_with_other_values_records_nothing_and_offers_a_fresh_page(
    staff_client, accused_case
):
    url = record_url(accused_case, "note.added")
    page = staff_client.get(url)
    staff_client.post(url, drawn(page) | NOTE)
    before = len(events(accused_case))
    response = staff_client.post(url, drawn(page) | {"text": "Something else."})
    assert response.status_code == 200
    assert len(events(accused_case)) == before
    assert "This page was already used to record an entry" in summary_text(response)
    assert hidden(response)["idempotency_key"] != hidden(page)["idempotency_key"]
    assert staff_client.post(url, drawn(response)).status_code == 302
    assert len(events(accused_case)) == before + 1


def test_each_drawing_of_a_form_has_its_own_key(staff_client, accused_case):
    url = record_url(accused_case, "note.added")
    keys = {hidden(staff_client.get(url))["idempotency_key"] for _ in range(3)}
    assert len(keys) == 3


def test_form_pages_are_not_kept_in_caches(staff_client, accused_case):
    response = staff_client.get(record_url(accused_case, "note.added"))
    assert "no-store" in response["Cache-Control"]
