"""The delivery worker: claim due deliveries, send each, record every attempt.

Claiming is a conditional UPDATE of rows that are due (queued and their time has come,
or claimed by a worker whose lease ran out), inside a transaction that first selects
them ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so several workers never take the same
row and never wait for each other. On SQLite (one worker) the same code runs, the
conditional UPDATE alone deciding; SQLite ignores ``FOR UPDATE``.

A claim carries a lease (``NOTIFY_LEASE_SECONDS``): a worker killed mid-batch leaves its
rows claimed, and once the lease has run out another worker (or the same one restarted)
takes them. The lease is renewed, conditionally, just before each send, so a row is
sent only by the worker that still holds it; it must be longer than the slowest send
(the HTTP and SMTP timeouts).

The claim counts the attempt (so a message that kills the worker cannot loop forever);
a failure schedules the next try with exponential backoff and jitter (``backoff.py``)
until ``NOTIFY_MAX_ATTEMPTS``, then the delivery is failed and shows on the staff page.

A long-running worker also runs the deadline sweep (``custody.sweep.deadline_sweep``)
every ``sweep_every`` seconds, so alerts (a missed check-in on the next working morning,
a custody deadline coming due) are raised and queued without a separate scheduler.
Several workers share the work rather than repeat it: one sweeps at a time (a lease,
``custody.sweep``), the others' turns find it taken and go on delivering. A sweep that
fails is logged and tried again at the next turn; a setting that cannot work (a bad
``MEASURES_ALERT_MORNING``, which the system check refuses at start-up) stops this
worker's sweeps, said once in the log, instead of failing every turn.

Every ``checkpoint_every`` seconds it also takes the docket's new entries into the
Merkle log and signs a checkpoint (``integrity.log.checkpoint_run``), for at most
``CHECKPOINT_TURN`` seconds a turn so that messages keep leaving: a first turn over a
large docket goes on at the next turns, which come at once until it is done. Its first
turn is when the worker starts (so, under ``make run``, the demo's entries are signed
within seconds). Several workers share it as they share the sweep: one writes the log at
a time, the others' turns find it busy.

Every ``feed_every`` seconds (``EXPEDIENTE_FEED_SECONDS``, 5 by default) a feed turn
takes the entries recorded since the newest one in the log into it, unsigned
(``integrity.log.log_take_newest``: one index lookup when there are none), then sends
the agencies' webhooks the pages of the feed they have not been sent
(``notify.agency_hooks.hooks_deliver``), each part for at most ``FEED_TURN`` seconds so
that messages keep leaving. This turn is what bounds how late an agency learns of an
entry, by the feed or by its webhook: about ``feed_every`` seconds, plus its receiver's
answers. A failure is logged and the next turn tries again; the hooks' own failures are
theirs (retried with backoff, shown in their state), never the worker's.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from expediente.notify.backoff import backoff_seconds
from expediente.notify.channels import SENDERS, Message, SendError
from expediente.notify.models import Channel, Delivery, DeliveryAttempt, Notification
from expediente.notify.rendering import (
    _hidden,
    footer,
    for_account,
    staff_footer,
    staff_mail_now,
    staff_text,
    stop_url,
    stopped_footer,
    text_for,
    unsubscribe_url,
)
from expediente.notify.staff import email_still_wanted
from expediente.notify.subscriptions import why_stopped

Clock = Callable[[], dt.datetime]


def worker_name() -> str:
    return f"{socket.gethostname()[:60]}:{os.getpid()}"


@dataclass
class Tally:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    cancelled: int = 0
    lost: int = 0

    def __str__(self) -> str:
        return (
            f"sent {self.sent}, to retry {self.retried}, failed {self.failed}, "
            f"cancelled {self.cancelled}"
        )


def _due(now: dt.datetime) -> Q:
    return Q(status=Delivery.Status.QUEUED, next_attempt_at__lte=now) | Q(
        status=Delivery.Status.CLAIMED, claimed_until__lt=now
    )


def claim(*, worker: str, batch: int, clock: Clock = timezone.now) -> tuple[str, list[int]]:
    """Take up to ``batch`` due deliveries; returns the claim's token and their ids."""
    now = clock()
    token = f"{worker}/{uuid.uuid4().hex[:12]}"
    lease = dt.timedelta(seconds=settings.NOTIFY_LEASE_SECONDS)
    with transaction.atomic():
        candidates = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(_due(now))
            .order_by("next_attempt_at", "id")
            .values_list("id", flat=True)[:batch]
        )
        if not candidates:
            return token, []
        Delivery.objects.filter(_due(now), id__in=candidates).update(
            status=Delivery.Status.CLAIMED,
            claimed_by=token,
            claimed_until=now + lease,
            attempts=F("attempts") + 1,
        )
    mine = Delivery.objects.filter(id__in=candidates, claimed_by=token)
    return token, sorted(mine.values_list("id", flat=True))


