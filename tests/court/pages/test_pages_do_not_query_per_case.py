"""A fixed, small number of queries per page, however many cases, parties or events."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import PERSON
from tests.court.pages.conftest import case_url

# session, user, OTP device, memberships, and the menu's count of unread alerts
# (court/menu.py): every signed-in page starts with these
SIGNED_IN = 5


def _queries(client, url, **params):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


def _busy_case(open_case, record, n):
    case = open_case()
    for _ in range(n):
        record(case, "participant.added", {"role": "accused", "person": PERSON})
    return case


def test_the_search_page_is_a_few_queries(
    clerk_client, open_case, record, django_assert_max_num_queries
):
    for _ in range(5):
        _busy_case(open_case, record, 2)
    # courts, count, page, accused, the access-log lines of the page (one INSERT)
    with django_assert_max_num_queries(SIGNED_IN + 5):
        clerk_client.get("/court/cases/")
    few = _queries(clerk_client, "/court/cases/", q="Jose Perez")
    for _ in range(20):
        _busy_case(open_case, record, 3)
    assert _queries(clerk_client, "/court/cases/", q="Jose Perez") == few


def test_the_case_page_is_a_few_queries(
    clerk_client, open_case, record, django_assert_max_num_queries
):
    small = _busy_case(open_case, record, 1)
    big = _busy_case(open_case, record, 12)
    for _ in range(10):
        record(big, "note.added", {"text": "x"})
    # case, parties, charges, events, custody (2), measures, their deadlines, the
    # access-log line
    with django_assert_max_num_queries(SIGNED_IN + 9):
        clerk_client.get(case_url(big))
    assert _queries(clerk_client, case_url(small)) == _queries(clerk_client, case_url(big))


def test_the_calendar_and_my_list_are_a_few_queries(
    judge_client, court, open_case, record, django_assert_max_num_queries
):
    for i in range(6):
        case = _busy_case(open_case, record, 1)
        record(
            case,
            "hearing.scheduled",
            {"hearing": "H1", "kind": "trial", "starts_at": f"2026-02-20T1{i}:00:00+00:00"},
        )
    # courts, hearing events, cases, the access-log lines of the page (one INSERT)
    with django_assert_max_num_queries(SIGNED_IN + 4):
        judge_client.get("/court/calendar/", {"court": court.code, "date": "2026-02-20"})
    # courts, count, page, accused, hearings, the access-log lines (one INSERT)
    with django_assert_max_num_queries(SIGNED_IN + 6):
        judge_client.get("/court/my-cases/")
