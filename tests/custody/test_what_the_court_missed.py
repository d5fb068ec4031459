"""What the court missed (/court/missed/): the deadlines that ended after their time had
run out, met late or never met. While overdue they are on the due list; once ended they
had left every page, so a court could miss a review and keep no trace of it anywhere."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expediente.access.access_log import AccessRecord
from expediente.court.due import views as due_views
from expediente.court.missed import views
from expediente.custody.models import Deadline
from expediente.docket.models import Case
from expediente.rules.deadlines import ended_late, status_at
from tests.conftest import LATER, PERSON

URL = "/court/missed/"
CR = ZoneInfo("America/Costa_Rica")


def on(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=CR)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    """The pages are read at LATER (30 November 2026), whatever day the tests run."""
    clock = SimpleNamespace(now=lambda: LATER)
    monkeypatch.setattr(views, "timezone", clock)
    monkeypatch.setattr(due_views, "timezone", clock)


def held(open_case, record, custody, ordered: dt.datetime) -> Case:
    """An accused arrested the evening before ``ordered``, placed before the judge and
    ordered into pretrial detention at ``ordered``: the review (CPP art. 253) is due
    three months after the order."""
    case = open_case(occurred_at=ordered - dt.timedelta(hours=15))
    person = {"role": "accused", "person": PERSON}
    record(case, "participant.added", person, occurred_at=ordered - dt.timedelta(hours=15))
    custody(case, "arrested", ordered - dt.timedelta(hours=15))
    custody(case, "placed_before_judge", ordered - dt.timedelta(hours=3))
    custody(case, "pretrial_ordered", ordered)
    return case


@pytest.fixture
def history(open_case, record, custody):
    """Four reviews: one whose overdue count the accused's request restarted (never
    met), one held five weeks late, one held in time, and one missed last January."""
    restarted = held(open_case, record, custody, on(2026, 6, 2, 11))  # due by 2 Sep
    record(restarted, "custody.review_requested", {"person": "P1"}, occurred_at=on(2026, 10, 10))
    late = held(open_case, record, custody, on(2026, 7, 2, 11))  # due by 2 Oct
    custody(late, "pretrial_reviewed", on(2026, 11, 10))
    in_time = held(open_case, record, custody, on(2026, 7, 2, 11))
    custody(in_time, "pretrial_reviewed", on(2026, 9, 1))
    january = held(open_case, record, custody, on(2025, 9, 14, 11))  # due by 14 Dec
    record(january, "custody.review_requested", {"person": "P1"}, occurred_at=on(2026, 1, 20))
    return SimpleNamespace(restarted=restarted, late=late, in_time=in_time, january=january)


def page(client, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def lines(html: str) -> list[tuple[str, str, str]]:
    """(met late or never met, case number, the deadline's label) of each line."""
    return [
        (
            how,
            re.search(r'class="case-no" href="/court/cases/[^/]+/">([^<]+)<', row)[1],
            re.findall(r"<strong>(.*?)</strong>", row)[-1],
        )
        for how, row in re.findall(r'<tr class="missed-(\w+)">(.*?)</tr>', html, re.S)
    ]


def test_the_reviews_the_court_missed_are_listed_the_latest_ended_first(judge_client, history):
    html = page(judge_client)
    assert lines(html) == [
        ("late", history.late.number, "Review of pretrial detention"),  # 10 November
        ("unmet", history.restarted.number, "Review of pretrial detention"),  # 10 October
    ]
    assert "Met late</span> by “Pretrial detention reviewed”" in html
    assert "Never met</span> ended by “Review of pretrial detention requested”" in html
    # how late: the review due by the end of 2 October, held on 10 November
    assert re.search(r"1\smonth,\s1\sweek\slate", html)
    assert html.count("Código Procesal Penal (Ley 7594) art. 253") == 2


def test_the_period_can_reach_a_year_back(judge_client, history):
    numbers = [number for _how, number, _label in lines(page(judge_client, days="365"))]
    assert numbers == [history.late.number, history.restarted.number, history.january.number]
    assert [n for _h, n, _l in lines(page(judge_client, days="30"))] == [history.late.number]


@pytest.mark.parametrize("days", ["7", "ninety", "-30", "90.0"])
def test_a_period_not_offered_is_refused_by_name_and_the_default_shown(judge_client, history, days):
    html = page(judge_client, days=days)
    assert "days: choose 30, 90, 365; the last 90 days are shown." in html
    assert len(lines(html)) == 2


def test_the_due_list_says_how_many_ended_late_lately_and_links_here(judge_client, history):
    html = judge_client.get("/court/due/").content.decode()
    assert "1 deadline ended late in the last 30 days." in html
    assert 'href="/court/missed/?days=30"' in html


def test_another_courts_staff_see_none_of_it(outsider_client, history):
    html = page(outsider_client, days="365")
    assert lines(html) == []
    assert "No deadline ended late in the last 365 days." in html


def test_the_page_is_logged_as_a_read_of_the_names_it_shows(judge_client, history):
    before = AccessRecord.objects.count()
    page(judge_client)
    read = set(AccessRecord.objects.order_by("pk")[before:].values_list("case_id", flat=True))
    assert read == {history.late.pk, history.restarted.pk}


def test_pages_go_back_without_repeating_a_line(judge_client, history, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    first = page(judge_client, days="365")
    seen = lines(first)
    while (found := re.search(r'href="\?([^"]*after=[^"]+)" rel="next"', first)) is not None:
        query = found[1].replace("&amp;", "&")
        response = judge_client.get(f"{URL}?{query}")
        first = response.content.decode()
        seen += lines(first)
    assert [n for _h, n, _l in seen] == [
        history.late.number,
        history.restarted.number,
        history.january.number,
    ]


def test_a_rebuild_gives_the_same_moments(history):
    from expediente.docket.rebuild import rebuild

    before = dict(Deadline.objects.values_list("key", "missed_at"))
    assert sum(v is not None for v in before.values()) == 3
    rebuild(check=True)
    assert dict(Deadline.objects.values_list("key", "missed_at")) == before


def test_a_person_released_without_the_review_that_was_due_is_a_miss(open_case, record, custody):
    case = held(open_case, record, custody, on(2026, 6, 2, 11))  # review due by 2 Sep
    custody(case, "released", on(2026, 10, 1))
    row = Deadline.objects.get(case=case, rule_id="cr.pretrial_review")
    assert row.stopped_type == "custody.released"
    assert row.missed_at == on(2026, 10, 1)


def test_a_review_held_in_time_is_no_miss(open_case, record, custody):
    case = held(open_case, record, custody, on(2026, 6, 2, 11))
    custody(case, "pretrial_reviewed", on(2026, 9, 2, 16))  # the last day
    rows = Deadline.objects.filter(case=case, rule_id="cr.pretrial_review")
    assert [r.missed_at for r in rows] == [None, None]


# -- the rule itself: a deadline is missed when it ended while it was overdue


moments = st.integers(min_value=0, max_value=10_000).map(
    lambda minutes: dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=minutes)
)


@given(
    due=moments,
    end=moments,
    met=st.booleans(),
    suspended_before=st.one_of(st.none(), st.integers(min_value=1, max_value=5_000)),
)
def test_missed_means_overdue_when_it_ended(due, end, met, suspended_before):
    """As the engine gives deadlines (a suspension that would begin after the time ran
    out changes nothing, so it is never recorded): a deadline that ended at ``end`` is
    missed exactly when the due lists called it overdue just before it ended, or it ended
    at the very moment it was due and was not suspended."""
    suspended = (
        None if suspended_before is None else min(due, end) - dt.timedelta(minutes=suspended_before)
    )
    missed = ended_late(
        due_at=due,
        satisfied_at=end if met else None,
        stopped_at=None if met else end,
        suspended_since=suspended,
    )
    was = status_at(
        end - dt.timedelta(microseconds=1),
        due_at=due,
        due_soon_from=None,
        satisfied_at=None,
        stopped_at=None,
        suspended_since=suspended,
    )
    expected = was == "overdue" or (end == due and suspended is None)
    assert (missed is not None) == expected
    assert missed in (None, end)


def test_the_upgrade_fills_the_moment_of_deadlines_computed_before_it(history):
    """custody/0006 fills ``missed_at`` from the columns a row already holds, as the
    engine would have: the rows of a database upgraded list the same misses."""
    import importlib

    from django.apps import apps

    upgrade = importlib.import_module("expediente.custody.migrations.0006_deadline_missed_at")
    computed = dict(Deadline.objects.values_list("key", "missed_at"))
    Deadline.objects.update(missed_at=None)  # as before the upgrade
    upgrade.fill(apps, None)
    assert dict(Deadline.objects.values_list("key", "missed_at")) == computed
    assert sum(v is not None for v in computed.values()) == 3


@pytest.fixture
def extended_late(open_case, record, custody):
    """An order that ran to 1 August, extended only on 1 September (until 31 December):
    the man was held a month with no order in force; released on 1 October."""
    case = held_until(open_case, record, custody, on(2026, 6, 2, 11), "2026-08-01")
    custody(case, "pretrial_extended", on(2026, 9, 1), until="2026-12-31")
    custody(case, "released", on(2026, 10, 1))
    return case


def held_until(open_case, record, custody, ordered, until: str) -> Case:
    case = open_case(occurred_at=ordered - dt.timedelta(hours=15))
    person = {"role": "accused", "person": PERSON}
    record(case, "participant.added", person, occurred_at=ordered - dt.timedelta(hours=15))
    custody(case, "arrested", ordered - dt.timedelta(hours=15))
    custody(case, "placed_before_judge", ordered - dt.timedelta(hours=3))
    custody(case, "pretrial_ordered", ordered, until=until)
    return case


def test_an_order_extended_after_it_had_run_out_is_a_miss(judge_client, extended_late):
    """The extension moves the order's term on, and the release came within it; but for
    a month nobody's order held him: the court missed the term, and says so."""
    term = Deadline.objects.get(case=extended_late, rule_id="cr.pretrial_order_term")
    assert term.stopped_at is None
    assert term.satisfied_at == on(2026, 10, 1)  # the release came within the new term
    assert term.missed_at == on(2026, 9, 1)  # the extension's moment
    html = page(judge_client)
    # released on 1 October with no review since 2 September: that review is missed too
    assert [line for line in lines(html) if line[1] == extended_late.number] == [
        ("unmet", extended_late.number, "Review of pretrial detention"),
        ("extended", extended_late.number, "Term stated in the detention order"),
    ]
    assert "Extended after it had run out</span> by “Pretrial detention extended”" in html
    assert "by the end of the day on 1 August 2026" in html
    assert re.search(r"4\sweeks,\s\d\sdays?\slate", html)


def test_an_order_extended_in_time_is_no_miss(open_case, record, custody):
    case = held_until(open_case, record, custody, on(2026, 6, 2, 11), "2026-08-01")
    custody(case, "pretrial_extended", on(2026, 7, 30), until="2026-12-31")
    term = Deadline.objects.get(case=case, rule_id="cr.pretrial_order_term")
    assert term.missed_at is None


@pytest.mark.parametrize(
    "query",
    [
        {"days": "²"},  # a digit to str.isdigit, not a number to int()
        {"after": "0001-01-01T00:00:00+14:00~5"},  # no moment in UTC
        {"after": "9999-12-31T23:59:59-14:00~5"},
    ],
)
def test_odd_input_is_no_server_error(judge_client, history, query):
    html = page(judge_client, **query)
    assert len(lines(html)) == 2


def test_the_case_page_says_what_the_court_missed_in_the_case(judge_client, extended_late):
    html = judge_client.get(f"/court/cases/{extended_late.nuid}/").content.decode()
    panel = html.split('id="missed-heading"', 1)[1].split("</section>", 1)[0]
    assert "What the court missed in this case" in panel
    items = re.findall(r'<li class="deadline overdue missed-(\w+)"><strong>([^<]+)</strong>', panel)
    assert items == [
        ("unmet", "Review of pretrial detention"),
        ("extended", "Term stated in the detention order"),
    ]
    assert "Extended after it had run out</span> by “Pretrial detention extended”" in panel
    assert "José Pérez Mora" in panel


def test_a_case_with_nothing_missed_has_no_such_panel(judge_client, open_case, record, custody):
    case = held(open_case, record, custody, on(2026, 6, 2, 11))
    custody(case, "pretrial_reviewed", on(2026, 9, 1))
    html = judge_client.get(f"/court/cases/{case.nuid}/").content.decode()
    assert 'id="missed-heading"' not in html


def test_a_term_that_ran_out_before_the_release_is_held_past_not_met_late(
    judge_client, open_case, record, custody
):
    """QA read "Met late by «Release»" for an order whose term ran out weeks before: a
    limit on holding someone is not met by the release that ends it late; the person was
    held past it until then, and the staff and family pages say so."""
    case = held_until(open_case, record, custody, on(2026, 6, 2, 11), "2026-08-01")
    custody(case, "released", on(2026, 9, 1))
    term = Deadline.objects.get(case=case, rule_id="cr.pretrial_order_term")
    assert term.missed_at == on(2026, 9, 1)
    html = page(judge_client)
    assert ("held_past", case.number, "Term stated in the detention order") in lines(html)
    assert "Held past it</span> until “Released”" in html
    from expediente.portal.case_view import participant_case

    [clock] = participant_case(case=case, participant="P1", now=LATER).clocks
    [line] = [m for m in clock.missed if m.kind == "held_past"]
    assert line.label == "Term stated in the detention order"
