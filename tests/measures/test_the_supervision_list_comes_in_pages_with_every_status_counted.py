"""A court with tens of thousands of cases supervises thousands of measures: the judge's
list comes in pages (50 measures), in the same order as the whole list, with how many
measures are in each compliance status and a page per status; only the people on the
page are read and logged. Before, the page rendered every measure (at 11,000 demo cases,
900 rows, 570 KB and about a second; it grew with the caseload)."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.utils import timezone

from expediente.access.access_log import AccessRecord
from expediente.access.models import User
from expediente.access.policy import Actor
from expediente.court.measures import views
from expediente.court.pages.visibility import visibility_q
from expediente.demo.generator import SUPERVISED, generate
from expediente.docket.models import Court
from expediente.measures import selectors
from expediente.measures.selectors import (
    STATUSES,
    measure_list_supervised,
    measure_page_supervised,
)
from tests.conftest import LATER


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    """The page is read at LATER, nine months after NOW, whatever day the tests run: a
    month before the community service's last day (31 December 2026)."""
    monkeypatch.setattr(views, "timezone", SimpleNamespace(now=lambda: LATER))


@pytest.mark.parametrize("include_closed", [False, True])
def test_the_pages_rank_the_demo_measures_as_the_whole_list(db, include_closed):
    anchor = timezone.now().replace(microsecond=0) - dt.timedelta(hours=1)
    generate(cases=4 + 8 * len(SUPERVISED), seed=7, anchor=anchor)
    courts = list(Court.objects.all())
    visible = visibility_q(Actor.system(User.objects.get(username="demo")), courts)
    now = timezone.now()
    whole = measure_list_supervised(
        courts=courts, visible=visible, now=now, include_closed=include_closed
    )
    wanted = [(r.measure.pk, r.status, r.behind) for r in whole]
    assert len({status for _pk, status, _b in wanted}) >= 4  # the demo has them all

    def pages(status: str | None) -> list[tuple[int, str, int]]:
        got, number = [], 1
        while True:
            page = measure_page_supervised(
                courts=courts,
                visible=visible,
                now=now,
                include_closed=include_closed,
                status=status,
                page=number,
                per_page=3,
            )
            assert page.counts == {s: sum(w[1] == s for w in wanted) for s in STATUSES}
            assert len(page.rows) <= 3
            got += [(r.measure.pk, r.status, r.behind) for r in page.rows]
            if not page.page.has_next():
                return got
            number += 1

    assert pages(None) == wanted
    for status in STATUSES:
        assert pages(status) == [w for w in wanted if w[1] == status]


def _many(accused_case, impose, comply, at) -> None:  # type: ignore[no-untyped-def]
    impose(accused_case, "periodic_reporting", at(30), measure="M1")  # missed since
    impose(accused_case, "restraining_order", at(30), measure="M2")
    comply(accused_case, "device_event", at(1), measure="M2", device="DEV-1", kind="zone_breach")
    impose(accused_case, "community_service", at(2), measure="M3", hours=10, due_on="2026-12-31")


def _measures(html: str) -> list[str]:
    return re.findall(r"<strong>(M\d) · ", html)


def test_the_list_comes_in_pages_and_a_status_has_its_own(
    accused_case, impose, comply, at, judge_client, monkeypatch
):
    _many(accused_case, impose, comply, at)
    monkeypatch.setattr(selectors, "PER_PAGE", 2)

    first = judge_client.get("/court/measures/").content.decode()
    assert _measures(first) == ["M2", "M1"]  # the breach, then the missed check-in
    assert "Page 1 of 2" in first
    assert "All: 3 measures" in first
    assert "1 · <span" in first  # each status with its count
    second = judge_client.get("/court/measures/?page=2").content.decode()
    assert _measures(second) == ["M3"]
    assert "Page 2 of 2" in second

    missed = judge_client.get("/court/measures/?status=missed").content.decode()
    assert _measures(missed) == ["M1"]
    assert "Page 1 of" not in missed  # one page: no page links
    assert 'href="?page=2"' not in missed


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("?status=everything", ["M2", "M1"]),  # an unknown status: the whole list
        ("?status=closed", ["M2", "M1"]),  # closed measures only with closed=1
        ("?page=two", ["M2", "M1"]),  # not a number: the first page
        ("?page=-4", ["M3"]),  # out of range either way: the last page, as Django pages
        ("?page=99", ["M3"]),  # past the end: the last page
        ("?status=missed&page=99", ["M1"]),
    ],
)
def test_an_odd_query_shows_a_page_of_the_list_not_an_error(
    accused_case, impose, comply, at, judge_client, monkeypatch, query, shown
):
    _many(accused_case, impose, comply, at)
    monkeypatch.setattr(selectors, "PER_PAGE", 2)
    response = judge_client.get("/court/measures/" + query)
    assert response.status_code == 200
    assert _measures(response.content.decode()) == shown


def test_only_the_people_on_the_page_are_read_and_logged(
    accused_case, open_case, record, impose, at, judge_client, monkeypatch
):
    other = open_case()
    record(
        other,
        "participant.added",
        {"role": "accused", "person": {"given_names": "Luis", "family_names": "Segundo Caso"}},
    )
    impose(accused_case, "periodic_reporting", at(30), measure="M1")  # missed: first
    impose(other, "community_service", at(2), measure="M1", hours=10, due_on="2026-12-31")
    monkeypatch.setattr(selectors, "PER_PAGE", 1)

    page = judge_client.get("/court/measures/").content.decode()

    assert "José Pérez Mora" in page
    assert "Luis Segundo Caso" not in page
    assert [r.case_id for r in AccessRecord.objects.all()] == [accused_case.pk]
