"""Email through Django's email backend (SMTP in production, a file under var/ in the
demo). The delivery key goes in the Message-ID and in ``X-Expediente-Delivery``, so a
mail system that sees the same message twice can tell it is one."""

from __future__ import annotations

import hashlib
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from expediente.notify.channels.base import Message, SendError


def message_id(key: str) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"<{digest}@expediente.notify>"


def send_email(message: Message) -> None:
    headers = {
        "Message-ID": message_id(message.key),
        "X-Expediente-Delivery": message.key,
        "Auto-Submitted": "auto-generated",
    }
    if message.unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    email = EmailMessage(
        subject=message.subject,
        body=f"{message.body}\n\n-- \n{message.footer}\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.address],
        headers=headers,
    )
    try:
        with get_connection(fail_silently=False) as connection:
            connection.send_messages([email])
    except smtplib.SMTPRecipientsRefused as exc:
        raise SendError(f"the mail server refused the address: {exc}", retryable=False) from None
    except smtplib.SMTPResponseException as exc:
        permanent = 500 <= exc.smtp_code < 600
        raise SendError(
            f"SMTP {exc.smtp_code}: {exc.smtp_error!r}", retryable=not permanent
        ) from None
    except (smtplib.SMTPException, OSError) as exc:
        raise SendError(f"could not send the email: {exc}") from None
