"""One ``Idempotency-Key`` per request.

A client that sent ``-H 'Idempotency-Key: a1' -H 'Idempotency-Key: a2'`` had its entry
stored under the key ``a1,a2``: the server hands a header sent twice to the application
as one value, the two joined by a comma, so a retry under ``a1`` recorded it twice. Such
a request is refused, 400, naming the header and the rule, and nothing is written.
"""

from __future__ import annotations

import pytest
from gunicorn.config import Config
from gunicorn.http import wsgi
from gunicorn.http.parser import RequestParser

from expediente.docket.models import Case, Event
from tests.api.helpers import API, WRITES, fields, message, problem


def as_the_server_hands_it(*lines: bytes) -> str:
    """The ``Idempotency-Key`` the application is given for a request with these header
    lines, as ``expediente serve`` (gunicorn) parses it."""
    raw = b"POST /api/v1/cases HTTP/1.1\r\nHost: x\r\n" + b"".join(lines) + b"\r\n"
    config = Config()
    request = next(iter(RequestParser(config, [raw], ("127.0.0.1", 50000))))
    _, environ = wsgi.create(request, None, ("127.0.0.1", 50000), ("127.0.0.1", 8000), config)
    return environ["HTTP_IDEMPOTENCY_KEY"]


TWO_KEYS = as_the_server_hands_it(b"Idempotency-Key: a1\r\n", b"Idempotency-Key: a2\r\n")


def test_the_server_joins_a_header_sent_twice_with_a_comma():
    assert TWO_KEYS == "a1,a2"


def written() -> tuple[int, int]:
    return Case.objects.count(), Event.objects.count()


def post(client, url, body, key):
    return client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key)


@pytest.mark.parametrize("route", list(WRITES))
@pytest.mark.parametrize("key", [TWO_KEYS, "a1, a2", "a1,"])
def test_two_keys_are_refused_by_name_and_nothing_is_written(api_clerk, accused_case, route, key):
    url = API + route.format(nuid=accused_case.nuid)
    before = written()
    p = problem(post(api_clerk, url, WRITES[route], key), 400, "header")
    assert fields(p) == ["Idempotency-Key"]
    assert message(p, "Idempotency-Key") == "one key, sent once, without a comma"
    assert "Idempotency-Key" in p["detail"]
    assert "comma" in p["detail"]
    assert written() == before


def test_a_retry_under_the_first_key_then_records_once(api_clerk, accused_case):
    url = f"{API}/cases/{accused_case.nuid}/events"
    body = WRITES["/cases/{nuid}/events"]
    problem(post(api_clerk, url, body, TWO_KEYS), 400, "header")
    first = post(api_clerk, url, body, "a1")
    again = post(api_clerk, url, body, "a1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert Event.objects.filter(case=accused_case, type="note.added").count() == 1


def test_a_key_sent_once_is_taken_as_before(api_clerk, accused_case):
    url = f"{API}/cases/{accused_case.nuid}/events"
    r = post(api_clerk, url, WRITES["/cases/{nuid}/events"], "fiscalia-2026-000123 note;1")
    assert r.status_code == 201, r.content[:500]
