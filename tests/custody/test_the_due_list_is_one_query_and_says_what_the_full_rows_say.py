"""A court's due list (``custody.selectors.deadline_list_due``) reads only the columns a
list shows, in one query, and builds its rows without Django's model constructor. What
a judge, a lawyer or an API client sees must be exactly what the full rows say."""

import dataclasses
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from expediente.access.disclosure import Audience, CaseView, case_facts, resolve
from expediente.access.models import User
from expediente.access.policy import Actor
from expediente.api.deadlines import deadline_item
from expediente.court.due.rows import due_row
from expediente.custody.models import Deadline
from expediente.custody.selectors import deadline_list_due, deadline_list_priority
from expediente.docket.models import Case
from expediente.rules.loader import load_pack
from tests.conftest import PERSON


@pytest.fixture
def detained(open_case, record, custody, at):
    """Arrested 20 hours ago (due soon); arrested two days before NOW (overdue);
    ordered detained the day before NOW (review overdue, maximum later); a detained
    minor (listed first by law); and someone released (nothing open)."""
    cases = []
    for procedure, when, what in (
        ("adult", timezone.now() - dt.timedelta(hours=20), "arrested"),
        ("adult", at(2), "arrested"),
        ("adult", at(1), "pretrial_ordered"),
        ("juvenile", at(20), "pretrial_ordered"),
    ):
        case = open_case(procedure)
        record(case, "participant.added", {"role": "accused", "person": PERSON})
        if what == "pretrial_ordered":  # arrested, then ordered detained: held from then
            custody(case, "arrested", when - dt.timedelta(hours=2))
        custody(case, what, when)
        cases.append(case)
    released = open_case()
    record(released, "participant.added", {"role": "accused", "person": PERSON})
    custody(released, "arrested", at(5))
    custody(released, "released", at(4, 12))
    return cases


@pytest.fixture
def judge(court):
    user = User.objects.create(username="due.judge")
    return Actor(user=user, roles=((court.code, "judge"),), channel="web")


API_READER = Audience(kind="api", roles=frozenset({"cases:read"}))


def api_view(case):
    """The case as an API reader sees it, without a line in the access log."""
    pack = load_pack(case.court.rule_pack)
    facts = case_facts(case, pack, record=False)
    return CaseView(case, API_READER, resolve(pack, API_READER, facts), facts, pack)


def full_rows(court):
    """The same deadlines as the ORM loads them whole (every column, every relation)."""
    rows = Deadline.objects.filter(court=court, open=True).select_related(
        "case", "participation__person"
    )
    return {d.pk: d for d in rows}


def line(row):
    """What a line of the due page shows (everything but the objects it came from)."""
    shown = dataclasses.asdict(dataclasses.replace(row, deadline=None, court=None))
    return {k: v for k, v in shown.items() if k not in ("deadline", "court")}


def test_the_due_page_lines_and_the_api_items_are_those_of_the_full_rows(court, detained):
    now = timezone.now()
    full = full_rows(court)
    listed = deadline_list_due(court=court, until=None, now=now)
    assert [d.pk for d in listed] == sorted(full, key=lambda pk: (full[pk].due_at, pk))
    assert len(listed) == 6  # the adult order also states its own last day
    for language in ("es", "en"):
        with translation.override(language):
            for d in listed:
                whole = full[d.pk]
                assert line(due_row(d, court, now)) == line(due_row(whole, court, now))
                assert deadline_item(d, now, api_view(d.case)) == deadline_item(
                    whole, now, api_view(whole.case)
                )


def test_listing_and_showing_a_page_of_deadlines_is_one_query(court, detained, judge):
    now = timezone.now()
    views = {c.pk: api_view(c) for c in Case.objects.select_related("court")}
    with CaptureQueriesContext(connection) as ctx:
        listed = deadline_list_due(court=court, until=None, now=now, actor=judge, limit=101)
        for d in listed:
            due_row(d, court, now)
            deadline_item(d, now, views[d.case_id])
            assert d.case.court == court
            assert d.participation.case == d.case
    assert len(listed) == 6  # the adult order also states its own last day
    assert len(ctx.captured_queries) == 1


def test_the_first_by_law_section_is_one_query_too(court, detained, judge):
    now = timezone.now()
    minor = detained[3]
    with CaptureQueriesContext(connection) as ctx:
        first = [due_row(d, court, now) for d in deadline_list_priority(court=court, actor=judge)]
    assert len(ctx.captured_queries) == 1
    assert {row.deadline.case.nuid for row in first} == {minor.nuid}
    full = full_rows(court)
    assert [line(r) for r in first] == [
        line(due_row(full[r.deadline.pk], court, now)) for r in first
    ]


