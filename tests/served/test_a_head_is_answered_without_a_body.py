"""``curl -I`` against the real server: a HEAD of an API route or of /healthz has the
GET's status and length, and no body on the wire (gunicorn drops what Django renders)."""

from __future__ import annotations

import pytest

from tests.served.conftest import Served


def exchange(served: Served, method: str, path: str) -> tuple[int, dict[str, str], bytes]:
    raw = (
        f"{method} {path} HTTP/1.1\r\nHost: {served.host}\r\n"
        f"Authorization: Bearer {served.token}\r\nConnection: close\r\n\r\n"
    ).encode()
    head, _, body = served.exchange(raw).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v for k, v in (line.split(": ", 1) for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


@pytest.mark.parametrize("path", ["/api/v1/courts", "/api/v1/openapi.json", "/healthz"])
def test_a_head_has_the_gets_status_and_length_and_no_body(served, path):
    status, headers, body = exchange(served, "GET", path)
    assert status == 200
    assert body
    head_status, head_headers, head_body = exchange(served, "HEAD", path)
    assert head_status == 200
    assert head_headers["content-type"] == headers["content-type"]
    assert head_headers["content-length"] == headers.get("content-length", str(len(body)))
    assert head_body == b""


def test_a_head_of_an_unknown_case_is_a_404_without_a_body(served):
    status, headers, body = exchange(served, "HEAD", "/api/v1/cases/CR-NOPE")
    assert status == 404
    assert headers["content-type"] == "application/problem+json"
    assert body == b""
