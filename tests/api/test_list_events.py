"""GET /api/v1/cases/{nuid}/events (cursor pagination)"""

import base64

import pytest

from tests.api.helpers import API, fields, problem


@pytest.fixture
def url(case_url):
    return f"{case_url}/events"


@pytest.fixture
def eight_events(accused_case, record):
    for i in range(4):
        record(accused_case, "note.added", {"text": f"nota {i}"})
    return accused_case


def seqs(page):
    return [e["seq"] for e in page["items"]]


def cursor_for(text):
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def test_it_lists_the_events_oldest_first_with_no_next_page(api_clerk, url):
    r = api_clerk.get(url)
    assert r.status_code == 200
    page = r.json()
    assert seqs(page) == [1, 2, 3, 4]
    assert page["items"][0]["type"] == "case.opened"
    assert page["items"][3]["payload"]["offence"] == "CP-208"
    assert page["next_cursor"] is None


def test_pages_chain_to_the_end_without_gaps_or_repeats(api_clerk, eight_events, url):
    seen, pages, cursor = [], 0, None
    while True:
        query = {"limit": 3} if cursor is None else {"limit": 3, "cursor": cursor}
        page = api_clerk.get(url, query).json()
        pages += 1
        seen += seqs(page)
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert seen == list(range(1, 9))


def test_a_full_last_page_has_no_next_cursor(api_clerk, accused_case, url):
    first = api_clerk.get(url, {"limit": 2}).json()
    last = api_clerk.get(url, {"limit": 2, "cursor": first["next_cursor"]}).json()
    assert seqs(last) == [3, 4]
    assert last["next_cursor"] is None


def test_a_cursor_keeps_its_place_when_events_are_appended(api_clerk, accused_case, url, record):
    page = api_clerk.get(url, {"limit": 3}).json()
    record(accused_case, "note.added", {"text": "nueva"})
    rest = api_clerk.get(url, {"limit": 3, "cursor": page["next_cursor"]}).json()
    assert seqs(rest) == [4, 5]


def test_the_largest_limit_is_two_hundred(api_clerk, url):
    assert api_clerk.get(url, {"limit": 200}).status_code == 200


@pytest.mark.parametrize("limit", ["0", "-1", "201", "10000000000000000000000", "ten", "", "1.5"])
def test_a_limit_out_of_range_is_invalid_naming_limit(api_clerk, url, limit):
    p = problem(api_clerk.get(url, {"limit": limit}), 422, "invalid")
    assert fields(p) == ["limit"]


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "!!!!",
        "\x00",
        "é",
        cursor_for("seq:-1"),
        cursor_for("seq:0"),
        cursor_for("seq:+3"),
        cursor_for("seq: 3"),
        cursor_for("seq:3_0"),
        cursor_for("seq:99999999999"),
        cursor_for("id:3"),
        cursor_for("seq:"),
        cursor_for("seq:3:4"),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
        "A" * 101,
    ],
)
def test_a_cursor_this_api_never_gave_out_is_invalid_naming_cursor(api_clerk, url, cursor):
    p = problem(api_clerk.get(url, {"cursor": cursor}), 422, "invalid")
    assert fields(p) == ["cursor"]


def test_an_empty_cursor_means_the_first_page(api_clerk, url):
    assert seqs(api_clerk.get(url, {"cursor": ""}).json()) == [1, 2, 3, 4]


def test_a_read_only_token_may_list_them(api_reader, url):
    assert seqs(api_reader.get(url).json()) == [1, 2, 3, 4]


def test_an_unknown_case_is_not_found(api_clerk, court):
    problem(api_clerk.get(f"{API}/cases/26-999999-0042-PE/events"), 404, "not-found")


def test_a_case_in_a_court_outside_the_token_does_not_exist_for_it(api_outsider, url):
    problem(api_outsider.get(url), 404, "not-found")


def test_a_caller_without_a_token_is_told_to_authenticate(anonymous, url):
    problem(anonymous.get(url), 401, "unauthenticated")


def test_a_write_only_token_may_not_list_them(api_writer, url):
    problem(api_writer.get(url), 403, "forbidden")
