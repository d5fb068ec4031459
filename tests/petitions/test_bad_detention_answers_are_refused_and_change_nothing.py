"""Bad input about whose detention a petition concerns, or about what a decision does
to it, is refused naming the field and the rule, and nothing is written: no petition,
no decision, no custody entry, no deadline moved."""

from __future__ import annotations

import pytest

from expediente.custody.models import Deadline
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Event
from expediente.petitions.models import Petition
from tests.petitions.conftest import hours_ago


def snapshot(case):  # type: ignore[no-untyped-def]
    return (
        Event.objects.filter(case=case).count(),
        list(Petition.objects.values_list("filed_seq", "status", "detention")),
        list(Deadline.objects.order_by("key").values_list("key", "open", "due_at")),
    )


def refused_on(call, field):  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput) as refused:
        call()
    fields = [e["field"] for e in refused.value.errors]
    assert field in fields, refused.value.errors
    return next(e["message"] for e in refused.value.errors if e["field"] == field)


@pytest.fixture
def released_second(detained, record):  # type: ignore[no-untyped-def]
    """A second accused (P3), arrested and released: not held now."""
    person = {"given_names": "Mario", "family_names": "Soto Vega", "sex": "male"}
    record(detained, "participant.added", {"role": "accused", "person": person})
    record(detained, "custody.arrested", {"person": "P3"})
    record(detained, "custody.released", {"person": "P3", "reason": "no_charges"})
    detained.refresh_from_db()
    return detained


@pytest.mark.parametrize(
    ("fields", "rule"),
    [
        ({"concerns": "P3"}, "is not held in custody on"),  # released
        ({"concerns": "P2"}, "must be a participant with role ['accused']"),  # the victim
        ({"concerns": "P1", "kind": "information_request"}, ""),  # not about a detention
        ({"concerns": "P3", "petitioner": "P1"}, ""),  # an accused asks about their own
    ],
)
def test_a_filing_naming_whose_detention_wrongly_files_nothing(released_second, file, fields, rule):  # type: ignore[no-untyped-def]
    before = snapshot(released_second)
    message = refused_on(lambda: file(released_second, ago=1, **fields), "payload.concerns")
    assert rule in message
    assert snapshot(released_second) == before


def test_an_accused_asking_about_another_accuseds_detention_is_told_whose_they_may(
    detained, file, record
):  # type: ignore[no-untyped-def]
    person = {"given_names": "Mario", "family_names": "Soto Vega", "sex": "male"}
    record(detained, "participant.added", {"role": "accused", "person": person})
    record(detained, "custody.arrested", {"person": "P3"})
    before = snapshot(detained)
    message = refused_on(lambda: file(detained, ago=1, concerns="P3"), "payload.concerns")
    assert "asks about the detention of P1 only" in message
    assert "José" not in message  # an API caller may see the accused by pseudonym
    assert snapshot(detained) == before


@pytest.mark.parametrize(
    ("filed", "decided", "field", "rule"),
    [
        (  # a victim is no one's detention
            {},
            {"detention": "lifted", "person": "P2"},
            "payload.person",
            "must be a participant with role ['accused']",
        ),
        (  # whose detention, not said
            {},
            {"detention": "maintained"},
            "payload.person",
            "say whose detention the decision is about",
        ),
        (  # a request for information does nothing to a detention
            {"kind": "information_request"},
            {"detention": "maintained", "person": "P1"},
            "payload.detention",
            "only the decision on a review of the detention or a habeas corpus",
        ),
        (  # measures replacing the detention, not said
            {},
            {"detention": "replaced", "person": "P1"},
            "payload.measures",
            "say which measures replace the detention",
        ),
        (  # measures where nothing is replaced
            {},
            {"detention": "maintained", "person": "P1", "measures": "Firmar cada semana."},
            "payload.measures",
            "only applies when",
        ),
        (  # not an answer the pack knows
            {},
            {"detention": "released", "person": "P1"},
            "payload.detention",
            "Input should be",
        ),
    ],
)
def test_a_decision_doing_what_cannot_be_done_to_the_detention_records_nothing(  # type: ignore[no-untyped-def]
    released_second, file, decide, filed, decided, field, rule
):
    petition = file(released_second, ago=10, **filed)
    before = snapshot(released_second)
    message = refused_on(
        lambda: decide(released_second, petition=petition.event.seq, ago=5, **decided), field
    )
    assert rule in message
    assert snapshot(released_second) == before


