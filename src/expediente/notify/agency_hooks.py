"""Agencies' webhooks: the docket feed pushed to an agency's system (services).

An API token's system (a prosecution office, a public defence office, a prison) that
follows its courts' dockets may pull the feed (``GET /api/v1/feed``, ``api/feed.py``)
or register a webhook here (``POST /api/v1/webhooks``, ``api/hooks_route.py``) and be
sent the same pages as they fill: ``hook_create``, ``hooks_of``, ``hook_end``.

The worker's feed turn (``notify.worker``) calls ``hooks_deliver``: it claims the hooks
that have entries to send (a lease, ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, as
``notify.worker.claim``), and for each builds the next page of the feed *as the token
reads it now* (its courts, its agency's disclosure, sealed cases left out) and POSTs
it, signed as participants' webhooks are (``channels/webhook.signature``):

    {"hook": 7, "items": [...], "next_cursor": "...", "more": false}
    X-Expediente-Delivery: hook:7:120-220   (the same on every retry of that page)

A 2xx moves the hook past the page; anything else is retried with backoff
(``backoff.py``), the same page (``AgencyHook.pending_end``) under the same delivery id,
for as long as it takes: the pages are in the log's order, so a hook never skips one
and never gives up; its state (``failures``, ``failing_since``, ``last_error``) shows
the agency (``GET /webhooks``) and the staff (the admin) that it is failing. A fault of
the court's own (a page that cannot be built) is retried alike, the same page, and
shows the agency a generic message: the detail is the worker's log's, not the agency's
to read. A page with nothing the token may read moves the hook on without a POST.

The address is checked before the page is built, and the page is built without
logging: only once the receiver took it (a 2xx) are the cases of the items it was sent
logged as read by the token (``api.feed.feed_log``, one INSERT), so a victim's "who
viewed my case" shows one read by the prosecution's system, not one per attempt.

A hook ends when it is deleted, and when its token is revoked or expired or its account
closed, or the token no longer holds ``cases:read``: it is sent nothing more, and says
why (``ended_because``). The worker finds those at its next feed turn
(``hooks_tidy``, every turn, whether or not there is anything to send), and again
before each page it sends. ``hooks_tidy`` also deletes the attempts older than
``EXPEDIENTE_HOOK_ATTEMPTS_DAYS`` (90 by default; 0 keeps them all), at most once an
hour and a bounded number a turn.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import logging
import re
import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from expediente.access.capabilities import Capability
from expediente.access.models import ApiToken
from expediente.access.policy import can
from expediente.access.tokens import token_actor, token_spent
from expediente.api.feed import FeedPage, cursor_encode, feed_log, feed_page
from expediente.docket.errors import IdempotencyConflict, InvalidInput, NotFound, PermissionDenied
from expediente.docket.services.common import check_key
from expediente.integrity.store import tree_size
from expediente.notify.addresses import UnresolvedHost, check_webhook_url, refuse
from expediente.notify.backoff import backoff_seconds
from expediente.notify.channels.base import SendError
from expediente.notify.channels.http import post_pinned
from expediente.notify.channels.webhook import signature
from expediente.notify.models import AgencyHook, AgencyHookAttempt

Clock = Callable[[], dt.datetime]
Log = Callable[[str], None]

MAX_ACTIVE = 5  # active hooks per token: one per receiving system, a few spare
PAGE = 100  # entries per POST at most
FROM = ("now", "start")
HOOK_ID = re.compile(r"[1-9][0-9]{0,17}")
ENDED_SHOWN = dt.timedelta(days=30)  # an ended hook is listed this long after it ended
# What the agency reads of a fault of the court's own (its detail is the worker's log's:
# an exception's text may name the court's internals). English, as the API's words.
BUILD_FAULT = "the court could not build this page; it will try again"
SEND_FAULT = "the court could not send this page; it will try again"

_logger = logging.getLogger(__name__)


def hook_create(
    *,
    token: ApiToken,
    url: str,
    from_: str = "now",
    idempotency_key: str | None = None,
    now: dt.datetime | None = None,
) -> tuple[AgencyHook, bool]:
    """A new webhook of ``token`` to ``url`` (https, public addresses only), and whether
    it is new (False: a request sent again with its ``idempotency_key``, answered with
    the hook it made). ``from_``: "now" sends the entries taken into the log from now
    on; "start" sends the whole log the token may read, from its first entry.

    Refused, naming the field, with nothing written: a bad ``from``, an address the
    webhook check refuses, an address this token already has an active hook to, a
    sixth active hook (``InvalidInput``), a key used for another request
    (``IdempotencyConflict``); a token that may not read cases (``PermissionDenied``)."""
    now = now or timezone.now()
    check_key(idempotency_key)
    if from_ not in FROM:
        raise refuse("from", _("Choose one of: %(choices)s.") % {"choices": ", ".join(FROM)})
    address = _checked_url(url)
    if token_spent(token, now) or not can(token_actor(token), Capability.CASE_VIEW):
        raise PermissionDenied("this token may not read cases; it can be sent nothing")
    with transaction.atomic():
        # one request of this token at a time: the limit and the duplicate check hold
        ApiToken.objects.select_for_update().filter(pk=token.pk).first()
        if idempotency_key:
            earlier = AgencyHook.objects.filter(token=token, idempotency_key=idempotency_key)
            found = earlier.first()
            if found is not None:
                if (found.url, found.asked_from) != (address, from_):
                    raise IdempotencyConflict(
                        "this Idempotency-Key was already used for a different request; "
                        "use a new key for a new request",
                        errors=[
                            {
                                "field": "Idempotency-Key",
                                "message": "already used for another request",
                            }
                        ],
                    )
                return found, False
        mine = AgencyHook.objects.filter(token=token, active=True)
        if mine.filter(url=address).exists():
            raise refuse("url", _("This token already has a webhook to this address."))
        if mine.count() >= MAX_ACTIVE:
            raise refuse(
                "url",
                _("A token may have at most %(n)d webhooks; delete one first.") % {"n": MAX_ACTIVE},
            )
        try:
            with transaction.atomic():
                hook = AgencyHook.objects.create(
                    token=token,
                    url=address,
                    secret=secrets.token_hex(32),
                    created_at=now,
                    next_start=tree_size() if from_ == "now" else 0,
                    next_attempt_at=now,
                    idempotency_key=idempotency_key or "",
                    asked_from=from_,
                )
        except IntegrityError:  # the same request at the same moment (SQLite)
            raise refuse("url", _("This token already has a webhook to this address.")) from None
    return hook, True


def _checked_url(url: str) -> str:
    """The URL as stored (stripped), if the webhook check accepts it; its refusals name
    the field ``url``, as the API's body does."""
    address = (url or "").strip()
    if not address:
        raise refuse("url", _("Enter the address to send the messages to."))
    if len(address) > 500:
        raise refuse("url", _("The address is too long (at most 500 characters)."))
    try:
        check_webhook_url(address)
    except InvalidInput as exc:
        message = exc.errors[0]["message"] if exc.errors else exc.message
        raise refuse("url", message) from None
    return address


