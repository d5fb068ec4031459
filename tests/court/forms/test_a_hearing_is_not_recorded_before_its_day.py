"""QA: a hearing could be recorded as held (or not held) days before the day it was
scheduled for. The write path refuses ``hearing.held`` and ``hearing.not_held`` dated
on a day, on the court's clock, before the hearing's day, naming ``occurred_at`` (the
API, the importer and the staff form alike; the form in the reader's language). The same
day is fine, whatever the hour: a hearing can start early. A correction may not make an
entry break the rule (dating the outcome earlier, or moving the hearing past its
outcome), and entries recorded before the rule still verify and rebuild."""

from __future__ import annotations

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from expediente.court.models import Sitting
from expediente.docket import projection
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case, Event
from expediente.docket.rebuild import rebuild
from expediente.docket.services.common import append
from expediente.integrity.verify import verify_cases
from expediente.rules.loader import load_pack
from tests.api.helpers import fields, message, post_json, problem
from tests.court.forms.helpers import events, field_error, record_url, submit, summary_links

CR = ZoneInfo("America/Costa_Rica")
STARTS = dt.datetime(2026, 3, 10, 9, 0, tzinfo=CR)
# 8 p.m. the evening before in San José is already 10 March in UTC: the court's day counts
EVENING_BEFORE = dt.datetime(2026, 3, 9, 20, 0, tzinfo=CR)
DAYS_BEFORE = dt.datetime(2026, 3, 4, 10, 0, tzinfo=CR)


@pytest.fixture
def scheduled(accused_case, record):
    payload = {"hearing": "H1", "kind": "preliminary", "starts_at": STARTS.isoformat()}
    record(accused_case, "hearing.scheduled", payload)
    return accused_case


def status(case) -> str:
    return Sitting.objects.filter(case=case, hearing="H1").latest("set_by_seq").status


@pytest.mark.parametrize("when", [EVENING_BEFORE, DAYS_BEFORE], ids=["evening-before", "days"])
def test_held_before_its_day_is_refused_naming_when_it_happened(scheduled, record, when):
    before = len(events(scheduled))
    with pytest.raises(InvalidInput) as refused:
        record(scheduled, "hearing.held", {"hearing": "H1"}, occurred_at=when)
    assert [e["field"] for e in refused.value.errors] == ["occurred_at"]
    said = refused.value.errors[0]["message"]
    assert said.startswith("hearing H1 is scheduled for 2026-03-10: it cannot"), said
    assert f"cannot be recorded as held on {when.date().isoformat()}" in said
    assert set(refused.value.words) == {"occurred_at"}
    assert len(events(scheduled)) == before
    assert status(scheduled) == "scheduled"


def test_not_held_before_its_day_is_refused_and_points_to_a_new_date(scheduled, record):
    with pytest.raises(InvalidInput) as refused:
        record(
            scheduled,
            "hearing.not_held",
            {"hearing": "H1", "reason": "judge_unavailable"},
            occurred_at=DAYS_BEFORE,
        )
    assert [e["field"] for e in refused.value.errors] == ["occurred_at"]
    said = refused.value.errors[0]["message"]
    assert "cannot be recorded as not held on 2026-03-04" in said, said
    assert "to call it off ahead of its day, record “Hearing rescheduled”" in said
    assert status(scheduled) == "scheduled"


def test_its_own_day_is_fine_even_before_the_hour(scheduled, record):
    early = STARTS - dt.timedelta(hours=1)
    record(scheduled, "hearing.held", {"hearing": "H1"}, occurred_at=early)
    assert status(scheduled) == "held"


def test_a_later_day_is_fine(scheduled, record):
    reason = {"hearing": "H1", "reason": "defence_absent"}
    record(scheduled, "hearing.not_held", reason, occurred_at=STARTS + dt.timedelta(days=2))
    assert status(scheduled) == "not_held"


def test_a_new_date_counts_from_then_on(scheduled, record):
    later = dt.datetime(2026, 3, 20, 9, 0, tzinfo=CR)
    moved = {"hearing": "H1", "starts_at": later.isoformat(), "reason": "Sala ocupada"}
    record(scheduled, "hearing.rescheduled", moved, occurred_at=DAYS_BEFORE)
    with pytest.raises(InvalidInput):
        record(scheduled, "hearing.held", {"hearing": "H1"}, occurred_at=STARTS)
    record(scheduled, "hearing.held", {"hearing": "H1"}, occurred_at=later)
    assert status(scheduled) == "held"