def release(*, token: str, ids: list[int]) -> int:
    """Give back claimed deliveries that were not tried (a worker stopping cleanly)."""
    return Delivery.objects.filter(
        id__in=ids, claimed_by=token, status=Delivery.Status.CLAIMED
    ).update(
        status=Delivery.Status.QUEUED,
        claimed_by="",
        claimed_until=None,
        attempts=F("attempts") - 1,
    )


def message_for(delivery: Delivery) -> Message:
    notification = delivery.notification
    sub = delivery.subscription
    if sub is None:  # a staff account told by office (notify.staff): no stop link
        # re-checked now: a case sealed after the alert was queued is not named
        text = staff_mail_now(
            notification.case,
            staff_text(notification.rendered, delivery.language, mail=True),
            delivery.language,
        )
        return Message(
            key=delivery.key,
            address=delivery.address,
            language=delivery.language,
            subject=text["subject"],
            body=text["body"],
            footer=staff_footer(delivery.language),
            unsubscribe_url="",
            case_number="" if _hidden(notification.case) else notification.case.number,
            kind=notification.kind,
            what=notification.what,
            created_at=notification.created_at,
        )
    text = text_for(notification.rendered, delivery.language, sub.participant)
    if sub.account_id is not None:  # a lawyer's, from /my/: to her page of the case
        text = for_account(text, notification.case, sub.participant)
    link = unsubscribe_url(sub.unsubscribe_token)
    stop = link
    if delivery.channel == Channel.SMS and sub.stop_token:
        stop = stop_url(sub.stop_token)  # short: the long link was a third of the SMS
    last = notification.kind == Notification.Kind.STOPPED  # nothing more to stop
    return Message(
        key=delivery.key,
        address=delivery.address,
        language=delivery.language,
        subject=text["subject"],
        body=text["body"],
        footer=stopped_footer(delivery.language) if last else footer(stop, delivery.language),
        unsubscribe_url="" if last else link,
        # a case its participants may no longer see (sealed) is not named, even to a webhook
        case_number="" if _hidden(notification.case) else notification.case.number,
        kind=notification.kind,
        what=notification.what,
        created_at=notification.created_at,
        secret=sub.secret,
        sms=text.get("sms", ""),
    )


def deliver(*, delivery_id: int, token: str, clock: Clock = timezone.now) -> str:
    """Send one claimed delivery and record the attempt; returns the outcome
    ("sent", "retry", "failed", "cancelled", or "lost" if the claim was taken over)."""
    started = clock()
    lease = dt.timedelta(seconds=settings.NOTIFY_LEASE_SECONDS)
    held = Delivery.objects.filter(
        pk=delivery_id, claimed_by=token, status=Delivery.Status.CLAIMED
    ).update(claimed_until=started + lease)
    if held != 1:
        return "lost"
    delivery = Delivery.objects.select_related(
        "notification__case__court", "subscription", "staff"
    ).get(pk=delivery_id)
    stopped = _stopped(delivery)
    if stopped:
        Delivery.objects.filter(pk=delivery_id, claimed_by=token).update(
            status=Delivery.Status.CANCELLED, claimed_until=None, cancelled_because=stopped
        )
        return "cancelled"
    error = ""
    retryable = False
    t0 = time.monotonic()
    try:
        SENDERS[delivery.channel](message_for(delivery))
    except SendError as exc:
        error, retryable = str(exc), exc.retryable
    except Exception as exc:  # a fault in a channel must not stop the worker
        error, retryable = f"{type(exc).__name__}: {exc}", True
    duration_ms = int((time.monotonic() - t0) * 1000)
    finished = clock()
    if not error:
        outcome = DeliveryAttempt.Outcome.SENT
        fields: dict[str, object] = {"status": Delivery.Status.SENT, "sent_at": finished}
    elif retryable and delivery.attempts < settings.NOTIFY_MAX_ATTEMPTS:
        outcome = DeliveryAttempt.Outcome.RETRY
        wait = backoff_seconds(
            delivery.attempts,
            base=settings.NOTIFY_BACKOFF_BASE,
            cap=settings.NOTIFY_BACKOFF_CAP,
            jitter=secrets.SystemRandom().random(),
        )
        fields = {
            "status": Delivery.Status.QUEUED,
            "next_attempt_at": finished + dt.timedelta(seconds=wait),
        }
    else:
        outcome = DeliveryAttempt.Outcome.FAILED
        fields = {"status": Delivery.Status.FAILED}
    with transaction.atomic():
        Delivery.objects.filter(pk=delivery_id, claimed_by=token).update(
            claimed_until=None, last_error=error[:2000], **fields
        )
        DeliveryAttempt.objects.create(
            delivery_id=delivery_id,
            number=delivery.attempts,
            worker=token[:100],
            started_at=started,
            duration_ms=duration_ms,
            outcome=outcome,
            error=error[:2000],
        )
    return str(outcome)


