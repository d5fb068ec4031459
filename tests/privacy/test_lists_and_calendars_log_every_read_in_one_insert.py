"""A search result list or a court calendar shows many cases at once; each case it shows
is a read, logged in the same request like a case page (who, as what, the reader's court,
channel, time, what was read), with one INSERT for the whole page. The accused then finds
the clerk's search in "Who viewed my case"."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from expediente.access.access_log import AccessRecord
from tests.court.pages.conftest import signed_in, staff
from tests.portal.conftest import table_rows
from tests.privacy.conftest import HEARING_DAY
from tests.privacy.test_a_participant_sees_who_viewed_their_case import follow

pytestmark = pytest.mark.django_db

LOG_TABLE = AccessRecord._meta.db_table


def inserts_into_the_log(ctx: CaptureQueriesContext) -> int:
    return sum(
        1
        for q in ctx.captured_queries
        if q["sql"].lstrip().upper().startswith("INSERT") and LOG_TABLE in q["sql"]
    )


def test_each_case_of_a_search_page_is_logged_in_one_insert(cases, court):
    user = staff("clara.lista", court, "clerk", "Clara Lista")
    client = signed_in("clara.lista")
    with CaptureQueriesContext(connection) as ctx:
        body = client.get("/court/cases/").content.decode()
    assert inserts_into_the_log(ctx) == 1
    listed = {tag for tag, case in cases.items() if case.nuid in body}
    assert listed == set(cases) - {"sealed", "expunged"}  # a clerk sees no sealed case
    rows = AccessRecord.objects.filter(channel="web")
    assert {r.case_id for r in rows} == {cases[tag].pk for tag in listed}
    for r in rows:
        assert (r.user_id, r.actor_label, r.audience, r.role, r.court) == (
            user.pk,
            "user:clara.lista",
            "staff",
            "clerk",
            "sj-penal",
        )
        assert r.classes == ["names"]  # the list shows the accused's name


def test_a_list_line_says_the_same_as_a_case_page_line(cases, court):
    staff("clara.lista", court, "clerk")
    client = signed_in("clara.lista")
    case = cases["charged"]
    client.get("/court/cases/", {"q": case.number})
    client.get(f"/court/cases/{case.nuid}/")
    listed, opened = AccessRecord.objects.filter(case=case).order_by("id")
    fields = ("user_id", "actor_label", "audience", "role", "court", "channel")
    assert [getattr(listed, f) for f in fields] == [getattr(opened, f) for f in fields]
    assert set(listed.classes) <= set(opened.classes)


def test_an_empty_page_writes_nothing(cases, court):
    staff("clara.lista", court, "clerk")
    client = signed_in("clara.lista")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/court/cases/", {"q": "Nadie Inexistente"})
    assert inserts_into_the_log(ctx) == 0
    assert not AccessRecord.objects.exists()


def test_each_case_of_a_calendar_day_is_logged_in_one_insert(cases, court):
    staff("carlos.agenda", court, "clerk")
    client = signed_in("carlos.agenda")
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(
            "/court/calendar/", {"court": court.code, "date": HEARING_DAY.isoformat()}
        ).content.decode()
    assert inserts_into_the_log(ctx) == 1
    listed = {tag for tag, case in cases.items() if case.nuid in body}
    assert listed == set(cases) - {"sealed", "expunged"}
    rows = AccessRecord.objects.all()
    assert {r.case_id for r in rows} == {cases[tag].pk for tag in listed}
    # each row names the accused (whom the prison must bring): their names are read too
    assert {(r.role, r.channel, tuple(r.classes)) for r in rows} == {
        ("clerk", "web", ("names", "hearings"))
    }


def test_a_judges_list_logs_names_and_hearings_and_shows_the_sealed_cases(cases, court):
    staff("jose.juez", court, "judge", "José Juez")
    client = signed_in("jose.juez")
    body = client.get("/court/my-cases/").content.decode()
    listed = {tag for tag, case in cases.items() if case.nuid in body}
    assert {"sealed", "expunged"} <= listed  # judges see sealed and expunged cases
    classes = {tuple(r.classes) for r in AccessRecord.objects.filter(case=cases["charged"])}
    assert classes == {("names", "hearings")}


def test_the_accused_finds_the_clerks_search_in_who_viewed(cases, court, judge):
    staff("clara.lista", court, "clerk")
    signed_in("clara.lista").get("/court/cases/", {"q": cases["charged"].number})
    response = follow(cases["charged"], judge).get("/follow/who-viewed/")
    rows = table_rows(response.content.decode())[1:]
    assert [r[1:] for r in rows] == [
        ["A clerk of Juzgado Penal de San José", "the court's workspace", "names"]
    ]
