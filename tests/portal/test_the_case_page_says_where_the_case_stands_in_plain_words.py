"""What the sister reads after signing in: the stage and what it means, what happens
next, her rights, the next hearing on the court's clock, how long her brother has been
detained and when the judge must review it, and the history in plain words."""

from django.test import Client
from django.utils import formats, timezone, translation

from expediente.custody.models import Deadline
from tests.portal.conftest import days_ago, hearing_day, text_of


def case_page(case, code, language="es") -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.post("/follow/", {"case_number": case.nuid, "code": code})
    response = client.get("/follow/case/")
    assert response.status_code == 200
    return text_of(response.content.decode())


def test_the_stage_what_it_means_and_what_comes_next(detained_case, issue):
    text = case_page(detained_case, issue(detained_case, "P1"), "en")
    assert "Where the case stands" in text
    assert "Preliminary investigation" in text  # the Costa Rican pack's name for the stage
    assert "The Public Prosecutor's Office investigates what happened." in text
    assert "What happens next" in text
    assert "The prosecution may ask for a trial" in text


def test_the_rights_cite_their_source(detained_case, issue):
    text = case_page(detained_case, issue(detained_case, "P1"), "en")
    assert "Your rights" in text
    assert "ICCPR art. 9(4)" in text
    assert "International Covenant on Civil and Political Rights, art. 9(3)" in text


def test_the_next_hearing_on_the_courts_clock_with_what_will_happen(detained_case, issue):
    text = case_page(detained_case, issue(detained_case, "P1"), "en")
    when = hearing_day()
    with translation.override("en"):
        day = f"{formats.date_format(when, 'l')} {formats.date_format(when, 'DATE_FORMAT')}"
    assert f"{day}, 09:30" in text
    assert "Courtroom: Sala 3" in text
    assert "hears the accusation and the defence" in text


def test_the_days_detained_and_the_review_date_in_spanish(detained_case, issue):
    text = case_page(detained_case, issue(detained_case, "P1"), "es")
    days = (timezone.now() - days_ago(20, 8)).days
    assert f"{days} días de detención" in text  # the custody clock's own sentence
    review = Deadline.objects.get(case=detained_case, rule_id="cr.pretrial_review", open=True)
    with translation.override("es"):
        due = formats.date_format(review.due_on, "DATE_FORMAT")
    assert f"El tribunal debe revisar la prisión preventiva a más tardar el {due}." in text
    assert "Código Procesal Penal (Ley 7594) art. 253" in text


def test_the_history_in_plain_words_in_spanish(detained_case, issue):
    text = case_page(detained_case, issue(detained_case, "P1"), "es")
    assert "Aprehensión" in text  # the pack's Spanish label
    assert "La persona fue detenida." in text  # the pack's Spanish explanation
    assert "Prisión preventiva ordenada" in text
    assert "Audiencia programada" in text


def test_a_correction_is_shown_as_a_correction(detained_case, issue, record):
    hearing = detained_case.events.get(type="hearing.scheduled")
    record(
        detained_case,
        "hearing.scheduled",
        {**hearing.payload, "courtroom": "Sala 5"},
        corrects_seq=hearing.seq,
        occurred_at=days_ago(1),
    )
    text = case_page(detained_case, issue(detained_case, "P1"), "en")
    assert "corrected below" in text
    assert "correction" in text
    assert "The court corrected an earlier entry." in text
    assert "Courtroom: Sala 5" in text


def test_staff_notes_and_free_text_never_reach_the_portal(detained_case, issue, record):
    record(detained_case, "note.added", {"text": "Nota interna del despacho"})
    text = case_page(detained_case, issue(detained_case, "P1"), "es")
    assert "Nota interna" not in text
    assert "Peligro de fuga" not in text  # the grounds of the detention order: free text
