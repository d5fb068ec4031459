"""In the court workspace a clerk files a petition for a detained man from the record
form of ``petition.filed``; the judge sees its answer deadline on "Due and overdue",
marked as the court's service target, and decides it through the record form of
``petition.decided``, choosing the petition from the case's open ones; the deadline is
met and leaves the list. A decision for a petition that does not exist, or that is
already decided, is refused on its field and records nothing."""

from __future__ import annotations

import re

from django.utils import timezone

from expediente.custody.models import Deadline
from expediente.docket.models import Event
from expediente.petitions.models import Petition
from tests.court.forms.helpers import field_error, record_url, submit

DUE = "/court/due/"


def file_for_him(client, case):  # type: ignore[no-untyped-def]
    now = timezone.now().astimezone(timezone.get_fixed_timezone(-360))
    return submit(
        client,
        record_url(case, "petition.filed"),
        {
            "kind": "habeas_corpus",
            "text": "El detenido dice que no lo han llevado ante un juez.",
            "petitioner": "P1",
            "filed_via": "clerk",
            "received_from": "Marta Pérez, hermana",
            "occurred_at": now.strftime("%Y-%m-%dT%H:%M"),
        },
    )


def decide(client, case, number, outcome="granted"):  # type: ignore[no-untyped-def]
    now = timezone.now().astimezone(timezone.get_fixed_timezone(-360))
    return submit(
        client,
        record_url(case, "petition.decided"),
        {
            "petition": str(number),
            "outcome": outcome,
            "detention": "none",  # a habeas corpus: the form asks what it does to the detention
            "reasons": "Se ordena presentar al detenido de inmediato.",
            "occurred_at": now.strftime("%Y-%m-%dT%H:%M"),
        },
    )


def due_rows(client):  # type: ignore[no-untyped-def]
    html = client.get(DUE).content.decode()
    return re.findall(r'<tr class="due-(\w+)">(.*?)</tr>', html, re.S)


def test_a_clerk_files_for_him_and_the_judge_decides_from_the_due_list(  # type: ignore[no-untyped-def]
    staff_client, judge_client, detained_case
):
    response = file_for_him(staff_client, detained_case)
    assert response.status_code == 302, field_error(response, "text")
    petition = Petition.objects.get(case=detained_case)
    assert (petition.kind, petition.filed_via, petition.petitioner.uid) == (
        "habeas_corpus",
        "clerk",
        "P1",
    )
    event = Event.objects.get(case=detained_case, seq=petition.filed_seq)
    assert event.payload["received_from"] == "Marta Pérez, hermana"
    assert event.actor.username == "maria.clerk"

    answer = "Answer to a habeas corpus petition"  # its kind's target: 24 hours
    rows = [body for _status, body in due_rows(judge_client) if answer in body]
    assert len(rows) == 1
    assert "service target, not a legal limit" in rows[0]
    assert "without delay" in rows[0]
    assert "/record/petition.decided/" in rows[0]

    response = decide(judge_client, detained_case, petition.filed_seq)
    assert response.status_code == 302
    petition.refresh_from_db()
    assert (petition.status, petition.outcome) == ("decided", "granted")
    deadline = Deadline.objects.get(
        case=detained_case, rule_id="intl.petition_answer.habeas_corpus"
    )
    assert not deadline.open
    assert deadline.satisfied_seq == petition.decided_seq
    assert not [body for _s, body in due_rows(judge_client) if answer in body]


def test_a_decision_for_a_petition_that_does_not_exist_is_refused_on_its_field(  # type: ignore[no-untyped-def]
    judge_client, detained_case
):
    before = Event.objects.filter(case=detained_case).count()
    response = decide(judge_client, detained_case, 99)
    assert response.status_code == 200  # the form again, with the message on the field
    assert "no petition awaiting an answer with the number 99" in field_error(response, "petition")
    assert Event.objects.filter(case=detained_case).count() == before


def test_a_petition_already_decided_cannot_be_decided_again(  # type: ignore[no-untyped-def]
    staff_client, judge_client, detained_case
):
    file_for_him(staff_client, detained_case)
    number = Petition.objects.get().filed_seq
    assert decide(judge_client, detained_case, number).status_code == 302
    before = Event.objects.filter(case=detained_case).count()
    response = decide(judge_client, detained_case, number, outcome="denied")
    assert response.status_code == 200  # the form again, with the message on the field
    assert "already decided" in field_error(response, "petition")
    assert Event.objects.filter(case=detained_case).count() == before
    assert Petition.objects.get().outcome == "granted"


def test_the_due_list_cites_the_treaty_by_its_name_in_the_readers_language(  # type: ignore[no-untyped-def]
    staff_client, judge_client, detained_case
):
    # it read "la ley dice «sin demora» (American Convention on Human Rights art. 7(6);
    # ICCPR art. 9(4))" on the Spanish list
    file_for_him(staff_client, detained_case)
    for language, name, article in (
        ("es", "Convención Americana sobre Derechos Humanos", "PIDCP art. 9(4)"),
        ("fr", "Convention américaine relative aux droits de l&#x27;homme", "PIDCP art. 9(4)"),
        ("en", "American Convention on Human Rights", "ICCPR art. 9(4)"),
    ):
        html = judge_client.get(DUE, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert name in html, (language, html[:2000])
        assert article in html, language
        if language != "en":
            assert "American Convention" not in html, language
