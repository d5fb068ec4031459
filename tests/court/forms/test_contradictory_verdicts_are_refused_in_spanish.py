"""The staff form shows a refused verdict's error on the field at fault, in Spanish, and
records nothing: an acquittal with a prison sentence, a second verdict for the accused,
a verdict dated before the trial, a correction that changes nothing."""

import datetime as dt
from zoneinfo import ZoneInfo

from tests.conftest import NOW
from tests.court.forms.helpers import drawn, events, field_error, record_url, submit, summary_text

CR = ZoneInfo("America/Costa_Rica")


def to_trial(case, record):
    record(case, "indictment.filed", {"accused": "P1"}, occurred_at=NOW - dt.timedelta(days=20))
    record(case, "trial.committed", {}, occurred_at=NOW - dt.timedelta(days=19))


def refused(client, case, data, url=None):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    before = len(events(case))
    response = submit(client, url or record_url(case, "verdict.delivered"), data)
    assert response.status_code == 200
    assert len(events(case)) == before
    return response


def test_an_acquittal_with_a_prison_sentence(staff_client, accused_case, record):
    to_trial(accused_case, record)
    data = {"accused": "P1", "outcome": "acquitted", "custodial": "on", "sentence_months": "24"}
    response = refused(staff_client, accused_case, data)
    expected = "Solo corresponde cuando “Resultado” es uno de estos: “Condena”, “Condena por"
    assert field_error(response, "custodial").startswith(expected), response.content[:3000]
    assert field_error(response, "sentence_months").startswith(expected)


def test_a_second_verdict_for_the_accused(staff_client, accused_case, record):
    to_trial(accused_case, record)
    first = record(
        accused_case,
        "verdict.delivered",
        {"accused": "P1", "outcome": "convicted"},
        occurred_at=NOW - dt.timedelta(days=10),
    ).event
    response = refused(staff_client, accused_case, {"accused": "P1", "outcome": "acquitted"})
    assert field_error(response, "accused") == (
        f"Ya consta una sentencia para esta persona imputada (anotación {first.seq}): corrija "
        "esa anotación, o registre antes “Reenvío a nuevo juicio”; una sentencia dictada en "
        "apelación se registra después de “Apelación resuelta”, cuando esta revocó o modificó "
        "la sentencia."
    )


def test_a_verdict_dated_before_the_trial(staff_client, accused_case, record):
    to_trial(accused_case, record)
    early = (NOW - dt.timedelta(days=25)).astimezone(CR).strftime("%Y-%m-%dT%H:%M")
    data = {"accused": "P1", "outcome": "acquitted", "occurred_at": early}
    response = refused(staff_client, accused_case, data)
    assert field_error(response, "occurred_at").startswith(
        "No puede ser anterior a “Apertura a juicio” del "
    ), response.content[:3000]


def test_a_correction_that_changes_nothing(staff_client, accused_case, record):
    to_trial(accused_case, record)
    first = record(
        accused_case,
        "verdict.delivered",
        {"accused": "P1", "outcome": "convicted", "custodial": True, "sentence_months": 24},
        occurred_at=NOW - dt.timedelta(days=10),
    ).event
    url = f"/court/cases/{accused_case.nuid}/events/{first.seq}/correct/"
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    before = len(events(accused_case))
    response = staff_client.post(
        url, drawn(staff_client.get(url)) | {"correction_reason": "Recorded with a mistake"}
    )
    assert response.status_code == 200
    assert len(events(accused_case)) == before
    assert "La corrección no cambia nada: la anotación" in summary_text(response)
