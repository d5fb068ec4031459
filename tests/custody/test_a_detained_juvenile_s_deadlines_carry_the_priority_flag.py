"""Costa Rica's Ley 7576 art. 60: cases with detained minors come first. Every deadline
of a juvenile in custody carries the priority flag; it drops when they are released, and
adults never carry it. Each deadline also records the holidays calendar that counted it."""

import holidays

from expediente.custody.models import Deadline
from tests.conftest import PERSON


def test_a_detained_juvenile_has_priority_until_released(open_case, record, custody, at):
    case = open_case("juvenile")
    record(case, "participant.added", {"role": "accused", "person": PERSON})
    custody(case, "arrested", at(20, 8))
    custody(case, "pretrial_ordered", at(20))
    rules = dict(Deadline.objects.filter(case=case).values_list("rule_id", "priority"))
    assert rules == {"cr.presentation_to_judge": True, "cr.juvenile.provisional_detention": True}
    custody(case, "released", at(5))
    assert not Deadline.objects.filter(case=case, priority=True).exists()


def test_an_adult_in_custody_has_no_priority(accused_case, custody, at):
    custody(accused_case, "arrested", at(20, 8))
    custody(accused_case, "pretrial_ordered", at(20))
    assert Deadline.objects.filter(case=accused_case).exists()
    assert not Deadline.objects.filter(case=accused_case, priority=True).exists()


def test_each_deadline_records_the_holidays_version(accused_case, custody, at):
    custody(accused_case, "arrested", at(20, 8))
    custody(accused_case, "pretrial_ordered", at(20))
    versions = set(
        Deadline.objects.filter(case=accused_case).values_list("holidays_version", flat=True)
    )
    assert versions == {holidays.__version__}
