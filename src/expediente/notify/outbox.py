"""Queuing notifications: one ``Notification`` per docket entry or deadline alert, and
one ``Delivery`` per address of the subscribers (and, for an alert, of the staff
accounts the rule names by office: ``notify.staff``), written in the caller's
transaction.

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
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import CharField, TextField
from django.utils import timezone

from expediente.access.detention_part import readers_of_alert, readers_of_entry
from expediente.access.readable import may_read, who_reads
from expediente.custody.models import Alert
from expediente.docket.models import Case, Event
from expediente.docket.standing import GUARDIAN, standings
from expediente.measures.state import BREACHES
from expediente.notify.models import Channel, Delivery, DeliveryAttempt, Notification, Subscription
from expediente.notify.rendering import (
    DEVICE_EVENT,
    Rendered,
    render_alert,
    render_event,
    render_staff_alert,
    render_stopped,
)
from expediente.notify.rendering import languages as site_languages
from expediente.notify.staff import StaffRecipient, staff_recipients
from expediente.rules.schema import Pack

# Device events (rendering.DEVICE_EVENT) that are not breaches (a low battery, a lost
# signal) are the monitoring provider's upkeep: they are on the record for the court, but
# nobody is sent a message for each one (a provider may post them every few minutes). A
# zone breach or tampering is told to every subscriber, the protected person first of all.


def worth_telling(event: Event) -> bool:
    """Whether subscribers are sent a message about this entry."""
    if event.type == DEVICE_EVENT:
        return (event.payload or {}).get("kind") in BREACHES
    return True


def queue_event(
    case: Case, event: Event, pack: Pack, *, subs: list[Subscription] | None = None
) -> Notification | None:
    """Queue the news of ``event`` for the case's subscribers who subscribed before it
    was recorded. Returns None when there is no one to tell or it was queued before.

    On PostgreSQL the append's own statement has already read those subscriptions (the
    projector's ``probe``) and passes them as ``subs``; elsewhere a one-line query asks
    whether there are any before the ORM reads them. An entry no participant reads on
    the portal (a staff note: ``access.readable``) is told to nobody."""
    if not worth_telling(event) or who_reads(event.type) == "nobody":
        return None
    if subs is None:
        if connection.vendor != "postgresql" and not _has_subscribers(case.pk, event.seq):
            return None  # the usual case, on every append: one query, no ORM
        subs = list(
            Subscription.objects.filter(
                case_id=case.pk, active=True, from_seq__lt=event.seq
            ).order_by("pk")
        )
    subs = _who_may_read(case, event, subs)
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


def _who_may_read(case: Case, event: Event, subs: list[Subscription]) -> list[Subscription]:
    """The subscriptions whose participant may read the entry on their portal page
    (``access.readable.may_read``, as the page and its count of what is new read it);
    the participants' standings are read only for an entry that some may not read. In
    a sealed case, only those who read the detention part of it, of an entry in that part
    (``access.detention_part.readers_of_entry``): the person held, and whoever speaks for
    them, of the custody entries and their own petitions; in an expunged one, also those
    the rules still give the whole case (its accused and their defence); nobody else."""
    who = who_reads(event.type)
    if case.confidentiality == "sealed" and who != "nobody":
        keep = readers_of_entry(case, event, {s.participant for s in subs})
        subs = [s for s in subs if s.participant in keep]
    if who != "some":
        return subs if who == "everyone" else []
    readers = standings(case)
    return [
        s
        for s in subs
        if (reader := readers.get(s.participant)) is not None
        and may_read(reader, event.type, event.payload)
    ]


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
    the case whose role the deadline rule names (``alert.who``; a guardian recorded for a
    victim, complainant or witness is not the guardian the rules name), and for the staff
    accounts whose docket person holds such a role in the case (a judge: ``notify.staff``),
    on their alerts page and by email. In a sealed case, only the subscribers who still
    read it (``access.detention_part.readers_of_alert``).

    Call it in the transaction that inserts the alert. ``alert`` may be an unsaved
    instance (as the sweep's ``bulk_create`` leaves them): it is looked up by its key."""
    if alert.pk is None:
        alert = Alert.objects.select_related("case__court").get(key=alert.key)
    case = alert.case
    wanted = _alerted(alert)
    if not wanted:
        return None
    subs = list(
        Subscription.objects.filter(case=case, active=True, participant__in=wanted).order_by("pk")
    )
    if case.confidentiality == "sealed" and subs:
        # a sealed case exists only for those who read its detention part (of the people
        # held they speak for) and, expunged, for its own accused and their defence
        keep = readers_of_alert(case, alert.participant, {s.participant for s in subs})
        subs = [s for s in subs if s.participant in keep]
    staff = staff_recipients(case, wanted)
    if not subs and not staff:
        return None

    told = {s.language for s in subs}

    def render(language: str) -> Rendered:
        # staff read it in every language (their alerts page is in the reader's)
        text = render_alert(alert, language) if language in told else {}
        return {**text, **render_staff_alert(alert, language)} if staff else text

    return _queue(
        key=f"alert:{alert.key}",
        subs=subs,
        staff=staff,
        render=render,
        fields={
            "kind": Notification.Kind.ALERT,
            "case_id": case.pk,
            "alert_key": alert.key,
            "what": alert.rule_id,
        },
        now=now,
    )


