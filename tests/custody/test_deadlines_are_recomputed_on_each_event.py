"""Each custody event recomputes the person's deadlines in the same transaction: the
rows say when each falls due, whether it was met and by what, and why."""

import datetime as dt

from expediente.custody.models import Deadline
from tests.custody.conftest import deadlines_of


def only(case, rule):
    [row] = deadlines_of(case, rule)
    return row


def test_an_arrest_opens_the_24_hours_to_bring_the_person_before_a_judge(accused_case, custody, at):
    arrest = custody(accused_case, "arrested", at(40)).event
    row = only(accused_case, "cr.presentation_to_judge")
    assert row.open
    assert row.due_at == at(40) + dt.timedelta(hours=24)
    assert row.alert_from == row.due_at - dt.timedelta(hours=6)
    assert row.fact_seqs == [arrest.seq]
    assert row.start_seq == arrest.seq
    assert row.key == f"cr.presentation_to_judge|{accused_case.nuid}:P1|{arrest.seq}"
    assert row.court_id == accused_case.court_id
    assert row.alert_roles == ["judge", "prosecutor", "defence", "public_defender"]
    assert row.law == {"text": "Constitución Política", "article": "37", "flag": "V"}
    assert row.explain("en") == (
        "Detainee placed before a judge due 22 January 2026 at 10:00: Constitución Política "
        "art. 37, 24 hours from “Arrest” on 21 January 2026 at 10:00."
    )
    assert row.explain("es").startswith(
        "Puesta a la orden de la autoridad judicial vence el 22 de enero"
    )
    assert row.status(at(40, 10)) == "due_soon"  # a clock in hours: due soon from its start
    assert row.status(at(39, 9, 59)) == "due_soon"
    assert row.status(at(39, 11)) == "overdue"


def test_bringing_the_person_before_a_judge_meets_it_and_opens_the_next(accused_case, custody, at):
    custody(accused_case, "arrested", at(40))
    placed = custody(accused_case, "placed_before_judge", at(40, 20)).event
    met = only(accused_case, "cr.presentation_to_judge")
    assert not met.open
    assert (met.satisfied_at, met.satisfied_seq) == (at(40, 20), placed.seq)
    assert met.satisfied_type == "custody.placed_before_judge"
    assert met.computed_seq == placed.seq
    request = only(accused_case, "cr.custody_hearing_request")
    assert request.open
    assert request.due_at == at(40, 20) + dt.timedelta(hours=24)


def test_an_order_opens_the_review_and_the_maximum_and_a_review_repeats(accused_case, custody, at):
    custody(accused_case, "arrested", at(40))
    order = custody(accused_case, "pretrial_ordered", at(39, 12)).event  # 22 January 2026
    review = only(accused_case, "cr.pretrial_review")
    assert review.due_on == dt.date(2026, 4, 22)
    maximum = only(accused_case, "cr.pretrial_maximum")
    assert maximum.due_on == dt.date(2027, 1, 22)
    assert maximum.effect == "legal_consequence"
    assert maximum.detail["cap_unknown"]  # no penalty range in the catalogue yet

    reviewed = custody(accused_case, "pretrial_reviewed", at(10)).event  # 20 February
    first, second = deadlines_of(accused_case, "cr.pretrial_review")
    assert (first.open, first.satisfied_seq, first.fact_seqs) == (
        False,
        reviewed.seq,
        [order.seq, reviewed.seq],
    )
    assert (second.open, second.cycle, second.due_on) == (True, 1, dt.date(2026, 5, 20))
    assert second.computed_seq == reviewed.seq
    assert "every 3 months from the last “Pretrial detention reviewed”" in second.explain("en")


def test_an_extension_by_the_appeal_court_moves_the_maximum(accused_case, custody, at):
    custody(accused_case, "arrested", at(40))
    custody(accused_case, "pretrial_ordered", at(39, 12))
    custody(accused_case, "pretrial_extended", at(5), until="2027-06-30")
    maximum = only(accused_case, "cr.pretrial_maximum")
    assert maximum.due_on == dt.date(2027, 6, 30)
    assert "extended to 30 June 2027 by “Pretrial detention extended”" in maximum.explain("en")
    assert maximum.detail["extension"]["until"] == "2027-06-30"


def test_a_verdict_meets_the_maximum(accused_case, custody, record, to_trial, at):
    custody(accused_case, "arrested", at(40))
    custody(accused_case, "pretrial_ordered", at(39, 12))
    to_trial(accused_case, at(20))
    verdict = record(
        accused_case,
        "verdict.delivered",
        {"accused": "P1", "outcome": "acquitted"},
        occurred_at=at(10),
    ).event
    maximum = only(accused_case, "cr.pretrial_maximum")
    assert (maximum.open, maximum.satisfied_seq) == (False, verdict.seq)


def test_a_correction_of_a_review_moves_the_next_review(accused_case, custody, record, at):
    custody(accused_case, "arrested", at(40))
    custody(accused_case, "pretrial_ordered", at(39, 12))
    review = custody(accused_case, "pretrial_reviewed", at(10)).event
    record(
        accused_case,
        "custody.pretrial_reviewed",
        {"person": "P1", "outcome": "maintained"},
        occurred_at=at(12),
        corrects_seq=review.seq,
    )
    first, second = deadlines_of(accused_case, "cr.pretrial_review")
    assert first.satisfied_at == at(12)
    assert second.due_on == dt.date(2026, 5, 18)
    assert second.start_seq == review.seq  # the same deadline, counted from the corrected time


def test_events_that_no_deadline_names_change_nothing(accused_case, custody, record, at):
    custody(accused_case, "arrested", at(40))
    before = list(Deadline.objects.values())
    record(accused_case, "note.added", {"text": "Se recibe informe"}, occurred_at=at(3))
    assert list(Deadline.objects.values()) == before


def test_a_juvenile_gets_the_rules_of_juvenile_procedure(open_case, record, custody, at):
    from tests.conftest import PERSON

    case = open_case(procedure="juvenile")
    record(case, "participant.added", {"role": "accused", "person": PERSON})
    custody(case, "arrested", at(40))
    custody(case, "placed_before_judge", at(40, 20))
    assert {d.rule_id for d in deadlines_of(case)} == {"cr.presentation_to_judge"}
