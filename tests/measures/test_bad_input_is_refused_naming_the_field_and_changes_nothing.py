"""Measure events that cannot have happened are refused before the append, naming the
field (by its path in the request, ``payload.hours``, as the schema's own errors do) and
the rule, and nothing is written."""

from __future__ import annotations

import pytest

from expediente.docket.errors import InvalidInput
from expediente.docket.models import Event
from expediente.measures.models import Measure


def _refused(case, call, field: str, words: str) -> None:
    events = Event.objects.filter(case=case).count()
    rows = list(Measure.objects.filter(case=case).values())
    with pytest.raises(InvalidInput) as info:
        call()
    assert info.value.errors[0]["field"] == field
    assert words in info.value.errors[0]["message"]
    assert Event.objects.filter(case=case).count() == events
    assert list(Measure.objects.filter(case=case).values()) == rows


def test_a_check_in_without_a_reporting_obligation(accused_case, impose, comply, at):
    impose(accused_case, "restraining_order", at(10))
    _refused(
        accused_case,
        lambda: comply(accused_case, "checked_in", at(3)),
        "payload.measure",
        "has no reporting obligation",
    )


def test_a_check_in_for_a_measure_that_does_not_exist(accused_case, comply, at):
    _refused(
        accused_case,
        lambda: comply(accused_case, "checked_in", at(3)),
        "payload.measure",
        "no measure",
    )


def test_hours_beyond_the_sentence(accused_case, impose, comply, at):
    impose(accused_case, "community_service", at(30), hours=20)
    comply(accused_case, "hours_logged", at(20), hours=8)
    comply(accused_case, "hours_logged", at(19), hours=8)
    _refused(
        accused_case,
        lambda: comply(accused_case, "hours_logged", at(18), hours=6),
        "payload.hours",
        "22 of the 20",
    )


def test_an_event_for_a_measure_that_has_ended(accused_case, impose, comply, at):
    impose(accused_case, "periodic_reporting", at(30))
    comply(accused_case, "ended", at(10), reason="lifted_by_court")
    _refused(
        accused_case,
        lambda: comply(accused_case, "checked_in", at(5)),
        "payload.measure",
        "ended on",
    )


def test_a_device_event_from_an_unknown_device(accused_case, impose, comply, at):
    impose(accused_case, "electronic_monitoring", at(10))
    _refused(
        accused_case,
        lambda: comply(accused_case, "device_event", at(2), device="DEV-999", kind="tamper"),
        "payload.device",
        "unknown device 'DEV-999'",
    )


def test_a_kind_without_the_conditions_it_needs(accused_case, record, at):
    payload = {
        "measure": "M1",
        "person": "P1",
        "kind": "community_service",
        "starts_on": "2026-02-01",
    }
    _refused(
        accused_case,
        lambda: record(accused_case, "measure.imposed", payload, occurred_at=at(10)),
        "payload.hours",
        "needs hours",
    )


def test_a_measure_id_used_twice(accused_case, impose, at):
    impose(accused_case, "travel_ban", at(10))
    _refused(
        accused_case, lambda: impose(accused_case, "bail", at(9)), "payload.measure", "already used"
    )


def test_an_end_that_would_make_a_later_check_in_impossible(accused_case, impose, comply, at):
    impose(accused_case, "periodic_reporting", at(30))
    comply(accused_case, "checked_in", at(5))
    _refused(
        accused_case,
        lambda: comply(accused_case, "ended", at(10), reason="lifted_by_court"),
        "occurred_at",
        "could not have happened",
    )


def test_hours_dated_before_the_measure_was_imposed_say_so(accused_case, impose, comply, at):
    # it said "no measure 'M1' in this case (measures: none)" of a measure the case has
    impose(accused_case, "community_service", at(20), hours=20)
    _refused(
        accused_case,
        lambda: comply(accused_case, "hours_logged", at(25), hours=4),
        "occurred_at",
        "before measure M1 was imposed",
    )


def test_a_response_to_a_breach_when_none_awaits_one(accused_case, impose, comply, at):
    # "response to a breach" with none on record was told to the family and the victim
    impose(accused_case, "periodic_reporting", at(30))
    _refused(
        accused_case,
        lambda: comply(accused_case, "violation_responded", at(5), response="warning"),
        "payload.measure",
        "no breach awaiting a response",
    )
    comply(accused_case, "violation_reported", at(4), source="victim", details="Se acercó")
    comply(accused_case, "violation_responded", at(3), response="warning")
    assert Measure.objects.get(case=accused_case, uid="M1").warnings == 1
    _refused(  # the breach is answered: a second response has nothing to answer
        accused_case,
        lambda: comply(accused_case, "violation_responded", at(2), response="warning"),
        "payload.measure",
        "no breach awaiting a response",
    )


def test_a_measure_starting_years_before_it_was_imposed_is_a_mistyped_year(
    accused_case, impose, at
):
    # "starts_on": "2000-01-01" set the check-ins 26 years back: every one was missed
    _refused(
        accused_case,
        lambda: impose(accused_case, "periodic_reporting", at(10), starts_on="2000-01-01"),
        "payload.starts_on",
        "check the year",
    )
    # a start up to a month before the order (a measure running since the arrest) is taken
    impose(accused_case, "travel_ban", at(10), starts_on=at(35).date().isoformat())
    assert Measure.objects.filter(case=accused_case, uid="M1").exists()
