"""A correction is a new entry that points at the one it corrects: the original stays
on the record, unchanged."""

import datetime as dt
import re

from expediente.docket.models import Event, Participation
from tests.court.forms.helpers import drawn, events, field_error, last, messages_of

HEARING = {"hearing": "H1", "kind": "trial", "starts_at": "2026-12-10T15:30:00Z"}
SCHEDULED_AT = dt.datetime(2026, 11, 2, 16, 0, tzinfo=dt.UTC)  # 10:00 in San José
WHY = "The courtroom was typed wrong"


def correct_url(case, seq):
    return f"/court/cases/{case.nuid}/events/{seq}/correct/"


def scheduled(case, record):
    return record(case, "hearing.scheduled", HEARING, occurred_at=SCHEDULED_AT).event


def test_the_form_is_filled_in_with_the_original_values(staff_client, accused_case, record):
    original = scheduled(accused_case, record)
    html = staff_client.get(correct_url(accused_case, original.seq)).content.decode()
    assert 'name="hearing" value="H1"' in html
    assert '<option value="trial" selected>' in html
    assert 'name="starts_at" value="2026-12-10T09:30"' in html  # on the court clock
    assert 'name="occurred_at" value="2026-11-02T10:00"' in html


def test_the_original_is_shown_beside_the_form_and_stays_on_the_record(
    staff_client, accused_case, record
):
    original = scheduled(accused_case, record)
    html = staff_client.get(correct_url(accused_case, original.seq)).content.decode()
    aside = re.search(r'<aside class="original".*?</aside>', html, re.S)
    assert aside
    assert f"Entry {original.seq}, as recorded" in aside[0]
    assert "This entry stays on the record as it is." in aside[0]
    assert "<dt>Kind of hearing</dt><dd>Trial</dd>" in aside[0]


def test_a_correction_records_a_new_entry_pointing_at_the_original(
    staff_client, accused_case, record
):
    original = scheduled(accused_case, record)
    before = Event.objects.get(pk=original.pk)
    url = correct_url(accused_case, original.seq)
    page = staff_client.get(url)
    response = staff_client.post(
        url, drawn(page) | {"courtroom": "Sala 2", "correction_reason": WHY}
    )
    assert response.status_code == 302
    correction = last(accused_case)
    assert correction.seq == original.seq + 1
    assert correction.type == "hearing.scheduled"
    assert correction.corrects_seq == original.seq
    assert correction.payload == HEARING | {"courtroom": "Sala 2"}
    assert correction.occurred_at == original.occurred_at
    assert correction.correction_reason == WHY
    after = Event.objects.get(pk=original.pk)
    assert (after.payload, after.hash, after.occurred_at) == (
        before.payload,
        before.hash,
        before.occurred_at,
    )
    assert messages_of(response) == [
        f"Recorded: correction of entry {original.seq}, Hearing scheduled"
    ]


def test_a_party_is_corrected_without_becoming_someone_else(staff_client, accused_case):
    url = correct_url(accused_case, 2)  # the accused, José Pérez Mora
    page = staff_client.get(url)
    assert 'name="given_names" value="José"' in page.content.decode()
    staff_client.post(
        url, drawn(page) | {"family_names": "Pérez Mora Solano", "correction_reason": WHY}
    )
    correction = last(accused_case)
    assert correction.corrects_seq == 2
    assert correction.payload["participant"] == "P1"
    party = Participation.objects.select_related("person").get(case=accused_case, uid="P1")
    assert party.person.family_names == "Pérez Mora Solano"
    assert events(accused_case)[1].payload["person"]["family_names"] == "Pérez Mora"


def test_a_charge_is_corrected_with_another_offence(staff_client, accused_case):
    url = correct_url(accused_case, 4)  # C1, theft
    page = staff_client.get(url)
    assert '<option value="CP-208" selected>' in page.content.decode()
    staff_client.post(url, drawn(page) | {"offence": "CP-209", "correction_reason": WHY})
    correction = last(accused_case)
    assert (correction.type, correction.corrects_seq) == ("charge.filed", 4)
    assert correction.payload["charge"] == "C1"
    assert correction.payload["offence"] == "CP-209"


def test_a_correction_submitted_twice_is_recorded_once(staff_client, accused_case, record):
    original = scheduled(accused_case, record)
    url = correct_url(accused_case, original.seq)
    values = drawn(staff_client.get(url)) | {"courtroom": "Sala 2", "correction_reason": WHY}
    staff_client.post(url, values)
    staff_client.post(url, values)
    assert len([e for e in events(accused_case) if e.corrects_seq == original.seq]) == 1


def test_bad_input_in_a_correction_is_shown_next_to_the_field(staff_client, accused_case, record):
    original = scheduled(accused_case, record)
    url = correct_url(accused_case, original.seq)
    before = len(events(accused_case))
    response = staff_client.post(url, drawn(staff_client.get(url)) | {"starts_at": "soon"})
    assert 'id="id_starts_at_error"' in response.content.decode()
    assert len(events(accused_case)) == before


def test_an_entry_that_does_not_exist_is_not_found(staff_client, accused_case):
    assert staff_client.get(correct_url(accused_case, 99)).status_code == 404


def test_a_charged_accused_is_not_corrected_into_a_victim(staff_client, accused_case):
    url = correct_url(accused_case, 2)  # the accused, charged in C1
    before = len(events(accused_case))
    values = drawn(staff_client.get(url)) | {"role": "victim", "correction_reason": WHY}
    said = field_error(staff_client.post(url, values), "role")
    assert said.startswith("May not change from accused while a charge names")
    assert "(C1)" in said
    said = field_error(staff_client.post(url, values, HTTP_ACCEPT_LANGUAGE="es"), "role")
    assert said.startswith("No puede dejar de ser persona imputada mientras un cargo")
    assert len(events(accused_case)) == before
    assert Participation.objects.get(case=accused_case, uid="P1").role == "accused"