def test_the_api_answers_422_naming_occurred_at(scheduled, api_clerk):
    before = len(events(scheduled))
    body = {
        "type": "hearing.held",
        "occurred_at": DAYS_BEFORE.isoformat(),
        "payload": {"hearing": "H1"},
    }
    url = f"/api/v1/cases/{scheduled.nuid}/events"
    p = problem(post_json(api_clerk, url, body), 422, "invalid")
    assert fields(p) == ["occurred_at"]
    assert "scheduled for 2026-03-10" in message(p, "occurred_at")
    assert len(events(scheduled)) == before


def test_the_clerks_form_says_so_in_spanish_next_to_the_date(staff_client, scheduled):
    before = len(events(scheduled))
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    response = submit(
        staff_client,
        record_url(scheduled, "hearing.held"),
        {"hearing": "H1", "occurred_at": DAYS_BEFORE.strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 200
    said = field_error(response, "occurred_at")
    assert said.startswith("La audiencia H1 está programada para el 10 de marzo de 2026"), said
    assert "4 de marzo de 2026" in said
    assert ("id_occurred_at", said) in summary_links(response) or any(
        anchor == "id_occurred_at" for anchor, _ in summary_links(response)
    )
    assert len(events(scheduled)) == before


def test_a_correction_may_not_date_the_outcome_before_the_day(scheduled, record):
    held = record(scheduled, "hearing.held", {"hearing": "H1"}, occurred_at=STARTS).event
    with pytest.raises(InvalidInput) as refused:
        record(
            scheduled,
            "hearing.held",
            {"hearing": "H1", "summary": "Se escuchó a las partes."},
            occurred_at=DAYS_BEFORE,
            corrects_seq=held.seq,
        )
    assert [e["field"] for e in refused.value.errors] == ["occurred_at"]
    record(
        scheduled,
        "hearing.held",
        {"hearing": "H1", "summary": "Se escuchó a las partes."},
        occurred_at=STARTS,
        corrects_seq=held.seq,
    )


def test_a_correction_may_not_move_a_hearing_past_its_outcome(scheduled, record):
    scheduling = Event.objects.get(case=scheduled, type="hearing.scheduled")
    record(scheduled, "hearing.held", {"hearing": "H1"}, occurred_at=STARTS)
    later = {"hearing": "H1", "kind": "preliminary", "starts_at": "2026-03-17T09:00:00-06:00"}
    with pytest.raises(InvalidInput) as refused:
        record(scheduled, "hearing.scheduled", later, corrects_seq=scheduling.seq)
    assert [e["field"] for e in refused.value.errors] == ["payload.starts_at"]
    assert "recorded as held on 2026-03-10" in refused.value.errors[0]["message"]
    assert status(scheduled) == "held"


def appended_as_before_the_rule(case: Case, actor, type_name: str, payload, when) -> None:
    """An entry recorded before the rule existed: the docket's own append, without the
    write path's checks (nor, on PostgreSQL, the projectors' guards in its statement), as
    an older version of the system wrote it."""
    with transaction.atomic(), mock.patch.object(projection, "guards", return_value=[]):
        locked = Case.objects.select_for_update().select_related("court").get(pk=case.pk)
        append(
            case=locked,
            pack=load_pack(locked.court.rule_pack),
            type_name=type_name,
            payload=payload,
            actor=actor,
            occurred_at=when,
            now=timezone.now(),
            corrects_seq=None,
            idempotency_key=None,
            digest=f"recorded before the rule: {type_name}",
        )


def test_an_outcome_recorded_before_the_rule_still_verifies_and_rebuilds(scheduled, clerk, record):
    appended_as_before_the_rule(scheduled, clerk, "hearing.held", {"hearing": "H1"}, DAYS_BEFORE)
    assert status(scheduled) == "held"
    assert verify_cases() == []
    call_command("verify")
    assert rebuild(check=True).differences == []
    call_command("rebuild", "--check")
    # and it can still be corrected: a correction that leaves the date as it was changes
    # no rule's answer (it was early before, it is early after)
    held = Event.objects.get(case=scheduled, type="hearing.held")
    summary = {"hearing": "H1", "summary": "Acta incorporada."}
    record(scheduled, "hearing.held", summary, occurred_at=DAYS_BEFORE, corrects_seq=held.seq)
    assert rebuild(check=True).differences == []
