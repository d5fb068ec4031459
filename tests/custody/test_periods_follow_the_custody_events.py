"""Custody periods, hand-computed from sequences of events: one row per stretch of one
kind (police custody, pretrial detention, sentenced under appeal, sentenced final)."""

import pytest

from expediente.custody.models import CustodyPeriod
from expediente.docket.errors import InvalidInput
from tests.conftest import PERSON
from tests.custody.conftest import periods_of

CONVICTED = {"accused": "P1", "outcome": "convicted", "custodial": True, "sentence_months": 60}


def test_arrest_order_verdict_and_final_judgment_make_four_periods(
    accused_case, custody, record, to_trial, at
):
    arrest = custody(accused_case, "arrested", at(40)).event.seq
    custody(accused_case, "placed_before_judge", at(40, 20))
    order = custody(accused_case, "pretrial_ordered", at(39), facility="CAI La Reforma").event.seq
    custody(accused_case, "pretrial_reviewed", at(30))
    to_trial(accused_case, at(20))
    verdict = record(accused_case, "verdict.delivered", CONVICTED, occurred_at=at(10)).event.seq
    final = record(accused_case, "judgment.final", {}, occurred_at=at(2)).event.seq
    assert periods_of(accused_case) == [
        ("police", at(40), at(39), arrest, order),
        ("pretrial", at(39), at(10), order, verdict),
        ("sentenced_appeal", at(10), at(2), verdict, final),
        ("sentenced_final", at(2), None, final, None),
    ]
    facilities = CustodyPeriod.objects.filter(case=accused_case).order_by("started_at")
    assert [p.facility for p in facilities] == ["", *["CAI La Reforma"] * 3]


def test_a_release_ends_custody_and_a_new_arrest_opens_a_new_period(accused_case, custody, at):
    first = custody(accused_case, "arrested", at(20)).event.seq
    released = custody(accused_case, "released", at(19), reason="no_charges").event.seq
    second = custody(accused_case, "arrested", at(10)).event.seq
    assert periods_of(accused_case) == [
        ("police", at(20), at(19), first, released),
        ("police", at(10), None, second, None),
    ]


def test_an_order_for_someone_free_holds_them_from_the_arrest_that_carries_it_out(
    accused_case, custody, at
):
    custody(accused_case, "pretrial_ordered", at(5))
    assert periods_of(accused_case) == []  # the order alone holds nobody
    arrest = custody(accused_case, "arrested", at(3)).event.seq
    assert periods_of(accused_case) == [("pretrial", at(3), None, arrest, None)]


def test_a_lifted_order_keeps_the_person_in_custody_until_the_release(accused_case, custody, at):
    arrest = custody(accused_case, "arrested", at(31)).event.seq
    order = custody(accused_case, "pretrial_ordered", at(30)).event.seq
    custody(accused_case, "pretrial_lifted", at(10))
    police = ("police", at(31), at(30), arrest, order)
    assert periods_of(accused_case) == [police, ("pretrial", at(30), None, order, None)]
    released = custody(accused_case, "released", at(10, 14)).event.seq
    assert periods_of(accused_case) == [
        police,
        ("pretrial", at(30), at(10, 14), order, released),
    ]


def test_an_acquittal_leaves_the_person_in_pretrial_detention_until_released(
    accused_case, custody, record, to_trial, at
):
    custody(accused_case, "arrested", at(31))
    order = custody(accused_case, "pretrial_ordered", at(30)).event.seq
    to_trial(accused_case, at(20))
    acquitted = {"accused": "P1", "outcome": "acquitted"}
    verdict = record(accused_case, "verdict.delivered", acquitted, occurred_at=at(10)).event.seq
    # the kind stays pretrial (the release watch reads it); the period splits at the
    # verdict, decided from then on (test_a_verdict_makes_the_person_held_decided.py)
    assert periods_of(accused_case)[-2:] == [
        ("pretrial", at(30), at(10), order, verdict),
        ("pretrial", at(10), None, verdict, None),
    ]


def test_a_retrial_makes_a_sentenced_person_unsentenced_again(
    accused_case, custody, record, to_trial, at
):
    arrest = custody(accused_case, "arrested", at(31)).event.seq
    order = custody(accused_case, "pretrial_ordered", at(30)).event.seq
    to_trial(accused_case, at(20))
    verdict = record(accused_case, "verdict.delivered", CONVICTED, occurred_at=at(10)).event.seq
    retrial = record(accused_case, "retrial.ordered", {}, occurred_at=at(3)).event.seq
    assert periods_of(accused_case) == [
        ("police", at(31), at(30), arrest, order),
        ("pretrial", at(30), at(10), order, verdict),
        ("sentenced_appeal", at(10), at(3), verdict, retrial),
        ("pretrial", at(3), None, retrial, None),
    ]


def test_each_accused_has_their_own_periods(accused_case, custody, record, at):
    record(accused_case, "participant.added", {"role": "accused", "person": PERSON})  # P3
    p1 = custody(accused_case, "arrested", at(12)).event.seq
    p3 = custody(accused_case, "arrested", at(11), person="P3").event.seq
    released = custody(accused_case, "released", at(10), person="P3").event.seq
    assert periods_of(accused_case, "P1") == [("police", at(12), None, p1, None)]
    assert periods_of(accused_case, "P3") == [("police", at(11), at(10), p3, released)]


def test_a_corrected_arrest_moves_the_period(accused_case, custody, record, at):
    arrest = custody(accused_case, "arrested", at(12)).event
    record(
        accused_case,
        "custody.arrested",
        {"person": "P1", "place": "Barrio Amón"},
        occurred_at=at(13),
        corrects_seq=arrest.seq,
    )
    assert periods_of(accused_case) == [("police", at(13), None, arrest.seq, None)]


def test_cases_with_someone_in_custody_now(accused_case, open_case, custody, at):
    from expediente.custody.selectors import in_custody_q
    from expediente.docket.models import Case

    free = open_case()
    custody(accused_case, "arrested", at(5))
    assert list(Case.objects.filter(in_custody_q())) == [accused_case]
    custody(accused_case, "released", at(4))
    assert not Case.objects.filter(in_custody_q()).exists()
    assert free not in Case.objects.filter(in_custody_q())


def test_the_check_accepts_a_correction_once_told_what_it_corrects(accused_case, custody, at):
    from expediente.custody.projector import CustodyProjector
    from expediente.docket.models import Case

    arrest = custody(accused_case, "arrested", at(12)).event
    case = Case.objects.select_related("court").get(pk=accused_case.pk)
    check = CustodyProjector().check
    check(case, "custody.arrested", {"person": "P1"}, at(13), corrects_seq=arrest.seq)
    with pytest.raises(InvalidInput):
        check(case, "custody.arrested", {"person": "P1"}, at(13))
