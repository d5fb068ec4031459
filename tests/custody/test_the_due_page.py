"""The judge's "Due and overdue" page (/court/due/): every open deadline of the courts
the staff member works in, the most urgent first, each with what meets it."""

import datetime as dt
import re
from types import SimpleNamespace

import pytest

from expediente.court.due import views
from expediente.custody.models import Deadline
from expediente.custody.selectors import STATUSES, status_q
from expediente.docket.models import Case
from expediente.petitions.services import petition_file
from tests.conftest import LATER, PERSON

URL = "/court/due/"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    """The page is read at LATER, nine months after NOW, whatever day the tests run."""
    monkeypatch.setattr(views, "timezone", SimpleNamespace(now=lambda: LATER))


@pytest.fixture
def detained(open_case, record, custody, at):
    """Arrested 20 hours before LATER (due soon); arrested two days before NOW (overdue
    for months); ordered detained the day before NOW (review overdue for months, maximum
    later)."""
    cases = []
    for when, what in (
        (LATER - dt.timedelta(hours=20), "arrested"),
        (at(2), "arrested"),
        (at(1), "pretrial_ordered"),
    ):
        case = open_case()
        record(case, "participant.added", {"role": "accused", "person": PERSON})
        if what == "pretrial_ordered":  # arrested, then ordered detained: held from then
            custody(case, "arrested", when - dt.timedelta(hours=2))
        custody(case, what, when)
        cases.append(case)
    return cases


@pytest.fixture
def urgent(detained, open_case, record, custody, clerk):
    """Besides ``detained``: someone held 20 hours past the 24 hours to be brought before
    a judge (Constitución Política art. 37), and a petition whose answer (the court's
    48-hour service target) is 6 hours late."""
    case = open_case()
    record(case, "participant.added", {"role": "accused", "person": PERSON})
    custody(case, "arrested", LATER - dt.timedelta(hours=44))
    petition_file(
        case=detained[2],
        actor=clerk,
        occurred_at=LATER - dt.timedelta(hours=54),
        petitioner="P1",
        # not a review: the accused's request for one restarts the review's count (cr,
        # CPP art. 253), which is not what this list's order is about
        kind="habeas_corpus",
        text="Pido que se revise la legalidad de la detención.",
        filed_via="clerk",
        received_from="Marta Pérez, hermana",
    )
    return case


