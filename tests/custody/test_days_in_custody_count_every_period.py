"""Days in custody add up every period, police custody included, and say so."""

import datetime as dt

from django.utils import translation

from expediente.custody.selectors import custody_clock
from tests.conftest import PERSON


def clock(case, now):
    with translation.override("en"):
        return custody_clock(case=case, now=now)


def test_police_custody_pretrial_detention_and_a_second_arrest_add_up(accused_case, custody, at):
    custody(accused_case, "arrested", at(30))  # 31 January
    custody(accused_case, "pretrial_ordered", at(28))  # 2 days of police custody
    custody(accused_case, "released", at(20))  # 8 days of pretrial detention
    custody(accused_case, "arrested", at(10, 16))  # and again, from 20 February at 16:00
    [person] = clock(accused_case, now=at(5, 10))  # 4 days and 18 hours later
    assert person.time_in_custody == dt.timedelta(days=14, hours=18)
    assert person.days == 14
    assert len(person.periods) == 3
    assert person.in_custody
    assert person.current.kind == "police"
    assert person.summary == (
        "14 days in custody, counted from 31 January 2026 over 3 periods; "
        "in police custody since 20 February 2026."
    )


def test_after_the_release_the_count_stops(accused_case, custody, at):
    custody(accused_case, "arrested", at(30))
    custody(accused_case, "released", at(29))
    [person] = clock(accused_case, now=at(0))
    assert (person.days, person.in_custody, person.current) == (1, False, None)
    assert person.summary == (
        "1 day in custody, counted from 31 January 2026 over 1 period; "
        "not in custody since 1 February 2026."
    )


def test_only_people_with_a_custody_history_have_a_clock(accused_case, custody, record, at):
    record(accused_case, "participant.added", {"role": "accused", "person": PERSON})  # P3
    custody(accused_case, "arrested", at(3), person="P3")
    assert [p.participant for p in clock(accused_case, now=at(0))] == ["P3"]