def hooks_of(token: ApiToken, now: dt.datetime | None = None) -> list[AgencyHook]:
    """The token's hooks, for it to see their state: the active ones, and those that
    ended in the last 30 days (so a system learns why its hook ended)."""
    since = (now or timezone.now()) - ENDED_SHOWN
    return list(
        AgencyHook.objects.filter(token=token)
        .filter(Q(active=True) | Q(ended_at__gte=since))
        .order_by("id")
    )


def hook_end(*, token: ApiToken, hook_id: str | int, now: dt.datetime | None = None) -> None:
    """End one of the token's hooks: nothing more is sent to it (a page being sent at
    this moment may still arrive). Ending it twice is harmless. ``NotFound`` for
    another token's hook or one that does not exist, alike."""
    found = None
    if HOOK_ID.fullmatch(str(hook_id)):
        found = AgencyHook.objects.filter(pk=int(hook_id), token=token).first()
    if found is None:
        raise NotFound(f"no webhook {str(hook_id)[:40]!r}")
    _end(found.pk, str(AgencyHook.Ended.DELETED), now or timezone.now())


def _end(hook_id: int, because: str, now: dt.datetime) -> None:
    AgencyHook.objects.filter(pk=hook_id, active=True).update(
        active=False, ended_at=now, ended_because=because, claimed_by="", claimed_until=None
    )


def why_ended(token: ApiToken, now: dt.datetime) -> str:
    """Why a hook of this token is to end now (``AgencyHook.Ended``), "" if it is not."""
    if token_spent(token, now):
        return str(AgencyHook.Ended.TOKEN_ENDED)
    if not can(token_actor(token), Capability.CASE_VIEW):
        return str(AgencyHook.Ended.SCOPE_LOST)
    return ""


@dataclass
class Tidied:
    ended: int = 0  # hooks ended because their token can no longer read
    deleted: int = 0  # attempts older than the days they are kept
    more: bool = False  # old attempts remain for the next turn


ATTEMPTS_DELETED_AT_ONCE = 5_000  # one statement's share; the rest at the next turns


