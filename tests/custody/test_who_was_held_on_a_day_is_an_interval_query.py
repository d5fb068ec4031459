"""Statistics (SDG 16.3.2) count the people held on a reference day, unsentenced or
sentenced, from the period rows alone: each row has its kind, start, end (null while
open), person, case and court, and a change of kind is a new row."""

from django.db.models import Q

from expediente.custody.models import CustodyPeriod
from expediente.docket.models import Participation

CONVICTED = {"accused": "P1", "outcome": "convicted", "custodial": True, "sentence_months": 60}


def held_on(day):
    rows = CustodyPeriod.objects.filter(started_at__lte=day).filter(
        Q(ended_at__isnull=True) | Q(ended_at__gt=day)
    )
    return sorted(rows.values_list("kind", "person__family_names", "court__code", "case__nuid"))


def test_a_first_instance_conviction_under_appeal_counts_as_sentenced_from_that_day(
    accused_case, custody, record, to_trial, at
):
    custody(accused_case, "arrested", at(50))
    custody(accused_case, "pretrial_ordered", at(49))
    to_trial(accused_case, at(30))
    record(accused_case, "verdict.delivered", CONVICTED, occurred_at=at(20))
    where = ("Pérez Mora", "sj-penal", accused_case.nuid)
    assert held_on(at(50, 12)) == [("police", *where)]
    assert held_on(at(25)) == [("pretrial", *where)]
    assert held_on(at(20)) == [("sentenced_appeal", *where)]  # the day the kind changed


def test_nobody_is_held_while_at_large_or_after_release(accused_case, custody, at):
    custody(accused_case, "arrested", at(50))
    custody(accused_case, "escaped", at(45))
    custody(accused_case, "recaptured", at(40))
    custody(accused_case, "released", at(30))
    assert held_on(at(42)) == []
    assert [k for k, *_ in held_on(at(35))] == ["police"]
    assert held_on(at(10)) == []


def test_every_period_carries_the_person_and_court_of_its_case(accused_case, custody, at):
    custody(accused_case, "arrested", at(50))
    custody(accused_case, "pretrial_ordered", at(49))
    person = Participation.objects.get(case=accused_case, uid="P1").person_id
    for period in CustodyPeriod.objects.filter(case=accused_case):
        assert (period.person_id, period.court_id) == (person, accused_case.court_id)
        assert period.kind
        assert period.started_at