def test_a_column_the_list_does_not_show_is_still_the_stored_one(court, detained):
    """Reading what the list left out costs a query, and gives the stored value."""
    full = full_rows(court)
    d = deadline_list_due(court=court, until=None, now=timezone.now(), limit=1)[0]
    with CaptureQueriesContext(connection) as ctx:
        assert d.alerts == full[d.pk].alerts
        assert d.computed_at == full[d.pk].computed_at
        assert d.case.summary == full[d.pk].case.summary
    assert 1 <= len(ctx.captured_queries) <= 3


def test_a_sealed_case_is_left_out_for_a_clerk_and_kept_for_a_judge(court, detained, judge):
    sealed = detained[1]
    Case.objects.filter(pk=sealed.pk).update(confidentiality="sealed")
    clerk = Actor(user=judge.user, roles=((court.code, "clerk"),), channel="web")
    now = timezone.now()
    for_clerk = {
        d.case.nuid for d in deadline_list_due(court=court, until=None, now=now, actor=clerk)
    }
    for_judge = {
        d.case.nuid for d in deadline_list_due(court=court, until=None, now=now, actor=judge)
    }
    assert sealed.nuid not in for_clerk
    assert sealed.nuid in for_judge
    assert for_judge - for_clerk == {sealed.nuid}


def test_what_to_record_follows_each_case_s_stage_and_the_language(court, detained):
    """Two people arrested: one case still under investigation, one already enforcing a
    sentence, where only a release can meet the presentation deadline."""
    soon, overdue = detained[0], detained[1]
    Case.objects.filter(pk=overdue.pk).update(stage="enforcement")
    now = timezone.now()
    listed = deadline_list_due(court=court, until=None, now=now)
    by_case = {d.case.nuid: d for d in listed if d.rule_id == "cr.presentation_to_judge"}
    labels = load_pack(court.rule_pack).event_types
    for language in ("es", "en"):
        with translation.override(language):
            investigating = due_row(by_case[soon.nuid], court, now)
            enforcing = due_row(by_case[overdue.nuid], court, now)
        assert investigating.record_type == "custody.placed_before_judge"
        assert investigating.record_label == labels["custody.placed_before_judge"].label[language]
        assert enforcing.record_type == "custody.released"
        assert enforcing.record_label == labels["custody.released"].label[language]
    assert labels["custody.released"].label["es"] != labels["custody.released"].label["en"]


def test_the_api_lists_a_page_in_a_few_queries_however_many_are_open(
    api_reader, open_case, record, custody, at
):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            response = api_reader.get("/api/v1/courts/sj-penal/deadlines", {"limit": 50})
        assert response.status_code == 200
        return len(ctx.captured_queries), len(response.json()["items"])

    def detain(n):
        for _ in range(n):
            case = open_case()
            record(case, "participant.added", {"role": "accused", "person": PERSON})
            custody(case, "arrested", at(1) - dt.timedelta(hours=2))
            custody(case, "pretrial_ordered", at(1))

    detain(1)
    queries()  # the token is looked up and remembered on the first request
    few, items = queries()
    detain(8)
    assert queries() == (few, items + 24)  # review, maximum and the order's date each


def test_the_due_page_logs_each_case_shown_in_one_insert(court, detained):
    """Issue 6: the page's reads are one INSERT in the access log, a line per case (the
    only statement the page adds), and a clerk's page neither shows nor logs a sealed case."""
    from expediente.access.access_log import AccessRecord
    from tests.custody.conftest import staff

    table = AccessRecord._meta.db_table

    def page(client):
        with CaptureQueriesContext(connection) as ctx:
            body = client.get("/court/due/").content.decode()
        writes = [q for q in ctx.captured_queries if table in q["sql"]]
        return body, writes

    sealed = detained[1]
    Case.objects.filter(pk=sealed.pk).update(confidentiality="sealed")
    clerk = staff("due.clerk", court, "clerk")
    body, writes = page(clerk)
    assert len(writes) == 1
    assert writes[0]["sql"].lstrip().upper().startswith("INSERT")
    shown = {c.pk for c in detained if c.number in body}
    assert shown == {c.pk for c in detained} - {sealed.pk}
    lines = AccessRecord.objects.all()
    assert sorted(r.case_id for r in lines) == sorted(shown)
    assert {(r.channel, r.role, tuple(r.classes)) for r in lines} == {("web", "clerk", ("names",))}
