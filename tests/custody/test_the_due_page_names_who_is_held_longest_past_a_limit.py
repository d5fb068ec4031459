"""The due list puts the limit passed most recently first (a person held 20 hours past
the 24 hours is seen at once), so in a busy court a person held for months past a limit
fell off the first page. The first page now says how many limits of the law are overdue
in all and, when that person is not on it, who has been held past a limit the longest:
"Held longest past a limit: <name>, case <number>, since <date> (<n> days)", linked."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import formats, timezone

from expediente.custody.models import Deadline
from expediente.docket.models import Confidentiality
from tests.conftest import PERSON
from tests.court.pages.conftest import case_url

URL = "/court/due/"
ROSA = {"given_names": "Rosa", "family_names": "Quirós Mena"}
PAGE_SIZE = 25


def held(open_case, record, custody, person, arrested):
    case = open_case(occurred_at=arrested - dt.timedelta(hours=1))
    record(
        case,
        "participant.added",
        {"role": "accused", "person": person},
        occurred_at=arrested - dt.timedelta(minutes=30),
    )
    custody(case, "arrested", arrested)
    return case


def overdue_legal_limits() -> list[Deadline]:
    now = timezone.now()
    return sorted(
        (
            d
            for d in Deadline.objects.filter(open=True)
            if d.due_at <= now and (d.law or {}).get("flag") != "policy"
        ),
        key=lambda d: d.due_at,
    )


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def panel(html: str) -> str:
    found = re.search(r'<div class="overdue-law">(.*?)</div>', html, re.S)
    assert found, "the first page says nothing about the overdue legal limits"
    return found.group(1)


@pytest.fixture
def busy_court(open_case, record, custody):
    """Rosa, arrested 50 days ago and never brought before a judge; then 30 people
    arrested in the last two days, each held some hours past the 24 hours."""
    rosa = held(open_case, record, custody, ROSA, timezone.now() - dt.timedelta(days=50))
    for i in range(30):
        arrested = timezone.now() - dt.timedelta(hours=30 + i)
        held(open_case, record, custody, PERSON, arrested)
    return rosa


def test_the_first_page_names_the_person_held_longest_past_a_limit(judge_client, busy_court):
    rosa = busy_court
    html = judge_client.get(URL).content.decode()
    listed = html.split('id="due-caption"', 1)[1]
    assert rosa.number not in listed, "the test needs Rosa off the first page"
    overdue = overdue_legal_limits()
    assert len(overdue) > PAGE_SIZE
    oldest = overdue[0]
    assert oldest.case == rosa
    said = panel(html)
    assert f"{len(overdue)} legal limits are overdue in all." in text(said)
    days = (timezone.now() - oldest.due_at).days
    assert days >= 48
    passed = oldest.due_at.astimezone(ZoneInfo(rosa.court.timezone))
    day = formats.date_format(passed, "DATE_FORMAT")
    assert (
        f"Held longest past a limit: Rosa Quirós Mena, case {rosa.number}, since {day} "
        f"({days} days)"
    ) in text(said)
    assert f'<a href="{case_url(rosa)}"><span class="case-no">{rosa.number}</span></a>' in said
    assert oldest.label["en"] in said  # which limit


def test_not_said_again_when_the_first_page_shows_that_person(judge_client, busy_court):
    # the others' limits met (closed): Rosa is on the first page
    Deadline.objects.exclude(case=busy_court).update(open=False)
    html = judge_client.get(URL).content.decode()
    assert busy_court.number in html.split('id="due-caption"', 1)[1]
    said = text(panel(html))
    assert "legal limit" in said
    assert "Held longest" not in said


def test_a_case_the_reader_may_not_see_is_neither_named_nor_counted(
    judge_client, clerk_client, busy_court
):
    busy_court.confidentiality = Confidentiality.SEALED
    busy_court.save(update_fields=["confidentiality"])
    overdue = overdue_legal_limits()
    of_rosa = sum(d.case_id == busy_court.pk for d in overdue)
    judge_said = text(panel(judge_client.get(URL).content.decode()))
    clerk_said = text(panel(clerk_client.get(URL).content.decode()))
    assert "Rosa" in judge_said  # a judge sees sealed cases
    assert f"{len(overdue)} legal limits" in judge_said
    assert "Rosa" not in clerk_said
    assert busy_court.number not in clerk_said
    assert f"{len(overdue) - of_rosa} legal limits" in clerk_said


def test_nothing_is_said_when_no_legal_limit_is_overdue(judge_client, open_case, record, custody):
    held(open_case, record, custody, ROSA, timezone.now() - dt.timedelta(hours=2))
    html = judge_client.get(URL).content.decode()
    assert "overdue-law" not in html
    assert "Held longest" not in html
