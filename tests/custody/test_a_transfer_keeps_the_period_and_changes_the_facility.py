"""A transfer between facilities does not interrupt custody: the period goes on, and its
facility becomes the new one."""

import pytest

from expediente.custody.models import CustodyPeriod
from expediente.custody.selectors import custody_clock
from expediente.docket.errors import InvalidInput
from tests.conftest import NOW
from tests.custody.conftest import periods_of


def test_a_transfer_changes_the_facility_of_the_open_period(accused_case, custody, at):
    arrest = custody(accused_case, "arrested", at(30, 8)).event.seq
    order = custody(accused_case, "pretrial_ordered", at(30), facility="CAI La Reforma").event.seq
    custody(accused_case, "transferred", at(10), facility="CAI Jorge Arturo Montero")
    assert periods_of(accused_case) == [
        ("police", at(30, 8), at(30), arrest, order),
        ("pretrial", at(30), None, order, None),
    ]
    period = CustodyPeriod.objects.get(case=accused_case, kind="pretrial")
    assert period.facility == "CAI Jorge Arturo Montero"
    [clock] = custody_clock(case=accused_case, now=NOW)
    assert clock.time_in_custody == NOW - at(30, 8)  # not interrupted by the transfer


def test_a_transfer_needs_a_facility(accused_case, custody, rows, at):
    custody(accused_case, "arrested", at(3))
    before = rows(accused_case)
    with pytest.raises(InvalidInput) as exc:
        custody(accused_case, "transferred", at(2))
    assert rows(accused_case) == before
    assert [e["field"] for e in exc.value.errors] == ["payload.facility"]
