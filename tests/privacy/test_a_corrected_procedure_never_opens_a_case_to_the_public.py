"""A child's case opened under the adult procedure shows, after charges, on the public
portal with the accused's initials. Corrected to the juvenile procedure, it leaves the
public pages at once, as a juvenile case opened so would be, and the people of the case
still follow it. Corrected back to the adult procedure (the date of birth was wrong after
all), it stays closed: only an order of the court opens a case to the public. A rebuild
gives the same."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client

from expediente.access.disclosure import PUBLIC, Audience, disclose
from expediente.docket.models import Case, Event
from expediente.docket.services import event_record
from tests.portal.conftest import text_of

pytestmark = pytest.mark.django_db

PARTICIPANT = Audience(kind="participant", roles=frozenset({"accused"}), participant="P1")
LATER = dt.datetime(2026, 2, 10, 10, 0, tzinfo=dt.UTC)


def correct(case: Case, actor, procedure: str) -> Case:
    latest = Event.objects.filter(case=case, type="case.opened").latest("seq")
    event_record(
        case=case,
        type="case.opened",
        payload={"procedure": procedure},
        actor=actor,
        occurred_at=latest.occurred_at,
        corrects_seq=latest.seq,
        correction_reason="The accused's age was misread when the case was opened",
    )
    return Case.objects.get(pk=case.pk)


def on_the_public_portal(case: Case) -> bool:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.get("/public/", {"court": case.court.code, "number": case.number})
    return response.status_code == 200 and "Theft" in text_of(response.content.decode())


def test_a_case_corrected_to_juvenile_leaves_the_public_pages_and_stays_closed(cases, clerk):
    case = cases["charged"]
    assert on_the_public_portal(case)
    case = correct(case, clerk, "juvenile")
    assert (case.procedure, case.confidentiality) == ("juvenile", "restricted")
    assert not disclose(PUBLIC, case, channel="public").visible
    assert not on_the_public_portal(case)
    assert disclose(PARTICIPANT, case, channel="portal").visible

    case = correct(case, clerk, "adult")
    assert (case.procedure, case.confidentiality) == ("adult", "restricted")
    assert not disclose(PUBLIC, case, channel="public").visible
    assert not on_the_public_portal(case)
    assert disclose(PARTICIPANT, case, channel="portal").visible

    call_command("rebuild")
    case.refresh_from_db()
    assert (case.procedure, case.confidentiality) == ("adult", "restricted")
    assert not on_the_public_portal(case)


def test_only_an_unsealing_order_opens_it_again(cases, clerk, judge):
    case = correct(cases["charged"], clerk, "juvenile")
    case = correct(case, clerk, "adult")
    event_record(
        case=case,
        type="case.sealed",
        payload={"grounds": "Para decidir su publicidad"},
        actor=judge,
        occurred_at=LATER,
    )
    event_record(
        case=case,
        type="case.unsealed",
        payload={"confidentiality": "public", "grounds": "Persona adulta: caso público"},
        actor=judge,
        occurred_at=LATER + dt.timedelta(hours=1),
    )
    case.refresh_from_db()
    assert on_the_public_portal(case)
