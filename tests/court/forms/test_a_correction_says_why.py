"""Every correction made from the staff forms says why; the case page shows the reason
beside it, and "no reason recorded" for a correction made before reasons were asked for."""

import re

from django.db import transaction
from django.utils import timezone

from expediente.access.policy import Actor
from expediente.docket.models import Case, Event
from expediente.docket.services.common import append
from expediente.rules.loader import load_pack
from tests.court.forms.helpers import drawn, events, field_error, last

WHY = "The courtroom was typed wrong: it is Sala 2"
NOTE = {"text": "Informe pericail recibido"}


def correct_url(case, seq):
    return f"/court/cases/{case.nuid}/events/{seq}/correct/"


def noted(case, record):
    return record(case, "note.added", NOTE).event


def entry(html, seq):
    found = re.search(rf'<article[^>]*id="event-{seq}".*?</article>', html, re.S)
    assert found, f"no timeline entry #{seq}"
    return found.group(0)


def test_the_reason_is_recorded_trimmed_and_shown_beside_the_correction(
    staff_client, accused_case, record
):
    original = noted(accused_case, record)
    url = correct_url(accused_case, original.seq)
    page = staff_client.get(url)
    assert 'name="correction_reason"' in page.content.decode()
    values = drawn(page) | {"text": "Informe pericial recibido", "correction_reason": f"  {WHY} "}
    assert staff_client.post(url, values).status_code == 302
    correction = last(accused_case)
    assert (correction.corrects_seq, correction.correction_reason) == (original.seq, WHY)
    html = staff_client.get(f"/court/cases/{accused_case.nuid}/").content.decode()
    assert f"Why it was corrected:</strong> {WHY}" in entry(html, correction.seq)


def test_a_reason_typed_on_two_lines_is_recorded(staff_client, accused_case, record):
    """A browser sends the textarea's line breaks as CRLF: they are line breaks, not
    control characters (the form refused every reason on two lines)."""
    original = noted(accused_case, record)
    url = correct_url(accused_case, original.seq)
    two_lines = "The word was misspelt.\r\nSee the original report."
    values = drawn(staff_client.get(url)) | {
        "text": "Informe pericial recibido",
        "correction_reason": two_lines,
    }
    assert staff_client.post(url, values).status_code == 302
    reason = last(accused_case).correction_reason
    assert reason == "The word was misspelt.\nSee the original report."


def test_a_correction_without_a_reason_is_refused_and_writes_nothing(
    staff_client, accused_case, record
):
    original = noted(accused_case, record)
    url = correct_url(accused_case, original.seq)
    before = len(events(accused_case))
    for typed in ("", "   ", "ok"):
        values = drawn(staff_client.get(url)) | {"text": "Otro texto", "correction_reason": typed}
        response = staff_client.post(url, values)
        assert response.status_code == 200
        said = field_error(response, "correction_reason")
        assert said.startswith("Say why the entry is corrected"), said
    assert len(events(accused_case)) == before


def test_a_reason_too_long_is_refused_and_writes_nothing(staff_client, accused_case, record):
    original = noted(accused_case, record)
    url = correct_url(accused_case, original.seq)
    before = len(events(accused_case))
    values = drawn(staff_client.get(url)) | {"text": "Otro", "correction_reason": "x" * 501}
    said = field_error(staff_client.post(url, values), "correction_reason")
    assert said == "Use at most 500 characters (you typed 501)."
    assert len(events(accused_case)) == before


def test_the_form_asks_in_spanish_too(staff_client, accused_case, record):
    original = noted(accused_case, record)
    url = correct_url(accused_case, original.seq)
    values = drawn(staff_client.get(url)) | {"text": "Otro texto"}
    response = staff_client.post(url, values, HTTP_ACCEPT_LANGUAGE="es")
    assert field_error(response, "correction_reason").startswith("Diga por qué")


def test_a_closed_case_is_reopened_before_a_correction(staff_client, accused_case, record):
    original = noted(accused_case, record)
    record(accused_case, "case.dismissed", {"reason": "insufficient_evidence"})
    before = len(events(accused_case))
    url = correct_url(accused_case, original.seq)
    response = staff_client.get(url)
    assert response.status_code == 409
    assert "Reopen the case first." in response.content.decode()
    values = {"text": "Otro", "correction_reason": WHY, "occurred_at": "2026-02-01T09:00"}
    staff_client.post(url, values)
    assert len(events(accused_case)) == before


def old_correction(case: Case, original: Event) -> Event:
    """A correction as recorded before reasons were asked for: no reason (appended with
    the docket's own ``append``, as the log holds them)."""
    with transaction.atomic():
        locked = Case.objects.select_for_update().select_related("court").get(pk=case.pk)
        return append(
            case=locked,
            pack=load_pack(locked.court.rule_pack),
            type_name=original.type,
            payload={"text": "Informe pericial recibido"},
            actor=Actor.staff(original.actor),
            occurred_at=original.occurred_at,
            now=timezone.now(),
            corrects_seq=original.seq,
            idempotency_key=None,
            digest="an old correction",
        )


def test_a_correction_recorded_before_reasons_says_none_was_recorded(
    staff_client, accused_case, record
):
    original = noted(accused_case, record)
    old = old_correction(accused_case, original)
    assert old.correction_reason is None
    html = staff_client.get(f"/court/cases/{accused_case.nuid}/").content.decode()
    assert "No reason recorded" in entry(html, old.seq)
    # correcting it again shows, beside the form, that it had none
    page = staff_client.get(correct_url(accused_case, old.seq)).content.decode()
    assert "<dt>Why it was corrected</dt><dd>No reason recorded</dd>" in page
