"""Signed webhooks for lawyers' and agencies' systems.

The body is JSON; the headers say which delivery it is and prove it came from us:

    X-Expediente-Delivery: <delivery key>     (the same on every retry: dedupe on it)
    X-Expediente-Timestamp: <unix seconds>
    X-Expediente-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>." + body)>

The URL is checked again before each send (https, public addresses only), since the
name may have been pointed elsewhere after the subscription was made, and the request
goes to the addresses that check vetted, never to a second lookup of the name.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time

from expediente.docket.errors import InvalidInput
from expediente.notify.addresses import UnresolvedHost, check_webhook_url
from expediente.notify.channels.base import Message, SendError
from expediente.notify.channels.http import post_pinned


def signature(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "v1=" + mac.hexdigest()


def webhook_body(message: Message) -> bytes:
    document = {
        "id": message.key,
        "kind": message.kind,
        "what": message.what,
        "case": message.case_number,
        "language": message.language,
        "subject": message.subject,
        "text": message.body,
        "queued_at": message.created_at.isoformat(),
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def send_webhook(message: Message) -> None:
    try:
        addresses = check_webhook_url(message.address)
    except UnresolvedHost as exc:
        raise SendError(exc.message) from None
    except InvalidInput as exc:
        raise SendError(f"refused to send: {exc.message}", retryable=False) from None
    body = webhook_body(message)
    timestamp = str(int(time.time()))
    headers = {
        "X-Expediente-Delivery": message.key,
        "X-Expediente-Timestamp": timestamp,
        "X-Expediente-Signature": signature(message.secret, timestamp, body),
        "User-Agent": "Expediente-Webhooks/1",
    }
    post_pinned(message.address, body, headers, addresses)
