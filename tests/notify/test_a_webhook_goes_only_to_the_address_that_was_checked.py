"""A webhook is sent to the addresses its host name resolved to when it was checked,
never to a second lookup: a name that answers a public address to the check and a
private one a moment later ("DNS rebinding") must not turn the worker against the
court's own network. Here the name answers 127.0.0.1 while Expediente checks it and
127.0.0.2 to anyone else; both are local servers on the same port, so a second lookup
would really reach the other one."""

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from expediente.notify import addresses
from expediente.notify.channels import webhook
from expediente.notify.models import Delivery
from expediente.notify.worker import run
from tests.notify.conftest import free_port

HOST = "hooks.example.test"


def serve(address: str, port: int, hits: list[str]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            hits.append(f"{address} {self.headers.get('Host')} {self.path}")
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer((address, port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def two_servers() -> Iterator[tuple[int, list[str], list[str]]]:
    port = free_port()
    checked: list[str] = []
    other: list[str] = []
    servers = [serve("127.0.0.1", port, checked), serve("127.0.0.2", port, other)]
    try:
        yield port, checked, other
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


@pytest.fixture
def rebinding_dns(monkeypatch):
    """The name answers 127.0.0.1 during Expediente's check, 127.0.0.2 otherwise."""
    real = socket.getaddrinfo
    state = {"checking": False, "lookups": 0}

    def getaddrinfo(host, port, *args, **kwargs):
        if host != HOST:
            return real(host, port, *args, **kwargs)
        state["lookups"] += 1
        ip = "127.0.0.1" if state["checking"] else "127.0.0.2"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))]

    check = addresses.check_webhook_url

    def checking(url):
        state["checking"] = True
        try:
            return check(url)
        finally:
            state["checking"] = False

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(addresses, "check_webhook_url", checking)
    monkeypatch.setattr(webhook, "check_webhook_url", checking)
    return state


@pytest.fixture
def news_by_webhook(accused_case, follow, record):
    """news_by_webhook(url): participant P1 follows the case at ``url``, a hearing
    is scheduled, and one run of the worker delivers; its tally."""

    def deliver(url: str) -> Any:
        follow(accused_case, "P1", "webhook", url, language="en")
        record(
            accused_case,
            "hearing.scheduled",
            {"hearing": "H1", "kind": "trial", "starts_at": "2026-04-10T09:00:00-06:00"},
        )
        return run(once=True)

    return deliver


def test_the_webhook_reaches_the_checked_address_and_never_the_rebound_one(
    news_by_webhook, settings, two_servers, rebinding_dns
):
    port, checked, other = two_servers
    settings.NOTIFY_WEBHOOK_ALLOW_LOOPBACK = True  # both servers are local here
    tally = news_by_webhook(f"http://{HOST}:{port}/hook")
    assert tally.sent == 1
    assert checked == [f"127.0.0.1 {HOST}:{port} /hook"]  # the name kept in Host
    assert other == []  # the rebound address was never contacted
    assert rebinding_dns["lookups"] == 2  # at subscribing, and the check before sending
    assert Delivery.objects.get(channel="webhook").status == "sent"


def test_a_refused_connection_to_the_checked_address_is_retried_not_redirected(
    news_by_webhook, settings, rebinding_dns
):
    port = free_port()  # nothing listens on 127.0.0.1 here; 127.0.0.2 does
    other: list[str] = []
    server = serve("127.0.0.2", port, other)
    try:
        settings.NOTIFY_WEBHOOK_ALLOW_LOOPBACK = True
        tally = news_by_webhook(f"http://{HOST}:{port}/hook")
    finally:
        server.shutdown()
        server.server_close()
    assert (tally.sent, tally.retried) == (0, 1)
    assert other == []
    delivery = Delivery.objects.get(channel="webhook")
    assert delivery.status == "queued"  # back in the queue for a later attempt
    assert delivery.attempts == 1
    assert "could not reach" in delivery.last_error


@pytest.fixture
def tls_server(tmp_path) -> Iterator[tuple[int, list[str]]]:
    """A local HTTPS server whose certificate is self-signed (for another name, too)."""
    import ssl
    import subprocess

    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=elsewhere.example.test"),
        ],
        check=True,
        capture_output=True,
    )
    port = free_port()
    hits: list[str] = []
    server = serve("127.0.0.1", port, hits)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    try:
        yield port, hits
    finally:
        server.shutdown()
        server.server_close()


def test_over_https_nothing_is_sent_to_a_server_whose_certificate_fails(
    news_by_webhook, settings, tls_server, rebinding_dns
):
    port, hits = tls_server
    settings.NOTIFY_WEBHOOK_ALLOW_LOOPBACK = True
    tally = news_by_webhook(f"https://{HOST}:{port}/hook")
    assert (tally.sent, tally.retried) == (0, 1)
    assert hits == []  # no request was sent over a connection that failed its check
    error = Delivery.objects.get(channel="webhook").last_error
    assert "CERTIFICATE_VERIFY_FAILED" in error
