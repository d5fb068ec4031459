"""Every error the staff pages list away from the field names the field: the case
search's too-long text and unknown option, the verdict's sentence in months; and a day
written as year-month-day that does not exist is told so, not asked for in that format."""

import re
from zoneinfo import ZoneInfo

from django.utils import timezone

from expediente.access.models import ParticipantCode
from tests.court.forms.helpers import record_url, submit, summary_links, to_trial


def _summary(html: str) -> list[str]:
    box = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert box, "no error summary"
    return [re.sub(r"<[^>]+>", "", m) for m in re.findall(r"<li>(.*?)</li>", box.group(0), re.S)]


def test_the_case_search_names_the_field_of_each_error(staff_client):
    html = staff_client.get("/court/cases/", {"q": "x" * 300, "procedure": "bogus"}).content
    said = _summary(html.decode())
    assert any(
        s.startswith("Case number, national identifier, police report number or name: ")
        and "200" in s
        for s in said
    ), said
    assert any(s.startswith("Procedure: ") and "bogus" in s for s in said), said


def test_the_search_says_it_in_spanish(staff_client):
    html = staff_client.get(
        "/court/cases/", {"procedure": "bogus"}, HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert any(s.startswith("Procedimiento: ") for s in _summary(html))


def test_the_verdict_says_the_number_is_the_sentence_in_months(staff_client, accused_case, record):
    to_trial(accused_case, record)
    data = {"accused": "P1", "outcome": "convicted", "sentence_months": "5000"}
    response = submit(staff_client, record_url(accused_case, "verdict.delivered"), data)
    assert ("id_sentence_months", "Sentence in months: Enter a whole number from 1 to 1200.") in (
        summary_links(response)
    )


def test_a_day_that_does_not_exist_is_told_so_on_the_calendar(staff_client):
    html = staff_client.get("/court/calendar/", {"date": "2026-02-30"}).content.decode()
    said = _summary(html)
    assert said == ["Day: There is no day 2026-02-30 in the calendar: check the month and the day."]
    assert "year-month-day" not in " ".join(said)
    # a day in another shape is still asked for as year-month-day
    other = _summary(staff_client.get("/court/calendar/", {"date": "30/02/2026"}).content.decode())
    assert "year-month-day" in other[0]


def test_a_day_that_does_not_exist_is_told_so_on_an_entry_form(staff_client, accused_case):
    data = {"person": "P1", "until": "2027-02-30", "grounds": "Peligro de fuga"}
    response = submit(staff_client, record_url(accused_case, "custody.pretrial_ordered"), data)
    messages = dict(summary_links(response))
    assert messages["id_until"].endswith(
        "There is no day 2027-02-30 in the calendar: check the month and the day."
    )


def test_a_codes_expiry_that_does_not_exist_is_told_so(staff_client, accused_case):
    url = f"/court/cases/{accused_case.nuid}/codes/P1/issue/"
    response = staff_client.post(url, {"language": "es", "expires_on": "2027-02-30"})
    assert response.status_code == 400
    said = _summary(response.content.decode())
    assert said == [
        "Expires on (optional): There is no day 2027-02-30 in the calendar: check the month "
        "and the day."
    ]
    assert not ParticipantCode.objects.filter(case=accused_case).exists()


def _in(client, language):  # type: ignore[no-untyped-def]
    client.cookies.load({"django_language": language})
    return client


def test_a_bad_hearing_time_names_its_field_in_the_summary(staff_client, accused_case):
    # "Escriba una fecha y hora válidas…" alone: the message used the label's words
    # ("Fecha y hora"), which was taken for naming it, and the page has two date-times
    url = record_url(accused_case, "hearing.scheduled")
    data = {"hearing": "H1", "kind": "custody", "starts_at": "2031-99-01T09:00"}
    # the example is today on the court's clock, at half past nine
    today = timezone.now().astimezone(ZoneInfo(accused_case.court.timezone)).date()
    example = f"{today.isoformat()} 09:30"
    for language, said in (
        ("es", f"Fecha y hora: Escriba una fecha y hora válidas, por ejemplo {example}."),
        ("en", f"Date and time: Enter a real date and time, for example {example}."),
    ):
        response = submit(_in(staff_client, language), url, data)
        assert dict(summary_links(response))["id_starts_at"] == said


def test_a_question_label_is_quoted_whole_in_the_summary(staff_client, accused_case):
    # it read "¿Cuándo ocurrió: No puede ser en el futuro…", an opening ¿ never closed
    url = record_url(accused_case, "custody.arrested")
    data = {"person": "P1", "occurred_at": "2099-01-01T09:00"}
    for language, said in (
        ("es", "«¿Cuándo ocurrió?»: No puede ser en el futuro: registre lo que ya ocurrió."),
        ("en", "“When did it happen?”: This cannot be in the future: record what has happened."),
        ("fr", "« "),
        ("pt", "“"),
    ):
        response = submit(_in(staff_client, language), url, data)
        line = dict(summary_links(response))["id_occurred_at"]
        assert line.startswith(said), line
        question = line.split("»" if language in ("es", "fr") else "”")[0]
        assert question.rstrip().endswith("?"), line