def page(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def rows(html):
    return re.findall(r'<tr class="due-(\w+)">(.*?)</tr>', html, re.S)


def lines(html):
    return [
        (
            status,
            re.search(r"/court/cases/([^/]+)/", row)[1],
            re.search(r"<strong>(.*?)</strong>", row)[1],
        )
        for status, row in rows(html)
    ]


def test_what_must_be_acted_on_now_comes_first(judge_client, detained, urgent):
    soon, stale, ordered = detained
    assert lines(page(judge_client)) == [
        # people held past a limit of the law, the most recently passed first
        ("overdue", urgent.nuid, "Detainee placed before a judge"),  # by 20 hours
        ("overdue", ordered.nuid, "Review of pretrial detention"),  # since June
        ("overdue", stale.nuid, "Detainee placed before a judge"),  # since March
        # limits of the law due soon, the nearest first
        ("due_soon", soon.nuid, "Detainee placed before a judge"),
        # the court's service targets
        ("overdue", ordered.nuid, "Answer to a habeas corpus petition"),
        # the rest, the nearest first
        ("pending", ordered.nuid, "Maximum term of pretrial detention"),
        ("pending", ordered.nuid, "Term stated in the detention order"),
    ]


def test_the_page_says_in_what_order(judge_client, detained):
    html = page(judge_client)
    assert "In order: breaches of measures and urgent petitions; detained minors" in html
    assert "then every open deadline: people held past a legal limit, the latest first" in html
    assert "Due soon: due within 7 days, or within 30 days for a legal maximum" in html


def test_every_limit_set_by_law_is_marked_and_a_service_target_is_not(
    judge_client, detained, urgent
):
    for _status, row in rows(page(judge_client)):
        if "Answer to a habeas corpus petition" in row:
            assert "Legal limit" not in row
            assert "service target, not a legal limit" in row
        else:  # the 24 hours of art. 37 as much as the 12 months of art. 257
            assert "Legal limit" in row, row


def test_a_nearer_deadline_is_never_calmer(judge_client, detained, urgent):
    """Among deadlines not yet overdue, a status never gets more urgent further down
    the same weight: the petition answered in hours is due soon like a review in days."""
    rank = {"pending": 0, "due_soon": 1, "overdue": 2}
    found = [(s, row) for s, row in rows(page(judge_client)) if s != "overdue"]
    assert [rank[s] for s, _ in found] == sorted((rank[s] for s, _ in found), reverse=True)


def test_the_first_page_is_short_and_the_next_continues_the_order(
    judge_client, detained, urgent, monkeypatch
):
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    first = page(judge_client)
    assert len(rows(first)) == 3
    link = re.search(r'href="\?after=([^"]+)" rel="next"', first)[1]
    second = page(
        judge_client, after=link.replace("%7E", "~").replace("%3A", ":").replace("%2B", "+")
    )
    third_link = re.search(r'href="\?after=([^"]+)" rel="next"', second)[1]
    third = page(
        judge_client, after=third_link.replace("%7E", "~").replace("%3A", ":").replace("%2B", "+")
    )
    got = [line for html in (first, second, third) for line in lines(html)]
    monkeypatch.setattr(views, "PAGE_SIZE", 25)
    assert got == lines(page(judge_client))
    assert "Next deadlines" not in third


def test_a_bad_cursor_shows_the_first_page(judge_client, detained):
    for bad in ("9~2026-01-01T00:00:00+00:00~1", "x", "0~2026-01-01~1", "0~nope~1"):
        assert len(rows(page(judge_client, after=bad))) == 5


def test_each_line_says_who_what_when_why_and_what_to_do(judge_client, detained):
    _, overdue, _ = detained
    _, row = rows(page(judge_client))[1]
    assert "José Pérez Mora" in row
    assert f'href="/court/cases/{overdue.nuid}/"' in row
    assert "Detainee placed before a judge" in row
    assert "Constitución Política art. 37" in row
    assert "1 March 2026, 10:00" in row  # on the court's clock
    assert "overdue by " in row
    assert "24 hours from “Arrest” on 28 February 2026 at 10:00." in row
    record = f'href="/court/cases/{overdue.nuid}/record/custody.placed_before_judge/"'
    assert record in row


def test_a_deadline_counted_in_days_shows_its_last_day(judge_client, detained):
    html = page(judge_client, status="pending")
    [(_, row), (_, order)] = rows(html)
    assert "by the end of the day on 1 March 2027" in row
    assert "Maximum term of pretrial detention" in row
    assert "Legal limit" in row
    # the date the order itself states (art. 243(e)): set by law as well
    assert "by the end of the day on 31 December 2027" in order
    assert "Term stated in the detention order" in order
    assert "Legal limit" in order


def test_the_status_links_narrow_the_list(judge_client, detained):
    assert {s for s, _ in rows(page(judge_client, status="overdue"))} == {"overdue"}
    assert {s for s, _ in rows(page(judge_client, status="due_soon"))} == {"due_soon"}


def test_a_clerk_of_the_court_sees_them_too(clerk_client, detained):
    assert len(rows(page(clerk_client))) == 5


def test_a_clerk_of_another_court_sees_none(outsider_client, detained):
    html = page(outsider_client)
    assert rows(html) == []
    assert "No open deadline to show." in html
    for case in detained:
        assert case.nuid not in html


def test_a_sealed_case_is_for_judges_only(judge_client, clerk_client, detained):
    sealed = detained[1]
    Case.objects.filter(pk=sealed.pk).update(confidentiality="sealed")
    assert sealed.nuid in page(judge_client)
    assert sealed.nuid not in page(clerk_client)


def test_the_page_needs_a_signed_in_staff_member(client, detained):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/court/sign-in/")


def test_the_page_has_no_inline_script_or_style(judge_client, detained):
    html = page(judge_client)
    assert "<script" not in html
    assert "style=" not in html
    assert "<style" not in html


def test_later_deadlines_are_a_link_away(judge_client, detained, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    html = page(judge_client)
    assert len(rows(html)) == 3
    more = re.search(r'<a href="\?after=([^"]+)" rel="next">', html)
    assert more
    response = judge_client.get(f"{URL}?after={more[1]}")
    assert [s for s, _ in rows(response.content.decode())] == ["pending", "pending"]


@pytest.mark.parametrize("past_a_limit", [True, False], ids=["held-past-a-limit", "within"])
def test_the_page_is_a_few_queries_however_many_deadlines(
    judge_client, open_case, record, custody, at, past_a_limit
):
    """Both ways the page is built: with people held past a limit of the law (ordered
    detained nine months before the page is read: the review is overdue, and the page
    says who has been held past a limit the longest) and without (arrested two hours
    before: the 24 hours are only due soon)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            html = page(judge_client)
        assert ("overdue" in {status for status, _ in rows(html)}) is past_a_limit
        return len(ctx.captured_queries)

    def detain(n):
        for _ in range(n):
            case = open_case()
            record(case, "participant.added", {"role": "accused", "person": PERSON})
            if past_a_limit:
                custody(case, "arrested", at(1) - dt.timedelta(hours=2))
                custody(case, "pretrial_ordered", at(1))
            else:
                custody(case, "arrested", LATER - dt.timedelta(hours=2))

    detain(1)
    few = queries()
    detain(8)
    assert queries() == few


def test_detained_minors_are_listed_first_citing_the_law(
    judge_client, detained, open_case, record, custody, at
):
    """Costa Rica's Ley 7576 art. 60: cases with detained minors come first."""
    minor = open_case("juvenile")
    record(minor, "participant.added", {"role": "accused", "person": PERSON})
    custody(minor, "arrested", at(20) - dt.timedelta(hours=2))
    custody(minor, "pretrial_ordered", at(20))
    html = page(judge_client)
    first = html.split('id="first-heading"', 1)
    assert len(first) == 2, "no section for the cases the law puts first"
    section = first[1].split("</section>", 1)[0]
    assert minor.number in section
    assert all(case.number not in section for case in detained)
    assert "7576" in section
    assert "60" in section
    assert html.index(minor.number) < html.index('id="due-caption"')


def test_without_detained_minors_there_is_no_first_section(judge_client, detained):
    assert 'id="first-heading"' not in page(judge_client)


def test_the_status_filter_is_the_same_rule_as_each_line_s_status(detained, urgent):
    """``status_q`` (the list's filter) and ``Deadline.status`` (each line) agree at any
    moment: before, inside and after every window."""
    rows = list(Deadline.objects.filter(open=True))
    moments = {
        d.due_at + dt.timedelta(days=k, seconds=s)
        for d in rows
        for k in (-31, -30, -8, -7, -1, 0)
        for s in (-1, 0, 1)
    }
    for now in sorted(moments):
        for status in STATUSES:
            found = set(
                Deadline.objects.filter(open=True)
                .filter(status_q(status, now))
                .values_list("pk", flat=True)
            )
            assert found == {d.pk for d in rows if d.status(now) == status}, (now, status)
