"""Sealing and unsealing are events: the case leaves every view outside the court at
once, the record is kept (and rebuilds to the same state), and only a sealed case can be
unsealed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import translation

from expediente.access.disclosure import PUBLIC, Audience, disclose
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Event
from expediente.docket.services import event_record

pytestmark = pytest.mark.django_db

PARTICIPANT = Audience(kind="participant", roles=frozenset({"accused"}), participant="P1")
LATER = dt.datetime(2026, 2, 10, 10, 0, tzinfo=dt.UTC)


def seal(case, judge, at=LATER):
    return event_record(
        case=case,
        type="case.sealed",
        payload={"grounds": "Orden 12-2026"},
        actor=judge,
        occurred_at=at,
    )


def test_a_sealed_case_is_gone_for_the_public_participants_and_the_api(cases, judge, api_reader):
    case = cases["convicted"]
    assert disclose(PUBLIC, case, channel="public").visible
    assert api_reader.get(f"/api/v1/cases/{case.nuid}").status_code == 200
    seal(case, judge)
    case.refresh_from_db()
    assert case.confidentiality == "sealed"
    assert not disclose(PUBLIC, case, channel="public").visible
    assert not disclose(PARTICIPANT, case, channel="portal").visible
    assert api_reader.get(f"/api/v1/cases/{case.nuid}").status_code == 404


def test_the_record_is_kept_and_the_court_still_reads_it(cases, judge):
    case = cases["sealed"]
    assert Event.objects.filter(case=case).count() == case.last_seq
    view = disclose(
        Audience(kind="staff", roles=frozenset({"judge"}), actor=judge), case, channel="web"
    )
    assert view.visible
    assert view.shown.free_text


def test_unsealing_gives_the_confidentiality_the_order_names(cases, judge):
    case = cases["sealed"]
    event_record(
        case=case,
        type="case.unsealed",
        payload={"confidentiality": "public", "grounds": "Levantado"},
        actor=judge,
        occurred_at=LATER,
    )
    case.refresh_from_db()
    assert case.confidentiality == "public"
    assert disclose(PUBLIC, case, channel="public").visible


def test_sealing_twice_or_unsealing_an_open_case_is_refused_and_writes_nothing(cases, judge):
    sealed, open_case = cases["sealed"], cases["charged"]
    before = Event.objects.count()
    with pytest.raises(InvalidInput) as twice, translation.override("en"):
        seal(sealed, judge)
    assert twice.value.errors == [{"field": "type", "message": "the case is already sealed"}]
    with pytest.raises(InvalidInput) as unseal:
        event_record(
            case=open_case,
            type="case.unsealed",
            payload={"confidentiality": "public", "grounds": "x"},
            actor=judge,
            occurred_at=LATER,
        )
    assert unseal.value.errors[0]["field"] == "type"
    assert Event.objects.count() == before


def test_a_sealing_refusal_is_english_for_the_api_and_spanish_on_the_form(cases, judge):
    # it was translated when raised, so an API client sending Accept-Language: es got
    # Spanish where every other API message is English
    from zoneinfo import ZoneInfo

    from expediente.court.forms.base import said

    with translation.override("es"), pytest.raises(InvalidInput) as twice:
        seal(cases["sealed"], judge)
    assert twice.value.message == "The case is already sealed."
    assert twice.value.errors == [{"field": "type", "message": "the case is already sealed"}]
    with translation.override("es"):
        assert said(twice.value, ZoneInfo("America/Costa_Rica")) == "el expediente ya está sellado"


def test_a_rebuild_gives_the_same_sealed_state(cases):
    call_command("rebuild", "--check")
