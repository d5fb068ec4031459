"""A refusal that comes from the services (not from the form's own checks) reads in the
workspace's language, with days in words and moments on the court's clock: a Spanish
clerk read "No measure 'M9' in this case (measures: M1)", "May not be more than 30 days
before the case was opened on 2026-09-07" and "filed 2026-11-29T21:54:44.086888+00:00"."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import translation

from expediente.court.forms.base import say
from expediente.docket.errors import Words
from expediente.docket.models import Event
from tests.court.forms.helpers import record_url, submit

CR = ZoneInfo("America/Costa_Rica")


def test_a_measure_that_does_not_exist_is_named_in_spanish(staff_client, accused_case):
    before = Event.objects.filter(case=accused_case).count()
    url = record_url(accused_case, "measure.hours_logged")
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    page = submit(staff_client, url, {"measure": "M9", "hours": "4"})
    html = page.content.decode()
    # refused on the field itself, which lists the case's measures (none here)
    assert "no hay ninguna medida M9 en este expediente" in html, html[:3000]
    assert "No measure" not in html
    assert Event.objects.filter(case=accused_case).count() == before


def test_an_entry_long_before_the_opening_names_the_day_in_words(staff_client, accused_case):
    url = record_url(accused_case, "note.added")
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    opened = accused_case.opened_at.astimezone(CR).date()
    early = (opened - dt.timedelta(days=90)).isoformat() + "T10:00"
    html = submit(staff_client, url, {"text": "x", "occurred_at": early}).content.decode()
    assert "No puede ser más de 30 días anterior a la apertura del caso" in html, html[:3000]
    assert opened.isoformat() not in html.split("No puede ser")[1][:200]


def test_a_moment_is_said_on_the_courts_clock():
    filed = dt.datetime(2026, 11, 29, 21, 54, 44, 86888, tzinfo=dt.UTC)
    words = Words(
        "a decision cannot come before the petition it answers (filed %(filed)s)", {"filed": filed}
    )
    with translation.override("en"):
        text = say(words, CR)
    assert "15:54" in text or "3:54" in text
    assert "21:54" not in text
    assert "+00:00" not in text
    assert words.english().endswith("(filed 2026-11-29T21:54:44.086888+00:00)")  # the API's


def test_a_release_of_someone_not_in_custody_says_why_in_spanish(staff_client, accused_case):
    # it read "Elija a alguien de la lista" of the accused, who was on the list
    url = record_url(accused_case, "custody.released")
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    html = submit(staff_client, url, {"person": "P1", "reason": "order_of_court"}).content.decode()
    assert "No está bajo custodia el " in html, html[:3000]
    assert "antes no hay detención ni orden de prisión; “Libertad” requiere" in html
    assert "not in custody" not in html


def test_a_second_arrest_of_someone_in_custody_says_so_in_spanish(
    staff_client, accused_case, record
):
    record(accused_case, "custody.arrested", {"person": "P1"})
    url = record_url(accused_case, "custody.arrested")
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    html = submit(staff_client, url, {"person": "P1"}).content.decode()
    assert "Ya está bajo custodia el " in html, html[:3000]
    assert "registre antes la puesta en libertad" in html
    assert "already in custody" not in html


def test_a_recapture_without_an_escape_and_an_order_ending_before_itself_in_spanish(
    staff_client, accused_case, record
):
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    record(accused_case, "custody.arrested", {"person": "P1"})
    url = record_url(accused_case, "custody.recaptured")
    html = submit(staff_client, url, {"person": "P1"}).content.decode()
    assert "No hay ninguna evasión antes del " in html, html[:3000]
    assert "no one to recapture" not in html
    order = record_url(accused_case, "custody.pretrial_ordered")
    html = submit(
        staff_client, order, {"person": "P1", "until": "2020-01-31", "grounds": "Peligro de fuga"}
    ).content.decode()
    assert "El último día de detención, 31 de enero de 2020, es anterior a la propia orden" in html


def test_an_entry_that_makes_a_later_one_impossible_says_which_and_why_in_spanish(
    staff_client, accused_case, record
):
    # an arrest typed before the arrest on record makes that later arrest one of someone
    # already in custody; the clerk read "with this event on 2026-… the later entry 3
    # (“Arrest”) could not have happened: …" in English
    arrested = record(accused_case, "custody.arrested", {"person": "P1"})
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    earlier = arrested.event.occurred_at.astimezone(CR) - dt.timedelta(days=1)
    url = record_url(accused_case, "custody.arrested")
    before = Event.objects.filter(case=accused_case).count()
    html = submit(
        staff_client, url, {"person": "P1", "occurred_at": earlier.strftime("%Y-%m-%dT%H:%M")}
    ).content.decode()
    assert f"Con esta anotación del {earlier.day} de " in html, html[:3000]
    assert f", la anotación posterior {arrested.event.seq} (“" in html
    assert "no pudo haber ocurrido: ya está bajo custodia el " in html
    assert "could not have happened" not in html
    assert Event.objects.filter(case=accused_case).count() == before


def test_a_hearing_never_scheduled_cannot_be_held_and_says_so_in_spanish(
    staff_client, accused_case
):
    url = record_url(accused_case, "hearing.held")
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    before = Event.objects.filter(case=accused_case).count()
    html = submit(staff_client, url, {"hearing": "H9"}).content.decode()
    # the form's list refuses it before the service would (court/forms/hearings.py)
    assert "Elija una de las audiencias de la lista: en este caso no hay ninguna audiencia H9." in (
        html
    ), html[:3000]
    assert "no hearing" not in html
    assert Event.objects.filter(case=accused_case).count() == before


def test_the_last_evening_of_the_last_year_is_refused_by_the_form_in_spanish(
    staff_client, accused_case
):
    # 31 December 2200 at 20:00 in San José is 2201 in UTC: the form let it through and
    # the payload schema refused it in English
    url = record_url(accused_case, "hearing.scheduled")
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    html = submit(
        staff_client, url, {"hearing": "H1", "kind": "trial", "starts_at": "2200-12-31T20:00"}
    ).content.decode()
    assert "Escriba una fecha entre los años 1900 y 2200" in html, html[:3000]
    assert "Must be a date" not in html


def test_a_procedure_the_court_does_not_hear_is_named_in_the_readers_language(court, clerk):
    """The service's refusal names the procedures by their names, in Spanish on a form
    (it named them by their English ids: "no conoce casos de procedimiento juvenile")."""
    import pytest

    from expediente.docket.errors import InvalidInput
    from expediente.docket.services import case_open
    from tests.conftest import NOW

    court.procedures = ["adult"]
    court.save()
    with pytest.raises(InvalidInput) as refused:
        case_open(court=court, actor=clerk, procedure="juvenile", occurred_at=NOW)
    with translation.override("es"):
        said = say(refused.value.words["procedure"], CR)
    assert said == (
        "Juzgado Penal de San José no conoce casos de procedimiento “Penal juvenil” "
        "(conoce: “Personas adultas”)"
    )
