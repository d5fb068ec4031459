"""Staff of several courts see one list, most recent activity first across them. It is
read court by court from each court's index and merged (``RecentFirst``): before, the
database sorted every case of those courts for each page (107 ms at 28,000 demo cases
for a clerk of two courts, growing with the caseload). Every slice of it is the slice
of the one-query list, ties in time included."""

from __future__ import annotations

import datetime as dt
import random
import re

from expediente.access.models import Membership
from expediente.access.policy import Actor
from expediente.court.pages.search import CaseFilters, RecentFirst, case_search
from expediente.docket.models import Case, Court
from expediente.docket.services import case_open
from tests.conftest import NOW
from tests.court.pages.conftest import case_url, signed_in, staff


def _caseload(court, other_court, clerk) -> list[Court]:  # type: ignore[no-untyped-def]
    third = Court.objects.create(
        jurisdiction=court.jurisdiction,
        code="limon-penal",
        name="Juzgado Penal de Limón",
        office_code="0999",
        timezone="America/Costa_Rica",
        rule_pack="cr",
    )
    courts = [court, other_court, third]
    rng = random.Random(7)
    for i in range(14):
        opened = case_open(
            court=courts[rng.choice([0, 0, 1, 2])],  # uneven: one court busier
            actor=clerk,
            procedure="adult",
            occurred_at=NOW - dt.timedelta(days=30, minutes=i),
        ).event.case
        # few distinct times, so that many cases tie on their latest activity
        Case.objects.filter(pk=opened.pk).update(
            updated_at=NOW - dt.timedelta(hours=rng.choice([1, 2, 3, 5]))
        )
    return courts


def test_every_slice_across_courts_is_the_one_query_lists(court, other_court, clerk):
    courts = _caseload(court, other_court, clerk)
    cases = case_search(actor=clerk, courts=courts, filters=CaseFilters())
    whole = list(cases)
    assert len(whole) == 14
    listed = RecentFirst(cases, [c.pk for c in courts])
    assert listed.count() == len(listed) == 14
    for start in range(15):
        for stop in range(start, 16):
            assert [c.pk for c in listed[start:stop]] == [c.pk for c in whole[start:stop]]
    assert listed[3].pk == whole[3].pk


def test_a_clerk_of_two_courts_sees_both_in_one_list(court, other_court, clerk, monkeypatch):
    from expediente.court.pages import views

    user = staff("ana.clerk", court, "clerk")
    Membership.objects.create(user=user, court=other_court, role="clerk")
    _caseload(court, other_court, clerk)
    mine = list(
        case_search(actor=Actor.staff(user), courts=[court, other_court], filters=CaseFilters())
    )
    assert {c.court_id for c in mine} == {court.pk, other_court.pk}
    monkeypatch.setattr(views, "PAGE_SIZE", 4)
    client = signed_in("ana.clerk")
    shown = []
    for number in range(1, (len(mine) + 3) // 4 + 1):
        html = client.get("/court/cases/", {"page": number}).content.decode()
        shown += re.findall(r'href="(/court/cases/(?!new/)[^"/]+/)"', html)
    assert shown == [case_url(c) for c in mine]
