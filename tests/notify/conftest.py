"""Notification fixtures: a real SMTP server (aiosmtpd) and a real HTTP receiver (for
webhooks and the SMS gateway) on free local ports, and subscribers of a case.

``smtp`` collects the messages it accepts; ``receiver`` records each request and
answers with the statuses queued in ``receiver.answers`` (200 when empty).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import email.policy
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller

from expediente.docket.models import Case, Participation
from expediente.notify.subscriptions import subscribe


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()
        self.delay = 0.0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.delay:
            await asyncio.sleep(self.delay)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)  # type: ignore[arg-type]
        return "250 OK"


@dataclass
class SMTPServer:
    port: int
    mailbox: Mailbox

    @property
    def messages(self) -> list[email.message.EmailMessage]:
        with self.mailbox.lock:
            return list(self.mailbox.messages)


@pytest.fixture
def smtp_server() -> Iterator[SMTPServer]:
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SMTPServer(port, mailbox)
    finally:
        controller.stop()


@pytest.fixture
def smtp(smtp_server: SMTPServer, settings: Any) -> SMTPServer:
    """The real SMTP server, and Django's email settings pointing at it."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_TIMEOUT = 5
    return smtp_server


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    url: str
    requests: list[Request] = field(default_factory=list)  # those answered 2xx
    tried: list[tuple[int, Request]] = field(default_factory=list)  # every one, its answer
    answers: list[int] = field(default_factory=list)
    delay: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def received(self, path: str | None = None) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if path is None or r.path == path]


def start_receiver() -> tuple[Receiver, ThreadingHTTPServer]:
    port = free_port()
    receiver = Receiver(url=f"http://127.0.0.1:{port}")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if receiver.delay:
                time.sleep(receiver.delay)
            with receiver.lock:
                status = receiver.answers.pop(0) if receiver.answers else 200
                request = Request(self.path, dict(self.headers), body)
                receiver.tried.append((status, request))
                if status < 300:
                    receiver.requests.append(request)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return receiver, server


@pytest.fixture
def receiver(settings: Any) -> Iterator[Receiver]:
    """A local HTTP receiver; the SMS gateway is at <url>/sms, webhooks go to <url>/hook."""
    found, server = start_receiver()
    settings.NOTIFY_WEBHOOK_ALLOW_LOOPBACK = True
    settings.NOTIFY_SMS_GATEWAY_URL = f"{found.url}/sms"
    settings.NOTIFY_SMS_GATEWAY_TOKEN = "gateway-token"
    try:
        yield found
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def quick_retries(settings: Any) -> None:
    settings.NOTIFY_MAX_ATTEMPTS = 3
    settings.NOTIFY_BACKOFF_BASE = 60
    settings.NOTIFY_BACKOFF_CAP = 600
    settings.NOTIFY_HTTP_TIMEOUT = 5
    settings.NOTIFY_BASE_URL = "https://expediente.example"


def participation(case: Case, uid: str) -> Participation:
    return Participation.objects.get(case=case, uid=uid)


@pytest.fixture
def follow() -> Callable[..., Any]:
    """follow(case, uid, channel, address, language="es"): subscribe with consent."""

    def make(case: Case, uid: str, channel: str, address: str = "", language: str = "es") -> Any:
        return subscribe(
            participation=participation(case, uid),
            channel=channel,
            address=address,
            language=language,
            consent=True,
            consent_text_version="2026-03",
        )

    return make


def stop_after(turns: int) -> Callable[[], bool]:
    """A ``stop`` for ``notify.worker.run``: True after ``turns`` turns of its loop."""
    count = {"n": 0}

    def stop() -> bool:
        count["n"] += 1
        return count["n"] > turns

    return stop


def impose_weekly_reporting(record: Callable[..., Any], case: Case, measure: str = "M1") -> None:
    """P1 must report weekly from Friday 6 February 2026 (San José): the first check-in
    is due by the end of Friday 13 February and, never recorded, is alerted on Monday 16
    February at 08:00."""
    record(
        case,
        "measure.imposed",
        {
            "measure": measure,
            "person": "P1",
            "kind": "periodic_reporting",
            "interval_days": 7,
            "starts_on": "2026-02-06",
        },
        occurred_at=dt.datetime(2026, 2, 6, 10, tzinfo=ZoneInfo("America/Costa_Rica")),
    )


from tests.custody.conftest import at, custody  # noqa: E402, F401  (custody fixtures)
