"""Juvenile criminal law covers ages 12 to 17: the demo's juvenile accused are that age."""

import datetime as dt
import random
from zoneinfo import ZoneInfo

from expediente.demo.generator import _person
from expediente.docket.models import Participation


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def test_every_juvenile_accused_is_12_to_17_when_the_case_opens(demo):
    accused = Participation.objects.filter(case__procedure="juvenile", role="accused")
    assert accused.count() >= 10
    ages = set()
    for p in accused.select_related("case__court", "person"):
        opened = p.case.opened_at.astimezone(ZoneInfo(p.case.court.timezone)).date()
        ages.add(_age(p.person.date_of_birth, opened))
    assert min(ages) >= 12
    assert max(ages) <= 17


def test_adult_accused_are_adults(demo):
    accused = Participation.objects.filter(case__procedure="adult", role="accused")
    for p in accused.select_related("case", "person"):
        assert _age(p.person.date_of_birth, p.case.opened_at.date()) >= 18


def test_people_invented_for_an_age_range_are_that_age():
    on = dt.date(2025, 11, 14)
    ages = {
        _age(
            dt.date.fromisoformat(_person(random.Random(i), age=(12, 17), on=on)["date_of_birth"]),
            on,
        )
        for i in range(5000)
    }
    assert ages == {12, 13, 14, 15, 16, 17}
