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
import math
import re
import unicodedata

from django.conf import settings

from expediente.notify.channels.base import Message, SendError
from expediente.notify.channels.http import post

# The GSM 03.38 alphabet (3GPP TS 23.038): a text written only with it goes as GSM-7, 160
# characters in one SMS, 153 in each part of a longer one; the characters of the
# extension table count twice. Any other character sends the whole text as UCS-2: 70
# in one SMS, 67 in each part (UTF-16 code units).
GSM7 = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = frozenset("^{}\\[~]|€\f")
# An SMS is written to fit in this many parts where it can (docs/notifications.md).
SEGMENTS = 2
# Typographic characters outside GSM-7 and their plain equals: they mean the same.
PLAIN = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "–": "-",
        "—": "-",
        "…": "...",
        "\u00a0": " ",
        "\u202f": " ",
        "œ": "oe",
        "Œ": "OE",
    }
)


def segments(text: str) -> tuple[str, int]:
    """The encoding an SMS with this text goes in ("GSM-7" or "UCS-2") and how many
    parts it takes."""
    if all(c in GSM7 or c in GSM7_EXTENDED for c in text):
        units = len(text) + sum(c in GSM7_EXTENDED for c in text)
        return "GSM-7", 1 if units <= 160 else math.ceil(units / 153)
    units = len(text.encode("utf-16-le")) // 2
    return "UCS-2", 1 if units <= 70 else math.ceil(units / 67)


def _fold(c: str) -> str:
    """A letter outside GSM-7 as its base letter (á → a, ç → c, ã → a); GSM-7 has é, ñ,
    ü, à and a few more, kept as they are. Anything else is kept (the text stays UCS-2)."""
    if c in GSM7:
        return c
    base = unicodedata.normalize("NFD", c)
    if base[0] in GSM7 and all(unicodedata.combining(m) for m in base[1:]):
        return base[0]
    return c


def fold(text: str) -> str:
    """The text with its letters outside GSM-7 as their base letters (``_fold``)."""
    return "".join(_fold(c) for c in text)


def fit(text: str) -> str:
    """The text as it goes by SMS: typographic quotes and dashes as plain ones, always;
    and, when the accents of Spanish, Portuguese or French (á, ç, ã…) would make it go as
    UCS-2 in more than ``SEGMENTS`` parts (70 characters each instead of 160), those
    letters without their accent, so it goes as GSM-7 in fewer parts. A text short
    enough keeps its accents."""
    for space in (" ", "\u00a0", "\u202f"):  # French « quotes » with their spaces
        text = text.replace("«" + space, "«").replace(space + "»", "»")
    text = text.translate(PLAIN)
    text = re.sub(r"\b([ap])\.m\.\.", r"\1.m.", text)  # "10 a.m.." (a time ending a sentence)
    if segments(text)[1] <= SEGMENTS:
        return text
    folded = fold(text)
    return folded if segments(folded)[1] < segments(text)[1] else text


def sms_text(message: Message) -> str:
    """The short form the message was rendered with (notifications queued before there
    was one: the subject), then how to stop the messages; fitted to few parts (``fit``)."""
    return fit(f"{message.sms or message.subject}\n{message.footer}")


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
