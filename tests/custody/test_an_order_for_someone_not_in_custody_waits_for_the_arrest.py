"""A judge may order the pretrial detention of an accused who is not in custody (never
arrested, or released earlier): the order is carried out when the person is arrested.
The record keeps the order as the judge gave it, but the person is not held until the
arrest: no custody period, no day of detention, no review or maximum counting, nobody
"held" on the case page, the due list or the lawyer's pages. The arrest after the order
starts the pretrial detention, and its review, maximum and order term, from then.

Before, the order alone opened a pretrial-detention period: a person never brought into
custody was shown held, their days counted and their maximum ran from the order."""

import datetime as dt

import pytest
from django.utils import timezone

from expediente.custody.models import CustodyPeriod
from expediente.custody.selectors import custody_clock, in_custody_q
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case, Event
from tests.conftest import NOW
from tests.custody.conftest import deadlines_of, periods_of
from tests.portal.conftest import make_clerk, text_of
from tests.portal.test_a_lawyer_files_a_petition_for_a_client import linked

DEFENDER = {"given_names": "Rosa", "family_names": "Defensora Solís", "sex": "female"}
ORDER_RULES = {"cr.pretrial_review", "cr.pretrial_maximum", "cr.pretrial_order_term"}


def rule_ids(case: Case) -> set[str]:
    return {d.rule_id for d in deadlines_of(case)}


def test_an_order_alone_holds_nobody_and_counts_nothing(accused_case, custody, at):  # type: ignore[no-untyped-def]
    custody(accused_case, "pretrial_ordered", at(20))
    assert periods_of(accused_case) == []
    assert custody_clock(case=accused_case, now=NOW) == []
    assert deadlines_of(accused_case) == []
    assert not Case.objects.filter(in_custody_q(), pk=accused_case.pk).exists()


def test_the_arrest_that_carries_out_the_order_starts_the_detention(accused_case, custody, at):  # type: ignore[no-untyped-def]
    custody(accused_case, "pretrial_ordered", at(20), until="2027-06-30", facility="CAI La Reforma")
    arrest = custody(accused_case, "arrested", at(10)).event.seq
    assert periods_of(accused_case) == [("pretrial", at(10), None, arrest, None)]
    assert CustodyPeriod.objects.get(case=accused_case).facility == "CAI La Reforma"
    [clock] = custody_clock(case=accused_case, now=NOW)
    assert clock.in_custody
    assert clock.time_in_custody == NOW - at(10)  # from the arrest, not the order
    [review] = deadlines_of(accused_case, "cr.pretrial_review")
    [maximum] = deadlines_of(accused_case, "cr.pretrial_maximum")
    [term] = deadlines_of(accused_case, "cr.pretrial_order_term")
    assert (review.start_at, review.start_type) == (at(10), "custody.arrested")
    assert review.due_on == dt.date(2026, 5, 20)  # 3 months from the arrest of 20 February
    assert maximum.due_on == dt.date(2027, 2, 20)  # 12 months from the arrest
    assert term.due_on == dt.date(2027, 6, 30)  # the day the order fixed
    assert "the person was not in custody at “Pretrial detention ordered”" in review.explain("en")
    assert "the day fixed by “Pretrial detention ordered”" in term.explain("en")
    # the person arrested must still be placed before a judge within 24 hours
    [presentation] = deadlines_of(accused_case, "cr.presentation_to_judge")
    assert presentation.open
    assert presentation.start_at == at(10)


def test_brought_before_the_judge_after_that_arrest_nobody_is_asked_for_a_hearing(  # type: ignore[no-untyped-def]
    accused_case, custody, at
):
    """The prosecution's 24 hours to ask for a detention hearing (CPP art. 238) concern a
    person held without an order: the order is already there."""
    custody(accused_case, "pretrial_ordered", at(20))
    custody(accused_case, "arrested", at(10, 8))
    custody(accused_case, "placed_before_judge", at(10, 12))
    assert "cr.custody_hearing_request" not in rule_ids(accused_case)
    [presentation] = deadlines_of(accused_case, "cr.presentation_to_judge")
    assert presentation.satisfied_type == "custody.placed_before_judge"


def test_taken_into_custody_at_the_hearing_the_arrest_comes_first(accused_case, custody, at):  # type: ignore[no-untyped-def]
    """Someone who came to the hearing free and was taken into custody there: the clerk
    records the arrest, then the order; the detention runs from the order, and the
    order meets the 24 hours to be placed before a judge."""
    arrest = custody(accused_case, "arrested", at(20, 10)).event.seq
    order = custody(accused_case, "pretrial_ordered", at(20, 10, 5)).event.seq
    assert [p[0] for p in periods_of(accused_case)] == ["police", "pretrial"]
    assert periods_of(accused_case)[1][3] == order
    assert periods_of(accused_case)[0][3] == arrest
    [presentation] = deadlines_of(accused_case, "cr.presentation_to_judge")
    assert presentation.satisfied_type == "custody.pretrial_ordered"
    assert rule_ids(accused_case) >= ORDER_RULES


