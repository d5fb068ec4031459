"""Channels: one small module per way of sending (email, SMS gateway, webhook).

Each exposes ``send(message)``; it returns when the receiver accepted the message and
raises ``SendError`` otherwise (``retryable`` says whether trying later may help).
"""

from __future__ import annotations

from collections.abc import Callable

from expediente.notify.channels.base import Message, SendError
from expediente.notify.channels.email import send_email
from expediente.notify.channels.sms import send_sms
from expediente.notify.channels.webhook import send_webhook

SENDERS: dict[str, Callable[[Message], None]] = {
    "email": send_email,
    "sms": send_sms,
    "webhook": send_webhook,
}

__all__ = ["SENDERS", "Message", "SendError"]
