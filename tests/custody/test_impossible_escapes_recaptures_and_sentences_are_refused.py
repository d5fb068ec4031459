"""Escapes, recaptures, transfers and sentences that cannot have happened are refused
before the append, naming the field at fault, and nothing is written."""

import pytest

from expediente.docket.errors import InvalidInput

CONVICTED = {"accused": "P1", "outcome": "convicted", "custodial": True, "sentence_months": 6}


def refused(case, rows, attempt):
    before = rows(case)
    with pytest.raises(InvalidInput) as exc:
        attempt()
    assert rows(case) == before
    [error] = exc.value.errors
    return error["field"], error["message"]


@pytest.fixture
def convicted_case(accused_case, record, to_trial, at):
    to_trial(accused_case, at(40))
    record(accused_case, "verdict.delivered", CONVICTED, occurred_at=at(30))
    return accused_case


def test_an_escape_of_someone_not_in_custody(accused_case, custody, rows, at):
    field, message = refused(accused_case, rows, lambda: custody(accused_case, "escaped", at(5)))
    assert field == "payload.person"
    assert "not in custody" in message


def test_a_recapture_without_an_escape(accused_case, custody, rows, at):
    custody(accused_case, "arrested", at(10))
    field, message = refused(accused_case, rows, lambda: custody(accused_case, "recaptured", at(5)))
    assert field == "payload.person"
    assert "no escape comes before it" in message


def test_a_recapture_dated_before_the_escape(accused_case, custody, rows, at):
    custody(accused_case, "arrested", at(10))
    custody(accused_case, "escaped", at(8))
    field, message = refused(accused_case, rows, lambda: custody(accused_case, "recaptured", at(9)))
    assert field == "occurred_at"
    assert "before the escape it concerns" in message


def test_a_second_escape_while_at_large(accused_case, custody, rows, at):
    custody(accused_case, "arrested", at(10))
    custody(accused_case, "escaped", at(8))
    field, message = refused(accused_case, rows, lambda: custody(accused_case, "escaped", at(7)))
    assert field == "payload.person"
    assert "escaped on" in message


def test_a_release_of_someone_at_large(accused_case, custody, rows, at):
    custody(accused_case, "arrested", at(10))
    custody(accused_case, "escaped", at(8))
    field, message = refused(accused_case, rows, lambda: custody(accused_case, "released", at(7)))
    assert field == "payload.person"
    assert "no recapture comes after it" in message


def test_an_arrest_of_someone_at_large_must_be_recorded_as_a_recapture(
    accused_case, custody, rows, at
):
    custody(accused_case, "arrested", at(10))
    custody(accused_case, "escaped", at(8))
    field, message = refused(accused_case, rows, lambda: custody(accused_case, "arrested", at(7)))
    assert field == "type"
    assert "record their recapture" in message


def test_a_transfer_of_someone_not_in_custody(accused_case, custody, rows, at):
    field, _ = refused(
        accused_case, rows, lambda: custody(accused_case, "transferred", at(5), facility="CAI")
    )
    assert field == "payload.person"


def test_a_backdated_escape_that_would_leave_a_later_transfer_without_custody(
    accused_case, custody, rows, at
):
    custody(accused_case, "arrested", at(10))
    transfer = custody(accused_case, "transferred", at(5), facility="CAI").event.seq
    field, message = refused(accused_case, rows, lambda: custody(accused_case, "escaped", at(7)))
    assert field == "occurred_at"
    assert f"the later entry {transfer}" in message


def test_a_sentence_without_a_conviction(accused_case, custody, rows, record, to_trial, at):
    to_trial(accused_case, at(40))
    acquitted = {"accused": "P1", "outcome": "acquitted"}
    record(accused_case, "verdict.delivered", acquitted, occurred_at=at(30))
    field, message = refused(
        accused_case, rows, lambda: custody(accused_case, "sentence_started", at(20))
    )
    assert field == "payload.person"
    assert "no conviction on record" in message


def test_a_sentence_started_twice(convicted_case, custody, rows, at):
    custody(convicted_case, "sentence_started", at(20))
    field, message = refused(
        convicted_case, rows, lambda: custody(convicted_case, "sentence_started", at(10))
    )
    assert field == "payload.person"
    assert "already serving" in message


def test_a_sentence_end_without_a_start(convicted_case, custody, rows, at):
    field, message = refused(
        convicted_case,
        rows,
        lambda: custody(convicted_case, "sentence_ended", at(10), reason="served"),
    )
    assert field == "payload.person"
    assert "not serving a sentence" in message


def test_a_sentence_end_dated_before_its_start(convicted_case, custody, rows, at):
    custody(convicted_case, "sentence_started", at(20))
    field, message = refused(
        convicted_case,
        rows,
        lambda: custody(convicted_case, "sentence_ended", at(25), reason="served"),
    )
    assert field == "occurred_at"
    assert "before the start of the sentence it concerns" in message