def test_a_detention_lifted_for_someone_no_longer_held_records_nothing(
    detained, file, decide, record
):  # type: ignore[no-untyped-def]
    petition = file(detained, ago=10)
    released = {"person": "P1", "reason": "order_of_court"}
    record(detained, "custody.pretrial_lifted", {"person": "P1"}, occurred_at=hours_ago(8))
    record(detained, "custody.released", released, occurred_at=hours_ago(7))
    before = snapshot(detained)
    message = refused_on(
        lambda: decide(
            detained, petition=petition.event.seq, ago=5, detention="lifted", person="P1"
        ),
        "payload.person",
    )
    assert "P1 is not held in pretrial detention on" in message
    assert "José" not in message  # an API caller may see the accused by pseudonym
    assert snapshot(detained) == before


def test_a_decision_names_the_person_the_petition_is_about(released_second, file, decide, record):  # type: ignore[no-untyped-def]
    record(released_second, "custody.arrested", {"person": "P3"})
    order = {"person": "P3", "until": "2027-12-31", "grounds": "Peligro de fuga"}
    record(released_second, "custody.pretrial_ordered", order)
    petition = file(released_second, ago=10)  # P1's own
    before = snapshot(released_second)
    message = refused_on(
        lambda: decide(
            released_second, petition=petition.event.seq, ago=5, detention="lifted", person="P3"
        ),
        "payload.person",
    )
    assert "this petition is about the detention of P1" in message
    assert "José" not in message  # an API caller may see the accused by pseudonym
    assert snapshot(released_second) == before


def test_a_lift_of_an_order_already_lifted_is_refused_by_the_custody_record(
    detained, file, decide, record
):  # type: ignore[no-untyped-def]
    petition = file(detained, ago=10)
    record(
        detained,
        "custody.pretrial_lifted",
        {"person": "P1"},
        occurred_at=petition.event.occurred_at,
    )
    before = snapshot(detained)
    message = refused_on(
        lambda: decide(
            detained, petition=petition.event.seq, ago=5, detention="lifted", person="P1"
        ),
        "payload.person",
    )
    assert "no detention order is in force" in message
    assert snapshot(detained) == before


def test_a_correction_keeps_what_the_filing_and_the_decision_did(detained, file, decide, record):  # type: ignore[no-untyped-def]
    petition = file(detained, ago=10)
    filing = petition.event
    before = snapshot(detained)
    message = refused_on(
        lambda: record(
            detained,
            "petition.filed",
            {**filing.payload, "kind": "information_request"},
            occurred_at=filing.occurred_at,
            corrects_seq=filing.seq,
        ),
        "payload.kind",
    )
    assert f"brought the request for a review of entry {filing.seq + 1}" in message
    assert snapshot(detained) == before

    decision = decide(detained, petition=filing.seq, ago=5, detention="maintained", person="P1")
    before = snapshot(detained)
    message = refused_on(
        lambda: record(
            detained,
            "petition.decided",
            {"petition": filing.seq, "outcome": "denied", "reasons": "Prematura."},
            occurred_at=decision.occurred_at,
            corrects_seq=decision.seq,
        ),
        "payload.detention",
    )
    assert "keeps what it did to the detention" in message
    assert snapshot(detained) == before
    # the reasons may still be corrected
    record(
        detained,
        "petition.decided",
        {**decision.payload, "reasons": "Persisten el peligro de fuga y de obstaculización."},
        occurred_at=decision.occurred_at,
        corrects_seq=decision.seq,
    )
