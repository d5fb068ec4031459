"""Reads of the notification tables: a participant's inbox, and what failed (for staff)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from expediente.docket.models import Court, Participation
from expediente.notify.models import Channel, Delivery
from expediente.notify.rendering import text_for


@dataclass(frozen=True)
class InboxItem:
    id: int
    subject: str
    body: str
    at: dt.datetime
    read: bool


def inbox_for(participation: Participation, *, limit: int = 100) -> list[InboxItem]:
    """The messages in the participant's portal inbox, newest first, in the language
    they subscribed in. Empty unless they subscribed to the ``inbox`` channel."""
    rows = (
        Delivery.objects.filter(
            channel=Channel.INBOX,
            status=Delivery.Status.SENT,
            notification__case_id=participation.case_id,
            address=participation.uid,
            staff__isnull=True,  # a staff account's page is its own (notify.staff)
        )
        .select_related("notification")
        .order_by("-sent_at", "-id")[:limit]
    )
    items = []
    for d in rows:
        text = text_for(d.notification.rendered, d.language, participation.uid)
        assert d.sent_at is not None
        items.append(
            InboxItem(d.pk, text["subject"], text["body"], d.sent_at, d.read_at is not None)
        )
    return items


def inbox_mark_read(participation: Participation, *, now: dt.datetime | None = None) -> int:
    """Mark every inbox message of the participant as read; returns how many were unread."""
    return Delivery.objects.filter(
        channel=Channel.INBOX,
        notification__case_id=participation.case_id,
        address=participation.uid,
        staff__isnull=True,
        read_at__isnull=True,
    ).update(read_at=now or timezone.now())


def failed_deliveries(court: Court) -> QuerySet[Delivery]:
    """Deliveries in the court's cases that failed for good, most recent first, with
    their case and last error, for the staff to act on (phone the person, fix the
    address)."""
    return (
        Delivery.objects.filter(status=Delivery.Status.FAILED, notification__case__court=court)
        .select_related("notification__case", "subscription", "staff")
        .order_by("-next_attempt_at", "-id")
    )