def hooks_tidy(*, now: dt.datetime, attempts: bool = True, batches: int = 20) -> Tidied:
    """End the active hooks whose token is spent or no longer reads cases (a revoked
    token's hook ends at the next feed turn, not only once there is something to send it),
    and, with ``attempts``, delete the attempts older than
    ``EXPEDIENTE_HOOK_ATTEMPTS_DAYS``, at most ``batches`` statements of
    ``ATTEMPTS_DELETED_AT_ONCE`` rows (a first tidy over years of attempts goes on at the
    next turns instead of holding the worker)."""
    done = Tidied()
    for hook in AgencyHook.objects.filter(active=True).select_related("token__user"):
        because = why_ended(hook.token, now)
        if because:
            _end(hook.pk, because, now)
            done.ended += 1
    days = settings.EXPEDIENTE_HOOK_ATTEMPTS_DAYS
    if attempts and days:
        old = AgencyHookAttempt.objects.filter(started_at__lt=now - dt.timedelta(days=days))
        for _turn in range(batches):
            ids = list(
                old.order_by("started_at").values_list("id", flat=True)[:ATTEMPTS_DELETED_AT_ONCE]
            )
            if not ids:
                break
            done.deleted += AgencyHookAttempt.objects.filter(id__in=ids).delete()[0]
        else:
            done.more = old.exists()
    return done


@dataclass
class HookTally:
    sent: int = 0  # pages POSTed and acknowledged
    passed: int = 0  # pages with nothing for the token: moved on without a POST
    retried: int = 0
    ended: int = 0
    lost: int = 0  # claims taken over by another worker

    def __str__(self) -> str:
        return (
            f"{self.sent} page(s) sent, {self.retried} to retry, {self.passed} passed over, "
            f"{self.ended} hook(s) ended"
        )


def hooks_deliver(
    *,
    worker: str,
    seconds: float = 5.0,
    clock: Clock = timezone.now,
    batch: int = 20,
    log: Log = _logger.exception,
) -> HookTally:
    """Send every due hook its next page, and again while a hook has more to send, for
    at most ``seconds`` (at least one round). A hook is due when its time has come (not
    waiting after a failure), it is not claimed by a live worker, and the log holds
    entries past what it was sent. ``log`` is told the detail of a fault of the court's
    own (the agency is shown only that there was one)."""
    tally = HookTally()
    until = time.monotonic() + seconds
    while True:
        claim, ids = _claim(worker=worker, batch=batch, now=clock())
        for n, hook_id in enumerate(ids):
            if n and time.monotonic() > until:
                _release(claim, ids[n:])
                return tally
            outcome = _deliver(hook_id, claim, clock, log)
            setattr(tally, outcome, getattr(tally, outcome) + 1)
        if not ids or time.monotonic() > until:
            return tally


def _due(now: dt.datetime, size: int) -> Q:
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    return Q(active=True, next_attempt_at__lte=now, next_start__lt=size) & free


def _claim(*, worker: str, batch: int, now: dt.datetime) -> tuple[str, list[int]]:
    claim = f"{worker}/{uuid.uuid4().hex[:12]}"[:100]
    lease = dt.timedelta(seconds=settings.NOTIFY_LEASE_SECONDS)
    size = tree_size()
    with transaction.atomic():
        candidates = list(
            AgencyHook.objects.select_for_update(skip_locked=True)
            .filter(_due(now, size))
            .order_by("next_attempt_at", "id")
            .values_list("id", flat=True)[:batch]
        )
        if not candidates:
            return claim, []
        AgencyHook.objects.filter(_due(now, size), id__in=candidates).update(
            claimed_by=claim, claimed_until=now + lease
        )
    mine = AgencyHook.objects.filter(id__in=candidates, claimed_by=claim)
    return claim, sorted(mine.values_list("id", flat=True))


def _release(claim: str, ids: list[int]) -> None:
    AgencyHook.objects.filter(id__in=ids, claimed_by=claim).update(
        claimed_by="", claimed_until=None
    )


def _deliver(hook_id: int, claim: str, clock: Clock, log: Log) -> str:
    """Send one claimed hook its next page; the outcome's name in ``HookTally``. The
    address is vetted first (a page for an address now refused is not even built), and
    the cases sent are logged as read only once the receiver took them."""
    started = clock()
    lease = dt.timedelta(seconds=settings.NOTIFY_LEASE_SECONDS)
    mine = AgencyHook.objects.filter(pk=hook_id, claimed_by=claim, active=True)
    if mine.update(claimed_until=started + lease) != 1:
        return "lost"
    hook = AgencyHook.objects.select_related("token__user").get(pk=hook_id)
    because = why_ended(hook.token, started)
    if because:
        _end(hook_id, because, started)
        return "ended"
    start = hook.next_start
    try:
        with translation.override("en"):  # the agency reads it: the API's words are English
            addresses = _vetted(hook.url)
    except SendError as exc:  # retried like a refused POST, the same page
        return _settle(hook, claim, started, finished=clock(), end=None, items=0, error=str(exc))
    try:
        page, items, end, more = _page(hook)
    except Exception as exc:  # a fault building the page: retried like a refused POST
        log(f"{claim}: webhook {hook_id}: its page could not be built: {_fault(exc)}")
        return _settle(hook, claim, started, finished=clock(), end=None, items=0, error=BUILD_FAULT)
    if not items:
        mine.update(next_start=end, pending_end=None, claimed_by="", claimed_until=None)
        return "passed"
    document = {"hook": hook.pk, "items": items, "next_cursor": cursor_encode(end), "more": more}
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    t0 = time.monotonic()
    error = ""
    try:
        _post(hook, body, f"hook:{hook.pk}:{start}-{end}", addresses)
    except SendError as exc:
        error = str(exc)
    except Exception as exc:  # a fault here must not stop the worker
        log(f"{claim}: webhook {hook_id}: its page could not be sent: {_fault(exc)}")
        error = SEND_FAULT
    ms = int((time.monotonic() - t0) * 1000)
    if not error:  # the receiver has it: now, and only now, the token read these cases
        feed_log(page, items)
    return _settle(
        hook, claim, started, finished=clock(), end=end, items=len(items), error=error, ms=ms
    )