def _names_a_hidden_case(delivery: Delivery) -> bool:
    """Does this message name a case its participants may no longer see? It was written
    while the case could be seen (naming it and what happened), and the case was sealed
    (or expunged) before it could leave: a retry hours later, an SMS queued behind
    others. What the court records after the order reaches the detention part's readers
    in words that name nothing, which this lets through. No query for a visible case."""
    case = delivery.notification.case
    if delivery.subscription is None or not _hidden(case):
        return False
    text = text_for(
        delivery.notification.rendered, delivery.language, delivery.subscription.participant
    )
    return any(case.number in str(part) for part in text.values())


def _stopped(delivery: Delivery) -> str:
    """Why a claimed delivery is no longer to be sent (``Delivery.Why``), "" if it is:
    its subscription ended, the message names a case sealed since it was written, or the
    staff account it goes to switched its alert emails off, changed its address, was
    deactivated or lost its role in the case's court since it was queued."""
    if delivery.subscription is not None:
        if delivery.notification.kind == Notification.Kind.STOPPED:
            # the last message to say they were stopped: sent although they are
            return str(Delivery.Why.SEALED) if _names_a_hidden_case(delivery) else ""
        if not delivery.subscription.active:
            return why_stopped(delivery.subscription)
        return str(Delivery.Why.SEALED) if _names_a_hidden_case(delivery) else ""
    if email_still_wanted(delivery.staff, delivery.address, delivery.notification.case):
        return ""
    return str(Delivery.Why.STOPPED)


def run(
    *,
    worker: str | None = None,
    once: bool = False,
    batch: int = 20,
    poll: float = 2.0,
    stop: Callable[[], bool] = lambda: False,
    log: Callable[[str], None] = lambda line: None,
    clock: Clock = timezone.now,
    sweep_every: float = 0.0,
    checkpoint_every: float = 0.0,
    feed_every: float = 0.0,
) -> Tally:
    """Deliver until ``stop()`` says so (or, with ``once``, until nothing is due); with
    ``sweep_every`` (seconds), also run the deadline sweep that often; with
    ``checkpoint_every``, take new entries into the log and sign a checkpoint; with
    ``feed_every``, take the newest entries into the log and send agencies' webhooks."""
    worker = worker or worker_name()
    tally = Tally()
    next_sweep = next_checkpoint = next_feed = time.monotonic()
    while not stop():
        if feed_every > 0 and time.monotonic() >= next_feed:
            _feed(clock, log, worker)
            next_feed = time.monotonic() + feed_every
        if sweep_every > 0 and time.monotonic() >= next_sweep:
            if not _sweep(clock, log, worker):
                sweep_every = 0.0
            next_sweep = time.monotonic() + sweep_every
        if checkpoint_every > 0 and time.monotonic() >= next_checkpoint:
            done = _checkpoint(clock, log, worker, stop)
            if done is None:
                checkpoint_every = 0.0
            next_checkpoint = time.monotonic() + (checkpoint_every if done else 0.0)
        token, ids = claim(worker=worker, batch=batch, clock=clock)
        if not ids:
            if once:
                break
            _sleep(poll, stop)
            continue
        for n, delivery_id in enumerate(ids):
            if stop():
                release(token=token, ids=ids[n:])
                break
            outcome = deliver(delivery_id=delivery_id, token=token, clock=clock)
            if outcome == "retry":
                tally.retried += 1
            else:
                setattr(tally, outcome, getattr(tally, outcome) + 1)
        log(f"{worker}: {len(ids)} claimed; so far {tally}")
    return tally


