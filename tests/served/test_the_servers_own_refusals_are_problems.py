"""What gunicorn refuses before Django sees it (a request line too long, headers too
large, a request that is not HTTP) is answered with problem details like every other
refusal of the API; it was gunicorn's HTML page."""

from __future__ import annotations

import json

import pytest

from expediente.problem_types import TYPES
from tests.served.conftest import Served


def answer(served: Served, raw: bytes) -> tuple[int, dict[str, str], dict]:
    head_part, _, content = served.exchange(raw).partition(b"\r\n\r\n")
    lines = head_part.decode("latin-1").split("\r\n")
    headers = {k.lower(): v for k, v in (line.split(": ", 1) for line in lines[1:])}
    return int(lines[0].split()[1]), headers, json.loads(content)


def request(served: Served, path: str = "/api/v1/courts", extra: str = "") -> bytes:
    return (
        f"GET {path} HTTP/1.1\r\nHost: {served.host}\r\n"
        f"Authorization: Bearer {served.token}\r\n{extra}Connection: close\r\n\r\n"
    ).encode()


@pytest.mark.parametrize(
    ("what", "status", "code"),
    [
        ("a long url", 414, "uri-too-long"),
        ("a huge header", 431, "headers-too-large"),
        ("too many headers", 431, "headers-too-large"),
        ("not http", 400, "bad-request"),
        ("a bad header name", 400, "bad-request"),
    ],
)
def test_each_is_a_problem_saying_what_is_wrong(served, what, status, code):
    raw = {
        "a long url": lambda: request(served, "/api/v1/courts?q=" + "x" * 5000),
        "a huge header": lambda: request(served, extra=f"X-Big: {'y' * 9000}\r\n"),
        "too many headers": lambda: request(
            served, extra="".join(f"X-H{i}: {i}\r\n" for i in range(120))
        ),
        "not http": lambda: b"GARBAGE\r\n\r\n",
        "a bad header name": lambda: request(served, extra="Bad Header: 1\r\n"),
    }[what]()
    got, headers, problem = answer(served, raw)
    assert got == status
    assert headers["content-type"] == "application/problem+json"
    assert int(headers["content-length"]) == len(json.dumps(problem))
    assert problem["status"] == status
    assert problem["type"] == f"/problems/{code}"
    assert problem["title"] == TYPES[code].title
    assert problem["detail"]


def test_the_long_url_problem_says_the_limit(served):
    _, _, problem = answer(served, request(served, "/api/v1/courts?q=" + "x" * 5000))
    assert "4094 bytes" in problem["detail"]


def test_an_ordinary_request_still_reaches_the_api(served):
    status, headers, courts = answer(served, request(served))
    assert status == 200
    assert headers["content-type"].startswith("application/json")
    assert courts == []
