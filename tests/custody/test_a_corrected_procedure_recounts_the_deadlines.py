"""A 16-year-old held in a case opened under the adult procedure has the adult limits (12
months, CPP art. 257). Once the opening is corrected to the juvenile procedure, the
detention clock is counted again from the start under Ley 7576 (2 months, 4 at most),
with the priority of art. 60; corrected back, the adult limits return. A rebuild gives
the same rows."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from expediente.custody.models import Deadline
from expediente.custody.selectors import custody_clock
from expediente.docket.models import Event
from tests.custody.conftest import CR

TEEN = {"given_names": "Kevin", "family_names": "Solís Mora", "date_of_birth": "2009-11-02"}
WHY = "The accused is 16: opened under the adult procedure by mistake"


def correct(record, case, procedure):
    latest = Event.objects.filter(case=case, type="case.opened").latest("seq").seq
    return record(
        case,
        "case.opened",
        {"procedure": procedure},
        occurred_at=case.opened_at,
        corrects_seq=latest,
        correction_reason=WHY,
    )


def rules(case) -> dict[str, tuple[str, bool]]:
    """Open deadlines: rule -> (last day on the court's calendar, priority)."""
    return {
        d.rule_id: (str(d.due_on or d.due_at.astimezone(CR).date()), d.priority)
        for d in Deadline.objects.filter(case=case, open=True)
    }


def test_the_juvenile_limits_replace_the_adult_ones_for_the_past_as_for_the_future(
    open_case, record, custody, at
):
    case = open_case("adult")
    record(case, "participant.added", {"role": "accused", "person": TEEN})
    custody(case, "arrested", at(20, 8))
    custody(case, "pretrial_ordered", at(20), until="2026-12-31")
    before = rules(case)
    assert "cr.pretrial_maximum" in before
    assert "cr.juvenile.provisional_detention" not in before

    correct(record, case, "juvenile")
    after = rules(case)
    ordered = at(20).date()
    two_months = ordered.replace(month=ordered.month + 2).isoformat()
    assert after["cr.juvenile.provisional_detention"] == (two_months, True)
    assert not {"cr.pretrial_maximum", "cr.pretrial_review", "cr.pretrial_order_term"} & set(after)
    [clock] = custody_clock(case=case, now=at(1))
    assert clock.maximum is not None
    assert clock.maximum.row.rule_id == "cr.juvenile.provisional_detention"
    call_command("rebuild", "--check", stdout=StringIO())  # CommandError if they differ

    correct(record, case, "adult")
    assert rules(case).keys() == before.keys()
    assert not any(priority for _day, priority in rules(case).values())
    call_command("rebuild", "--check", stdout=StringIO())


def test_entries_recorded_after_the_correction_count_under_the_new_procedure(
    open_case, record, custody, at
):
    case = open_case("adult")
    record(case, "participant.added", {"role": "accused", "person": TEEN})
    correct(record, case, "juvenile")
    custody(case, "arrested", at(10, 8))
    custody(case, "pretrial_ordered", at(10))
    assert set(rules(case)) == {"cr.juvenile.provisional_detention"}
    call_command("rebuild", "--check", stdout=StringIO())
