"""A clerk corrects an entry recorded in an earlier stage (the indictment, once the trial
has begun) from the case's timeline; in a closed case the correction page says to reopen
the case first, in the reader's language, and records nothing."""

from expediente.docket.models import Event
from tests.court.forms.helpers import drawn, events, last, to_trial


def correct_url(case, seq):
    return f"/court/cases/{case.nuid}/events/{seq}/correct/"


def indictment(case):
    return Event.objects.get(case=case, type="indictment.filed")


def test_the_indictment_is_corrected_during_the_trial(staff_client, accused_case, record):
    to_trial(accused_case, record)
    original = indictment(accused_case).seq
    url = correct_url(accused_case, original)
    page = staff_client.get(url)
    assert page.status_code == 200
    response = staff_client.post(
        url,
        drawn(page)
        | {"occurred_at": "2026-01-20T09:00", "correction_reason": "Recorded with a mistake"},
    )
    assert response.status_code == 302
    fixed = last(accused_case)
    assert (fixed.type, fixed.corrects_seq) == ("indictment.filed", original)
    accused_case.refresh_from_db()
    assert accused_case.stage == "trial"


def test_a_closed_case_is_reopened_first(staff_client, accused_case, record):
    to_trial(accused_case, record)
    record(accused_case, "case.dismissed", {"reason": "withdrawn"})
    before = len(events(accused_case))
    response = staff_client.get(
        correct_url(accused_case, indictment(accused_case).seq), HTTP_ACCEPT_LANGUAGE="es"
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "no se puede corregir" in html
    assert "Primero reabra el expediente" in html
    assert len(events(accused_case)) == before


def test_the_timeline_offers_to_correct_it(staff_client, accused_case, record):
    to_trial(accused_case, record)
    html = staff_client.get(f"/court/cases/{accused_case.nuid}/").content.decode()
    assert f'href="{correct_url(accused_case, indictment(accused_case).seq)}"' in html