def _sweep(clock: Clock, log: Callable[[str], None], worker: str) -> bool:
    """One deadline sweep (none if another worker is sweeping); a failure is logged and
    the worker goes on delivering. False: a setting is wrong, sweep no more."""
    from expediente.custody.sweep import deadline_sweep  # custody's sweep imports notify

    try:
        result = deadline_sweep(now=clock())
    except ImproperlyConfigured as exc:  # the same at every turn: say it once
        log(f"{worker}: deadline sweep stopped until the setting is fixed: {exc}")
        return False
    except Exception as exc:  # the next turn tries again; alerts are never raised twice
        log(f"{worker}: deadline sweep failed, will retry: {type(exc).__name__}: {exc}")
        return True
    if result.raised:
        log(f"{worker}: deadline sweep raised {result.raised} alert(s)")
    return True


CHECKPOINT_TURN = 5.0  # seconds of a worker's turn spent taking entries into the log


def _checkpoint(
    clock: Clock, log: Callable[[str], None], worker: str, stop: Callable[[], bool]
) -> bool | None:
    """One turn of the log: True when every entry found was taken in (or another worker
    is at it), False when more remain for the next turn, None when a setting is wrong
    (said once; no more turns). A failure is logged and tried again at the next turn."""
    from expediente.integrity.log import checkpoint_run

    try:
        run = checkpoint_run(now=clock, stop=stop, seconds=CHECKPOINT_TURN)
    except ImproperlyConfigured as exc:
        log(f"{worker}: checkpoints stopped until the setting is fixed: {exc}")
        return None
    except Exception as exc:
        log(f"{worker}: checkpoint failed, will retry: {type(exc).__name__}: {exc}")
        return True
    if run.checkpoint is not None:
        size = run.checkpoint.size
        log(f"{worker}: {run.appended} entries taken into the log; checkpoint {size}")
    return run.complete or run.busy


FEED_TURN = 2.0  # seconds of a feed turn for each of its two parts, at most


ATTEMPTS_TIDY_EVERY = 3600.0  # seconds between deletions of old webhook attempts
_next_attempts_tidy = 0.0  # monotonic time of this process's next deletion


def _feed(clock: Clock, log: Callable[[str], None], worker: str) -> None:
    """One feed turn: the newest entries into the log, then the agencies' webhooks. A
    failure of either is logged, and the next turn tries again."""
    from expediente.integrity.log import log_take_newest
    from expediente.notify.agency_hooks import hooks_deliver, hooks_tidy

    try:
        taken = log_take_newest(seconds=FEED_TURN)
    except Exception as exc:  # the log's own checks; the next turn or checkpoint retries
        log(f"{worker}: taking new entries into the log failed: {type(exc).__name__}: {exc}")
    else:
        if taken.appended:
            log(f"{worker}: {taken.appended} new entries taken into the log")
    global _next_attempts_tidy
    try:
        due = time.monotonic() >= _next_attempts_tidy
        tidied = hooks_tidy(now=clock(), attempts=due)
    except Exception as exc:  # the next turn tries again
        log(f"{worker}: tidying agencies' webhooks failed: {type(exc).__name__}: {exc}")
    else:
        if due and not tidied.more:  # more: the next turn goes on deleting
            _next_attempts_tidy = time.monotonic() + ATTEMPTS_TIDY_EVERY
        if tidied.ended or tidied.deleted:
            log(
                f"{worker}: agencies' webhooks: {tidied.ended} ended (token spent or no "
                f"longer reading cases), "
                f"{tidied.deleted} old attempt(s) deleted"
            )
    try:
        sent = hooks_deliver(worker=worker, seconds=FEED_TURN, clock=clock, log=log)
    except Exception as exc:
        log(f"{worker}: agencies' webhooks failed, will retry: {type(exc).__name__}: {exc}")
        return
    if sent.sent or sent.retried or sent.ended:
        log(f"{worker}: agencies' webhooks: {sent}")


def _sleep(seconds: float, stop: Callable[[], bool]) -> None:
    end = time.monotonic() + seconds
    while not stop() and time.monotonic() < end:
        time.sleep(min(0.2, max(0.0, end - time.monotonic())))
