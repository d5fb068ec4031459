"""A petition gets its own answer deadline from the rule pack (the court's service
target: 48 hours, labelled as the court's, not the law's); two petitions, two
deadlines; the decision that names a petition meets that one only."""

from __future__ import annotations

import datetime as dt

from expediente.custody.models import Deadline
from expediente.petitions.answer_rules import answer_rule_ids
from expediente.petitions.models import Petition


def answer_deadlines(case):  # type: ignore[no-untyped-def]
    """Every petition's answer deadline, whatever its kind's rule."""
    rules = answer_rule_ids(case.court.rule_pack)
    return list(Deadline.objects.filter(case=case, rule_id__in=rules).order_by("start_seq"))


def test_a_filed_petition_is_open_with_a_48_hour_answer_deadline(detained, file):  # type: ignore[no-untyped-def]
    filed = file(detained, ago=10)
    petition = Petition.objects.get(case=detained, filed_seq=filed.event.seq)
    assert petition.status == "open"
    assert petition.kind == "detention_review"
    assert petition.petitioner.uid == "P1"
    [deadline] = answer_deadlines(detained)
    assert deadline.open
    assert deadline.start_seq == filed.event.seq
    assert deadline.due_at - filed.event.occurred_at == dt.timedelta(hours=48)
    assert deadline.participation.uid == "P1"
    assert deadline.law["flag"] == "policy"
    assert "court's service target, not a legal time limit" in deadline.explain("en")
    assert "without delay" in deadline.explain("en")
    assert "meta de servicio del tribunal" in deadline.explain("es")


def test_two_petitions_have_two_deadlines_and_a_decision_meets_only_its_own(  # type: ignore[no-untyped-def]
    detained, file, decide
):
    first = file(detained, ago=30)
    second = file(detained, ago=20, kind="ill_treatment_complaint", petitioner="P2")
    assert len(answer_deadlines(detained)) == 2
    decide(detained, petition=second.event.seq, ago=5, outcome="granted")
    by_start = {d.start_seq: d for d in answer_deadlines(detained)}
    assert by_start[first.event.seq].open
    met = by_start[second.event.seq]
    assert not met.open
    assert met.satisfied_type == "petition.decided"
    assert met.participation.uid == "P2"
    petitions = {p.filed_seq: p for p in Petition.objects.filter(case=detained)}
    assert petitions[first.event.seq].status == "open"
    assert petitions[second.event.seq].status == "decided"
    assert petitions[second.event.seq].outcome == "granted"


def test_a_decision_after_the_target_is_met_late_and_the_open_one_is_overdue(  # type: ignore[no-untyped-def]
    detained, file, decide
):
    late = file(detained, ago=100)
    # another request (the same text, still unanswered, would be the first one again)
    waiting = file(detained, ago=60, text="Pido de nuevo la revisión: sigue sin respuesta.")
    decide(detained, petition=late.event.seq, ago=1)
    by_start = {d.start_seq: d for d in answer_deadlines(detained)}
    assert by_start[late.event.seq].detail["met_late"] is True
    from tests.conftest import NOW

    assert by_start[waiting.event.seq].status(NOW) == "overdue"