def _fault(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"


def _page(hook: AgencyHook) -> tuple[FeedPage, list[dict[str, Any]], int, bool]:
    """The hook's next page as its token reads it now, not logged (``feed_log`` logs
    what is sent, once it is): the page, its items, where it ends, and whether the log
    holds more. A retry is the page that failed, not a longer one: the same delivery id
    stands for the same positions, and its items are those the token reads now (fewer
    if a case was sealed or a court taken from the token meanwhile; one unsealed
    meanwhile may appear)."""
    start = hook.next_start
    page = feed_page(actor=token_actor(hook.token), start=start, limit=PAGE, log=False)
    items, end, more = page.items, page.next_start, page.more
    if hook.pending_end is not None and start < hook.pending_end <= end:
        end = hook.pending_end
        items = [item for item in items if item["position"] < end]
        more = end < page.log_size
    return page, items, end, more


def _settle(
    hook: AgencyHook,
    claim: str,
    started: dt.datetime,
    *,
    finished: dt.datetime,
    end: int | None,
    items: int,
    error: str,
    ms: int = 0,
) -> str:
    """Record a send's outcome: past the page on success; on failure the same page again
    after a backoff, with the error shown; one attempt row either way. ``end`` None: no
    page was built (the address refused now, a fault building it), and the page being
    retried, if any, stays the one to retry (``pending_end`` unchanged)."""
    pending = hook.pending_end if end is None else end
    mine = AgencyHook.objects.filter(pk=hook.pk, claimed_by=claim, active=True)
    with transaction.atomic():
        if not error:
            outcome = AgencyHookAttempt.Outcome.SENT
            assert end is not None  # a success sent a page
            mine.update(
                next_start=end,
                pending_end=None,
                next_attempt_at=finished,
                failures=0,
                failing_since=None,
                last_error="",
                last_sent_at=finished,
                claimed_by="",
                claimed_until=None,
            )
        else:
            outcome = AgencyHookAttempt.Outcome.RETRY
            wait = backoff_seconds(
                hook.failures + 1,
                base=settings.NOTIFY_BACKOFF_BASE,
                cap=settings.NOTIFY_BACKOFF_CAP,
                jitter=secrets.SystemRandom().random(),
            )
            mine.update(
                pending_end=pending,
                next_attempt_at=finished + dt.timedelta(seconds=wait),
                failures=hook.failures + 1,
                failing_since=hook.failing_since or started,
                last_error=error[:2000],
                claimed_by="",
                claimed_until=None,
            )
        AgencyHookAttempt.objects.create(
            hook_id=hook.pk,
            start=hook.next_start,
            end=hook.next_start if pending is None else pending,
            items=items,
            worker=claim[:100],
            started_at=started,
            duration_ms=ms,
            outcome=outcome,
            error=error[:2000],
        )
    return "sent" if not error else "retried"


def _vetted(url: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The addresses the hook's URL resolves to now, all vetted (DNS may have changed
    since the hook was made); ``SendError`` if there are none to send to."""
    try:
        return check_webhook_url(url)
    except UnresolvedHost as exc:
        raise SendError(exc.message) from None
    except InvalidInput as exc:
        raise SendError(f"refused to send: {exc.message}", retryable=False) from None


def _post(
    hook: AgencyHook,
    body: bytes,
    delivery: str,
    addresses: list[ipaddress.IPv4Address | ipaddress.IPv6Address],
) -> None:
    """POST a page, signed with the hook's secret, to the addresses ``_vetted`` gave."""
    timestamp = str(int(time.time()))
    headers = {
        "X-Expediente-Delivery": delivery,
        "X-Expediente-Timestamp": timestamp,
        "X-Expediente-Signature": signature(hook.secret, timestamp, body),
        "User-Agent": "Expediente-Webhooks/1",
    }
    post_pinned(hook.url, body, headers, addresses)
