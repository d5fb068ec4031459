"""Queuing notifications: one ``Notification`` per docket entry or deadline alert, and
one ``Delivery`` per address of the subscribers, written in the caller's transaction.

``queue_event`` runs inside ``event_record`` (through ``notify.projector``), so an
entry and its notifications are committed together or not at all. ``queue_alert`` is
meant to run in the deadline sweep's transaction, beside the ``Alert`` insert.

Both are idempotent: the notification's key (``event:<id>``, ``alert:<key>``) and the
delivery's key (notification key, channel and address) are unique, so queuing the same
thing twice, or replaying the log in a rebuild, queues nothing new.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from expediente.custody.models import Alert
from expediente.docket.models import Case, Event
from expediente.measures.state import BREACHES
from expediente.notify.models import Channel, Delivery, DeliveryAttempt, Notification, Subscription
from expediente.notify.rendering import Rendered, render_alert, render_event
from expediente.rules.schema import Pack

# Device events that are not breaches (a low battery, a lost signal) are the monitoring
# provider's upkeep: they are on the record for the court, but nobody is sent a message
# for each one (a provider may post them every few minutes). A zone breach or tampering
# is told to every subscriber, the protected person first of all.
DEVICE_EVENT = "measure.device_event"


def worth_telling(event: Event) -> bool:
    """Whether subscribers are sent a message about this entry."""
    if event.type == DEVICE_EVENT:
        return (event.payload or {}).get("kind") in BREACHES
    return True


def queue_event(case: Case, event: Event, pack: Pack) -> Notification | None:
    """Queue the news of ``event`` for the case's subscribers who subscribed before it
    was recorded. Returns None when there is no one to tell or it was queued before.

    On PostgreSQL the append has already found that someone follows the case (the
    projector's ``probe``, evaluated in the append's own statement), so this goes straight
    to reading the subscriptions; elsewhere a one-line query asks first."""
    if not worth_telling(event):
        return None
    if connection.vendor != "postgresql" and not _has_subscribers(case.pk, event.seq):
        return None  # the usual case, on every append: one query, no ORM
    subs = list(Subscription.objects.filter(case_id=case.pk, active=True, from_seq__lt=event.seq))
    if not subs:
        return None
    return _queue(
        key=f"event:{event.pk}",
        subs=subs,
        render=lambda language: render_event(case, event, pack, language),
        fields={
            "kind": Notification.Kind.EVENT,
            "case_id": case.pk,
            "event_id": event.pk,
            "event_seq": event.seq,
            "what": event.type,
        },
    )


_HAS_SUBSCRIBERS = (
    "SELECT 1 FROM notify_subscription WHERE case_id = %s AND active AND from_seq < %s LIMIT 1"
)


def _has_subscribers(case_id: int, seq: int) -> bool:
    """Whether anyone is to be told of entry ``seq`` of the case (the same condition as
    ``queue_event``'s query, without the ORM's cost of building it on every append)."""
    with connection.cursor() as cursor:
        cursor.execute(_HAS_SUBSCRIBERS, [case_id, seq])
        return cursor.fetchone() is not None


def queue_alert(alert: Alert, *, now: dt.datetime | None = None) -> Notification | None:
    """Queue a deadline alert from the sweep (``custody.sweep``) for the subscribers of
    the case whose role the deadline rule names (``alert.who``).

    Call it in the transaction that inserts the alert. ``alert`` may be an unsaved
    instance (as the sweep's ``bulk_create`` leaves them): it is looked up by its key."""
    if alert.pk is None:
        alert = Alert.objects.select_related("case__court").get(key=alert.key)
    case = alert.case
    roles = (case.roster or {}).get("participants", {})
    wanted = {uid for uid, role in roles.items() if role in set(alert.who)}
    if not wanted:
        return None
    subs = list(Subscription.objects.filter(case=case, active=True, participant__in=wanted))
    if not subs:
        return None
    return _queue(
        key=f"alert:{alert.key}",
        subs=subs,
        render=lambda language: render_alert(alert, language),
        fields={
            "kind": Notification.Kind.ALERT,
            "case_id": case.pk,
            "alert_key": alert.key,
            "what": alert.rule_id,
        },
        now=now,
    )


def queue_alerts(keys: Iterable[str], *, now: dt.datetime | None = None) -> int:
    """``queue_alert`` for each alert key given (as the sweep's inserted rows); returns
    how many notifications were queued."""
    alerts = Alert.objects.filter(key__in=list(keys)).select_related("case__court")
    return sum(queue_alert(a, now=now) is not None for a in alerts)


def _queue(
    *,
    key: str,
    subs: list[Subscription],
    render: Callable[[str], Rendered],
    fields: dict[str, object],
    now: dt.datetime | None = None,
) -> Notification | None:
    """Write the notification and one delivery per address, in the caller's transaction
    (or a new one): four statements at most, no savepoint. Two sweeps queuing the same
    alert meet on the notification's unique key: the second inserts nothing and queues
    nothing (``INSERT … ON CONFLICT DO NOTHING``, which waits for the first to finish)."""
    now = now or timezone.now()
    with transaction.atomic(savepoint=False):
        languages = sorted({s.language for s in subs})
        notification = Notification(
            key=key,
            rendered={language: render(language) for language in languages},
            created_at=now,
            **fields,
        )
        if not _insert_new(notification):
            return None
        deliveries: dict[str, Delivery] = {}
        for sub in subs:
            inbox = sub.channel == Channel.INBOX
            delivery_key = f"{key}|{sub.channel}:{sub.address}"
            # one message per address, even when two subscriptions share it
            deliveries.setdefault(
                delivery_key,
                Delivery(
                    key=delivery_key,
                    notification=notification,
                    subscription=sub,
                    channel=sub.channel,
                    address=sub.address,
                    language=sub.language,
                    # the inbox is this table: stored is delivered
                    status=Delivery.Status.SENT if inbox else Delivery.Status.QUEUED,
                    attempts=1 if inbox else 0,
                    sent_at=now if inbox else None,
                    next_attempt_at=now,
                ),
            )
        if connection.vendor == "postgresql":
            _insert_deliveries(list(deliveries.values()), now)
            return notification
        created = Delivery.objects.bulk_create(deliveries.values())
        stored = [d for d in created if d.channel == Channel.INBOX]
        if stored:
            if any(d.pk is None for d in stored):  # a database that returns no ids
                stored = list(
                    Delivery.objects.filter(notification=notification, channel=Channel.INBOX)
                )
            DeliveryAttempt.objects.bulk_create(
                DeliveryAttempt(
                    delivery=d,
                    number=1,
                    worker="inbox",
                    started_at=now,
                    duration_ms=0,
                    outcome=DeliveryAttempt.Outcome.STORED,
                )
                for d in stored
            )
    return notification


@functools.cache
def _insert_sql() -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in _columns(Notification))
    values = ", ".join(["%s"] * len(_columns(Notification)))
    # built from the model's metadata only; the values are parameters
    return (
        f"INSERT INTO {quote(Notification._meta.db_table)} ({columns}) "  # noqa: S608
        f"VALUES ({values}) ON CONFLICT ({quote('key')}) DO NOTHING RETURNING {quote('id')}"
    )


def _insert_new(notification: Notification) -> bool:
    """Insert the notification unless one with its key exists; give it its id. Whether it
    was inserted. One statement (PostgreSQL and SQLite 3.35+ both have ``ON CONFLICT``
    and ``RETURNING``)."""
    params = [
        f.get_db_prep_save(f.pre_save(notification, add=True), connection)
        for f in _columns(Notification)
    ]
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(), params)
        row = cursor.fetchone()
    if row is None:
        return False
    notification.pk = row[0]
    notification._state.adding = False
    notification._state.db = connection.alias
    return True


def _columns(model: type[Any]) -> tuple[Any, ...]:
    return tuple(f for f in model._meta.concrete_fields if not f.primary_key)


@functools.cache
def _deliveries_sql(rows: int) -> str:
    """PostgreSQL: ``rows`` deliveries, and the inbox ones' single attempt ("stored"),
    in one statement (what ``bulk_create`` twice did in two, at several times the cost)."""
    quote = connection.ops.quote_name
    fields = _columns(Delivery)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    attempt = _columns(DeliveryAttempt)
    picked = ", ".join("d." + quote("id") if f.name == "delivery" else "%s" for f in attempt)
    # built from the models' metadata only; the values are parameters
    return (
        f"WITH d AS (INSERT INTO {quote(Delivery._meta.db_table)} "  # noqa: S608
        f"({', '.join(quote(f.column) for f in fields)}) VALUES {', '.join([one] * rows)} "
        f"RETURNING {quote('id')}, {quote('channel')}) "
        f"INSERT INTO {quote(DeliveryAttempt._meta.db_table)} "
        f"({', '.join(quote(f.column) for f in attempt)}) "
        f"SELECT {picked} FROM d WHERE d.{quote('channel')} = %s"
    )


def _insert_deliveries(deliveries: list[Delivery], now: dt.datetime) -> None:
    params = [
        f.get_db_prep_save(f.pre_save(d, add=True), connection)
        for d in deliveries
        for f in _columns(Delivery)
    ]
    stored = DeliveryAttempt(
        number=1,
        worker="inbox",
        started_at=now,
        duration_ms=0,
        outcome=DeliveryAttempt.Outcome.STORED,
    )
    params += [
        f.get_db_prep_save(f.pre_save(stored, add=True), connection)
        for f in _columns(DeliveryAttempt)
        if f.name != "delivery"
    ]
    params.append(Channel.INBOX.value)
    with connection.cursor() as cursor:
        cursor.execute(_deliveries_sql(len(deliveries)), params)