def _alerted(alert: Alert) -> set[str]:
    """The participants of the case (by uid) whose role the alert's rule names."""
    case = alert.case
    roles = (case.roster or {}).get("participants", {})
    wanted = {uid for uid, role in roles.items() if role in set(alert.who)}
    if GUARDIAN in alert.who and any(roles.get(uid) == GUARDIAN for uid in wanted):
        # the rules name a guardian for the accused young person: one the docket records
        # for a victim, complainant or witness is on the other side (docket/standing.py)
        wanted -= {uid for uid, s in standings(case).items() if s.for_victim_side}
    return wanted


def queue_alerts(keys: Iterable[str], *, now: dt.datetime | None = None) -> int:
    """``queue_alert`` for each alert key given (as the sweep's inserted rows); returns
    how many notifications were queued."""
    alerts = Alert.objects.filter(key__in=list(keys)).select_related("case__court")
    return sum(queue_alert(a, now=now) is not None for a in alerts)


def queue_stopped(sub: Subscription, *, now: dt.datetime) -> Notification | None:
    """Queue one last message to the address of a subscription just stopped from the
    portal (``subscriptions.subscription_stop``), saying so and how to restart them
    (``rendering.render_stopped``); sent although the subscription has ended
    (``worker._stopped``). Only to an email address or a phone: the inbox is on the
    portal page itself, and a webhook is a machine's. Call it in the stop's
    transaction."""
    if sub.channel not in (Channel.EMAIL, Channel.SMS):
        return None
    case = sub.case
    return _queue(
        key=f"stopped:{sub.pk}:{now.isoformat()}",
        subs=[sub],
        render=lambda language: render_stopped(case, now, language),
        fields={
            "kind": Notification.Kind.STOPPED,
            "case_id": case.pk,
            "what": "subscription.stopped",
        },
        now=now,
    )


def _queue(
    *,
    key: str,
    subs: list[Subscription],
    render: Callable[[str], Rendered],
    fields: dict[str, object],
    now: dt.datetime | None = None,
    staff: Sequence[StaffRecipient] = (),
) -> Notification | None:
    """Write the notification and one delivery per address, in the caller's transaction
    (or a new one), without a savepoint: one statement on PostgreSQL, a few elsewhere.
    Where two subscriptions share an address, the older one's (lower id) is the
    delivery's; a staff account's email to an address a subscription has already is
    not sent twice either. Two sweeps queuing the same alert meet on the notification's
    unique key: the second inserts nothing and queues nothing (``INSERT … ON CONFLICT DO
    NOTHING``, which waits for the first to finish)."""
    now = now or timezone.now()
    with transaction.atomic(savepoint=False):
        # staff accounts' alerts pages are read in whatever language the reader chose
        languages = sorted({s.language for s in subs} | (set(site_languages()) if staff else set()))
        notification = Notification(
            key=key,
            rendered={language: render(language) for language in languages},
            created_at=now,
            **fields,
        )
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
        for recipient in staff:
            for channel, address in (
                (Channel.INBOX, recipient.inbox),
                (Channel.EMAIL, recipient.email),
            ):
                if not address:
                    continue
                inbox = channel == Channel.INBOX
                delivery_key = f"{key}|{channel}:{address}"
                deliveries.setdefault(
                    delivery_key,
                    Delivery(
                        key=delivery_key,
                        notification=notification,
                        staff=recipient.user,
                        channel=channel,
                        address=address,
                        language=recipient.language,
                        status=Delivery.Status.SENT if inbox else Delivery.Status.QUEUED,
                        attempts=1 if inbox else 0,
                        sent_at=now if inbox else None,
                        next_attempt_at=now,
                    ),
                )
        if connection.vendor == "postgresql":
            return (
                notification if _insert_all(notification, list(deliveries.values()), now) else None
            )
        if not _insert_new(notification):
            return None
        # bulk_create takes the notification's id, given it just now, from the instance
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
    return _inserted(notification, _insert_sql(), params)


