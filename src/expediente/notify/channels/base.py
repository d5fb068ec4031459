"""What every channel receives, and how it says it failed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    key: str  # the delivery's unique key: the idempotency key receivers dedupe on
    address: str
    language: str
    subject: str
    body: str  # the text, without the footer
    footer: str  # how to unsubscribe (email and SMS)
    unsubscribe_url: str
    case_number: str
    kind: str  # "event" or "alert"
    what: str  # event type or deadline rule
    created_at: dt.datetime
    secret: str = ""  # webhooks: the subscription's HMAC key
    sms: str = ""  # the short form for an SMS (what, when, what next, the portal's address)


class SendError(Exception):
    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable
