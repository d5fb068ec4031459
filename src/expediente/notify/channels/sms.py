"""SMS through a gateway with a small documented HTTP interface (docs/notifications.md):

    POST NOTIFY_SMS_GATEWAY_URL
    Authorization: Bearer NOTIFY_SMS_GATEWAY_TOKEN
    Idempotency-Key: <delivery key>
    {"id": "<delivery key>", "to": "+50688881234", "text": "…"}

Any 2xx is accepted. Without a gateway (the demo) each message is written to a file in
``var/sms/`` named after its key, so writing it twice leaves one file.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings

from expediente.notify.channels.base import Message, SendError
from expediente.notify.channels.http import post


def sms_text(message: Message) -> str:
    """The short form the message was rendered with (notifications queued before there
    was one: the subject), then how to stop the messages."""
    return f"{message.sms or message.subject}\n{message.footer}"


def send_sms(message: Message) -> None:
    document = {"id": message.key, "to": message.address, "text": sms_text(message)}
    url = settings.NOTIFY_SMS_GATEWAY_URL
    if not url:
        folder = settings.NOTIFY_SMS_DIR
        folder.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha256(message.key.encode()).hexdigest()[:32]
        (folder / f"{name}.json").write_text(json.dumps(document, ensure_ascii=False, indent=1))
        return
    if not url.startswith(("https://", "http://")):
        raise SendError("NOTIFY_SMS_GATEWAY_URL must be an http(s) URL", retryable=False)
    headers = {"Idempotency-Key": message.key, "X-Expediente-Delivery": message.key}
    if settings.NOTIFY_SMS_GATEWAY_TOKEN:
        headers["Authorization"] = f"Bearer {settings.NOTIFY_SMS_GATEWAY_TOKEN}"
    post(url, json.dumps(document).encode(), headers)