def _columns(model: type[Any]) -> tuple[Any, ...]:
    return tuple(f for f in model._meta.concrete_fields if not f.primary_key)


def _typed(field: Any) -> str:
    """A parameter cast to its column's type (in a VALUES list PostgreSQL cannot infer
    it from the column, and a NULL would be text). Text goes as ``text``: a cast to
    ``varchar(n)`` would cut a long value silently, where the insert's own assignment
    refuses it."""
    if isinstance(field, CharField | TextField):
        return "%s::text"
    return f"%s::{field.db_type(connection)}"


@functools.cache
def _insert_all_sql(rows: int) -> str:
    """PostgreSQL: the notification unless its key exists, its ``rows`` deliveries, and
    the inbox ones' single attempt ("stored"), in one statement; the notification's id,
    or no row when it existed already (then nothing else is written either)."""
    quote = connection.ops.quote_name
    pk = quote("id")
    notified = _columns(Notification)
    fields = _columns(Delivery)
    given = [f for f in fields if f.name != "notification"]
    one = "(" + ", ".join(_typed(f) for f in given) + ")"
    picked = ", ".join(
        "n." + pk if f.name == "notification" else "v." + quote(f.column) for f in fields
    )
    attempt = _columns(DeliveryAttempt)
    stored = ", ".join("d." + pk if f.name == "delivery" else _typed(f) for f in attempt)
    # built from the models' metadata only; the values are parameters
    return (
        f"WITH n AS (INSERT INTO {quote(Notification._meta.db_table)} "  # noqa: S608
        f"({', '.join(quote(f.column) for f in notified)}) "
        f"VALUES ({', '.join(_typed(f) for f in notified)}) "
        f"ON CONFLICT ({quote('key')}) DO NOTHING RETURNING {pk}), "
        f"d AS (INSERT INTO {quote(Delivery._meta.db_table)} "
        f"({', '.join(quote(f.column) for f in fields)}) SELECT {picked} "
        f"FROM n, (VALUES {', '.join([one] * rows)}) "
        f"AS v({', '.join(quote(f.column) for f in given)}) "
        f"RETURNING {pk}, {quote('channel')}), "
        f"a AS (INSERT INTO {quote(DeliveryAttempt._meta.db_table)} "
        f"({', '.join(quote(f.column) for f in attempt)}) "
        f"SELECT {stored} FROM d WHERE d.{quote('channel')} = %s) "
        f"SELECT {pk} FROM n"
    )


def _insert_all(notification: Notification, deliveries: list[Delivery], now: dt.datetime) -> bool:
    """PostgreSQL: write the notification with its deliveries (``_insert_all_sql``) and
    give it its id. Whether it was new."""
    params = [
        f.get_db_prep_save(f.pre_save(notification, add=True), connection)
        for f in _columns(Notification)
    ]
    params += [
        f.get_db_prep_save(f.pre_save(d, add=True), connection)
        for d in deliveries
        for f in _columns(Delivery)
        if f.name != "notification"
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
    return _inserted(notification, _insert_all_sql(len(deliveries)), params)


def _inserted(notification: Notification, sql: str, params: list[Any]) -> bool:
    """Run an insert of the notification that returns its id, or no row when its key
    existed already; give it its id. Whether it was new."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return False
    notification.pk = row[0]
    notification._state.adding = False
    notification._state.db = connection.alias
    return True
