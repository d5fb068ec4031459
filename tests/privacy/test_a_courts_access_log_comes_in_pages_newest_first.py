"""A court's access log (``/court/access-log/``) and a participant's "Who viewed my case"
(``/follow/who-viewed/``) come in pages of the newest reads: the "Older reads" link walks
the whole log, every line once, in order, even when lines share a timestamp; the lines a
reader may not see are left out before the page is cut, so a page is full; a ``before``
the page did not give is refused with a message, not an error page. On PostgreSQL the
court's page reads the ``(at, id)`` index backwards instead of sorting every line."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from expediente.access.access_log import PAGE_SIZE, AccessRecord, cursor_of
from tests.court.pages.conftest import signed_in, staff
from tests.portal.conftest import table_rows
from tests.privacy.test_a_participant_sees_who_viewed_their_case import follow

pytestmark = pytest.mark.django_db

AT = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def lines(case, n: int, *, start: dt.datetime = AT, label: str = "lector") -> None:
    """``n`` reads of ``case``, one a minute from ``start``, every third pair sharing
    its minute (lines logged in the same instant)."""
    AccessRecord.objects.bulk_create(
        AccessRecord(
            case_id=case.pk,
            at=start + dt.timedelta(minutes=i - i % 3),
            actor_label=f"{label}:{i}",
            audience="api",
            role="cases:read",
            channel="api",
            classes=["names"],
        )
        for i in range(n)
    )


def walk(client, path="/court/access-log/", column=2, **params) -> tuple[list[str], int]:
    """Every row's ``column`` the pages show, following "Older reads"; and the pages seen."""
    seen: list[str] = []
    pages = 0
    query: dict[str, str] = dict(params)
    while True:
        page = client.get(path, query)
        assert page.status_code == 200
        html = page.content.decode()
        seen += [row[column] for row in table_rows(html)[1:]]
        pages += 1
        older = re.search(r'href="\?([^"]*)" rel="next"', html)
        if older is None:
            return seen, pages
        query = dict(p.split("=", 1) for p in unescape(older.group(1)).split("&"))
        assert pages < 50, "the pages do not end"


def labels_newest_first(case_ids) -> list[str]:
    rows = AccessRecord.objects.filter(case_id__in=case_ids).order_by("-at", "-id")
    return list(rows.values_list("actor_label", flat=True))


def test_older_reads_walks_every_line_once_in_order(cases, court):
    lines(cases["charged"], 130, label="a")
    lines(cases["convicted"], 120, start=AT + dt.timedelta(minutes=1), label="b")
    staff("ada.admin", court, "court_admin")
    admin = signed_in("ada.admin")
    first = table_rows(admin.get("/court/access-log/").content.decode())
    assert len(first) - 1 == PAGE_SIZE  # a full page, then a link
    seen, pages = walk(admin)
    assert pages == 3
    expected = labels_newest_first([cases["charged"].pk, cases["convicted"].pk])
    assert seen == expected  # each line once, newest first, ties included
    assert len(set(seen)) == 250


def test_one_cases_reads_come_in_pages_too(cases, court):
    lines(cases["charged"], 130, label="a")
    lines(cases["convicted"], 40, label="b")
    staff("ada.admin", court, "court_admin")
    seen, pages = walk(signed_in("ada.admin"), case=cases["charged"].number)
    assert pages == 2
    assert seen == labels_newest_first([cases["charged"].pk])


def test_hidden_lines_do_not_shorten_a_page(cases, court):
    """A court administrator does not see a sealed case's reads (only its judges do): the
    newest 150 lines are the sealed case's, and the first page is still full."""
    lines(cases["charged"], 150, label="visible")
    lines(cases["sealed"], 150, start=AT + dt.timedelta(days=1), label="sealed")
    staff("ada.admin", court, "court_admin")
    admin = signed_in("ada.admin")
    first = table_rows(admin.get("/court/access-log/").content.decode())[1:]
    assert len(first) == PAGE_SIZE
    seen, _ = walk(admin)
    assert seen == labels_newest_first([cases["charged"].pk])
    staff("juana.judge", court, "judge")
    judge_seen, _ = walk(signed_in("juana.judge"))
    assert sum(label.startswith("sealed") for label in judge_seen) == 150


@pytest.mark.parametrize(
    "before",
    [
        "abc",
        "12-",
        "-5",
        "1.5-3",
        "99999999999999999999999-1",
        "9999999999999999999-1",  # microseconds past the year 9999
        "1-9999999999999999999",  # an id past the largest bigint
        "1-2-3",
        "١٢-٣",
    ],
)
def test_a_position_the_page_did_not_give_is_refused_with_a_message(cases, court, before):
    lines(cases["charged"], 5)
    staff("ada.admin", court, "court_admin")
    page = signed_in("ada.admin").get("/court/access-log/", {"before": before})
    assert page.status_code == 200
    html = page.content.decode()
    assert "“before” must be a position this page gave" in html
    assert len(table_rows(html)) - 1 == 5  # the newest reads instead


def test_the_last_page_says_there_is_nothing_older(cases, court):
    lines(cases["charged"], 3)
    staff("ada.admin", court, "court_admin")
    oldest = AccessRecord.objects.order_by("at", "id").first()
    html = signed_in("ada.admin").get("/court/access-log/", {"before": cursor_of(oldest)})
    text = html.content.decode()
    assert "No older reads." in text
    assert "Newest reads" in text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan")
def test_postgresql_reads_the_log_backwards_by_its_index(cases, court):
    lines(cases["charged"], 300)
    staff("ada.admin", court, "court_admin")
    admin = signed_in("ada.admin")
    with CaptureQueriesContext(connection) as queries:
        admin.get("/court/access-log/")
    sql = next(
        q["sql"]
        for q in queries.captured_queries
        if "ORDER BY" in q["sql"] and '"access_accessrecord"' in q["sql"]
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the test's few lines would be scanned
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Scan Backward using access_record_at_id" in plan, plan


def test_a_participant_reads_every_read_of_their_case_page_by_page(cases, court, judge):
    """An institution's system polling the case must not push the older reads (the ones
    a victim may be looking for) out of "Who viewed my case"."""
    case = cases["charged"]
    lines(case, 230)
    client = follow(case, judge)
    first = table_rows(client.get("/follow/who-viewed/").content.decode())[1:]
    seen, pages = walk(client, path="/follow/who-viewed/", column=0)
    assert pages == 3  # 100 reads a page
    # the system's reads in a row are one line per page with their count ("(n times)",
    # portal.who_viewed.grouped): every read is counted, none pushed out
    counted = [re.search(r"\((\d+) times\)", when) for when in seen]
    assert sum(int(m.group(1)) if m else 1 for m in counted) == (
        AccessRecord.objects.filter(case=case).count()
    )
    bad = client.get("/follow/who-viewed/", {"before": "yesterday"}).content.decode()
    assert "“before” must be a position this page gave" in bad
    assert table_rows(bad)[1:] == first  # the newest page again


def test_a_tokens_agency_is_named_in_the_readers_language(cases, court):
    AccessRecord.objects.create(
        case_id=cases["charged"].pk,
        at=AT,
        actor_label="token:defensa",
        audience="api",
        role="cases:read,public_defence",
        channel="api",
        classes=["names"],
    )
    staff("ada.admin", court, "court_admin")
    html = signed_in("ada.admin").get("/court/access-log/", HTTP_ACCEPT_LANGUAGE="en")
    text = html.content.decode()
    assert "Public defence office" in text
    assert "public_defence" not in text
