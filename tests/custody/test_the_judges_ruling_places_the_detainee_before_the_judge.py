"""Constitución Política art. 37: a detainee is placed at a judge's disposal within 24
hours (cr.presentation_to_judge). A clerk often records the judge's own act, the custody
hearing or the pretrial detention order, without a separate "placed before a judge":
the person was at the judge's disposal once the judge held the hearing or ruled on
their detention, so either meets the 24 hours (on time, or late when it came after
them). Before, the deadline stayed open and judge, prosecutor and defence read a false
"overdue" on the due list, the case page and the lawyer's deadlines."""

import datetime as dt

import pytest
from django.utils import timezone

from expediente.custody.models import Alert, Deadline
from expediente.custody.selectors import custody_clock
from expediente.custody.sweep import deadline_sweep
from tests.court.pages.conftest import signed_in, staff
from tests.custody.conftest import deadlines_of
from tests.portal.conftest import make_clerk, text_of
from tests.portal.test_a_lawyer_files_a_petition_for_a_client import linked

RULE = "cr.presentation_to_judge"
LABEL = "Detainee placed before a judge"
DEFENDER = {"given_names": "Rosa", "family_names": "Defensora Solís", "sex": "female"}


def presentation(case) -> Deadline:  # type: ignore[no-untyped-def]
    [row] = deadlines_of(case, RULE)
    return row


@pytest.mark.parametrize("ruling", ["hearing_held", "pretrial_ordered"])
def test_the_judges_ruling_within_24_hours_meets_it(accused_case, custody, at, ruling):  # type: ignore[no-untyped-def]
    custody(accused_case, "arrested", at(5, 8))
    custody(accused_case, ruling, at(5, 20))
    row = presentation(accused_case)
    assert not row.open
    assert row.satisfied_type == f"custody.{ruling}"
    assert row.satisfied_at == at(5, 20)
    assert row.detail["met_late"] is False
    assert row.status(timezone.now()) == "satisfied"


def test_an_order_after_the_24_hours_meets_it_late(accused_case, custody, at):  # type: ignore[no-untyped-def]
    custody(accused_case, "arrested", at(5, 8))
    custody(accused_case, "pretrial_ordered", at(4, 14))  # 30 hours after the arrest
    row = presentation(accused_case)
    assert row.satisfied_type == "custody.pretrial_ordered"
    assert row.detail["met_late"] is True
    # until the order it was overdue; the record keeps when it was met, after its due time
    assert row.status(at(4, 9)) == "overdue"
    assert row.status(at(4, 15)) == "satisfied"
    assert row.satisfied_at > row.due_at
    assert "met by “Pretrial detention ordered”" in row.explain("en")


def test_the_order_met_it_even_after_a_hearing_recorded_late(accused_case, custody, at):  # type: ignore[no-untyped-def]
    """The first of the judge's acts meets it: a hearing at 30 hours is late, whatever
    comes after."""
    custody(accused_case, "arrested", at(5, 8))
    custody(accused_case, "hearing_held", at(4, 14))
    custody(accused_case, "pretrial_ordered", at(4, 15))
    row = presentation(accused_case)
    assert (row.satisfied_type, row.detail["met_late"]) == ("custody.hearing_held", True)


def test_a_hearing_or_an_order_before_the_arrest_does_not_meet_it(accused_case, custody, at):  # type: ignore[no-untyped-def]
    """Only what comes after the arrest counts: a hearing from an earlier spell in
    custody does not place the new detainee before a judge."""
    custody(accused_case, "arrested", at(9, 8))
    custody(accused_case, "hearing_held", at(9, 12), outcome="released")
    custody(accused_case, "released", at(9, 13))
    custody(accused_case, "arrested", at(5, 8))
    [first, second] = deadlines_of(accused_case, RULE)
    assert first.satisfied_type == "custody.hearing_held"
    assert second.open


def test_after_the_order_no_alarm_remains_anywhere(  # type: ignore[no-untyped-def]
    court, accused_case, open_case, record, custody
):
    """Arrested 40 hours ago, ordered detained 20 hours after the arrest: the due list,
    the case page, the defender's deadlines and the alerts sweep say nothing of the 24
    hours (each said "overdue" before); the sweep alerts for someone arrested at the same
    time and never brought before a judge."""
    now = timezone.now()
    record(accused_case, "participant.added", {"role": "public_defender", "person": DEFENDER})
    custody(accused_case, "arrested", now - dt.timedelta(hours=40))
    custody(accused_case, "pretrial_ordered", now - dt.timedelta(hours=20))
    assert not presentation(accused_case).open

    staff("esteban.judge", court, "judge", "Esteban Vargas Solano")
    judge = signed_in("esteban.judge")
    due = text_of(judge.get("/court/due/").content.decode())
    assert "Review of pretrial detention" in due  # the order's own deadlines are there
    assert LABEL not in due

    case_page = text_of(judge.get(f"/court/cases/{accused_case.nuid}/").content.decode())
    assert "Review of pretrial detention" in case_page
    assert LABEL not in case_page
    [clock] = custody_clock(case=accused_case, now=now)
    assert RULE not in {d.row.rule_id for d in clock.deadlines}

    lawyer, _user = linked(accused_case, make_clerk(court), participant="P3")
    mine = text_of(lawyer.get("/my/deadlines/").content.decode())
    assert "Review of pretrial detention" in mine
    assert LABEL not in mine

    # another detainee, arrested at the same time and never brought before a judge
    other = open_case()
    record(other, "participant.added", {"role": "accused", "person": DEFENDER})
    custody(other, "arrested", now - dt.timedelta(hours=40))
    deadline_sweep(now=now)
    raised = Alert.objects.filter(rule_id=RULE)
    assert [a.case_id for a in raised] == [other.pk]


def test_the_order_ends_the_prosecutors_24_hours_to_ask_for_the_hearing(  # type: ignore[no-untyped-def]
    accused_case, custody, at
):
    """CPP art. 238 (cr.custody_hearing_request): the prosecution asks for the detention
    hearing within 24 hours of the placement. A detention order recorded without the
    request leaves nothing to ask for: the clock stops there, no "overdue"."""
    custody(accused_case, "arrested", at(5, 8))
    custody(accused_case, "placed_before_judge", at(5, 12))
    custody(accused_case, "pretrial_ordered", at(4, 18))  # 30 hours after the placement
    [row] = deadlines_of(accused_case, "cr.custody_hearing_request")
    assert not row.open
    assert (row.stopped_type, row.stopped_at) == ("custody.pretrial_ordered", at(4, 18))
    assert row.status(timezone.now()) == "stopped"
    assert "the clock stopped at “Pretrial detention ordered”" in row.explain("en")