def test_an_order_lifted_before_any_arrest_leaves_nothing_to_carry_out(accused_case, custody, at):  # type: ignore[no-untyped-def]
    custody(accused_case, "pretrial_ordered", at(20))
    custody(accused_case, "pretrial_lifted", at(15))
    custody(accused_case, "arrested", at(10))  # arrested later, on other grounds
    assert [p[0] for p in periods_of(accused_case)] == ["police"]
    assert rule_ids(accused_case) == {"cr.presentation_to_judge"}


def test_a_released_person_ordered_detained_again_is_held_from_the_new_arrest(  # type: ignore[no-untyped-def]
    accused_case, custody, at
):
    custody(accused_case, "arrested", at(25))
    custody(accused_case, "released", at(24), reason="measures_replaced")
    custody(accused_case, "pretrial_ordered", at(20))
    assert [p[2] is not None for p in periods_of(accused_case)] == [True]  # released: ended
    custody(accused_case, "arrested", at(12))
    assert [p[0] for p in periods_of(accused_case)] == ["police", "pretrial"]
    assert periods_of(accused_case)[1][1] == at(12)


def test_a_release_or_a_review_needs_the_arrest_first(accused_case, custody, at):  # type: ignore[no-untyped-def]
    custody(accused_case, "pretrial_ordered", at(20))
    before = Event.objects.filter(case=accused_case).count()
    with pytest.raises(InvalidInput) as refused:
        custody(accused_case, "released", at(10))
    [error] = refused.value.errors
    assert error["field"] == "payload.person"
    assert "the detention order of" in error["message"]
    assert "no arrest is recorded after it" in error["message"]
    assert Event.objects.filter(case=accused_case).count() == before
    # the order is in force: it can be reviewed, extended or lifted before the arrest
    custody(accused_case, "pretrial_reviewed", at(5))
    assert periods_of(accused_case) == []


def test_nobody_is_shown_held_on_the_staff_pages(accused_case, custody, clerk_client):  # type: ignore[no-untyped-def]
    ordered = timezone.now() - dt.timedelta(days=20)
    custody(accused_case, "pretrial_ordered", ordered)
    case_page = text_of(clerk_client.get(f"/court/cases/{accused_case.nuid}/").content.decode())
    assert "in pretrial detention since" not in case_page
    assert "days in custody" not in case_page
    assert "José Pérez Mora is not in custody: no arrest is recorded after" in case_page
    assert "“Pretrial detention ordered”" in case_page
    assert "Review of pretrial detention due" not in case_page
    due = text_of(clerk_client.get("/court/due/").content.decode())
    assert accused_case.number not in due
    listed = text_of(clerk_client.get("/court/cases/", {"custody": "yes"}).content.decode())
    assert accused_case.number not in listed


def test_then_held_from_the_arrest_on_the_staff_pages(accused_case, custody, clerk_client):  # type: ignore[no-untyped-def]
    now = timezone.now()
    custody(accused_case, "pretrial_ordered", now - dt.timedelta(days=20))
    custody(accused_case, "arrested", now - dt.timedelta(days=2))
    case_page = text_of(clerk_client.get(f"/court/cases/{accused_case.nuid}/").content.decode())
    assert "2 days in custody" in case_page
    assert "in pretrial detention since" in case_page
    assert "is not in custody: no arrest is recorded after" not in case_page
    assert "Review of pretrial detention due" in case_page


def test_nobody_is_shown_held_to_the_defence(court, accused_case, record, custody):  # type: ignore[no-untyped-def]
    record(accused_case, "participant.added", {"role": "public_defender", "person": DEFENDER})
    custody(accused_case, "pretrial_ordered", timezone.now() - dt.timedelta(days=20))
    lawyer, _user = linked(accused_case, make_clerk(court), participant="P3")
    case = text_of(lawyer.get(f"/my/cases/{accused_case.nuid}/P3/").content.decode())
    assert "Pretrial detention ordered" in case  # the order is on the record
    assert "in pretrial detention since" not in case
    assert "days in custody" not in case
    mine = text_of(lawyer.get("/my/deadlines/").content.decode())
    assert "Review of pretrial detention" not in mine
    assert "Maximum term of pretrial detention" not in mine
