"""The access log: every read of a case's protected data, append-only.

A line is written by ``access.disclosure.disclose`` in the same request as the read, so
no page, API route or export can show protected data without it. The database refuses
UPDATE and DELETE on the table (migration ``0004_access_log``), as it does on the docket.
Participants read their case's lines in the portal ("Who viewed my case"); court
administrators read their court's at ``/court/access-log/``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
LARGEST_ID = 2**63 - 1  # a bigint
CURSOR = re.compile(r"[0-9]{1,19}-[0-9]{1,19}", re.ASCII)

if TYPE_CHECKING:
    from expediente.access.disclosure import Audience


class AccessRecord(models.Model):
    """One read of protected data of one case: who, in which role and court, what, how."""

    # No foreign key constraints in the database (``db_constraint=False``): a line is
    # written only for a case just read by a reader just authenticated, and neither cases
    # nor accounts are ever deleted (PROTECT still stops the ORM). The constraints cost
    # every line two row locks at commit (FOR KEY SHARE on the case and on the account):
    # an API client's concurrent reads all locked the same account row, which
    # PostgreSQL turns into a multixact per commit; a fifth of a confirming
    # statement's time (docs/performance.md). The case's lines are found through the
    # (case, -at) index, so the case column needs no index of its own.
    case = models.ForeignKey(
        "docket.Case",
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    at = models.DateTimeField(_("when"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    actor_label = models.CharField(_("who"), max_length=160)
    audience = models.CharField(_("as"), max_length=20)  # staff, api, participant
    role = models.CharField(_("role"), max_length=120)  # staff roles, API scopes, role in case
    court = models.CharField(_("court"), max_length=40, blank=True)  # the reader's court
    channel = models.CharField(_("channel"), max_length=20)
    classes = models.JSONField(_("data read"), default=list)

    class Meta:
        app_label = "access"
        verbose_name = _("access record")
        indexes = [
            models.Index(fields=["case", "-at"], name="access_record_case_at"),
            # a court's log, newest first (access_log_for_courts); built CONCURRENTLY on
            # PostgreSQL by migration 0007
            models.Index(fields=["at", "id"], name="access_record_at_id"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.channel}"


def reader_columns(audience: Audience, court_code: str) -> dict[str, Any]:
    """Who read, as a log line names them: the account (if any), a label (a participant
    by their id in the case), the audience, its roles and, for staff, the case's court."""
    actor = audience.actor
    user = actor.user if actor is not None and actor.user.pk else None
    if audience.kind == "participant":
        label = f"participant:{audience.participant}"
    else:
        label = actor.label if actor is not None else audience.kind
    return {
        "user_id": user.pk if user is not None else None,
        "actor_label": label[:160],
        "audience": audience.kind,
        "role": ",".join(sorted(audience.roles))[:120],
        "court": court_code if audience.kind == "staff" else "",
    }


def access_record(
    *, case_id: int, court_code: str, audience: Audience, channel: str, classes: list[str]
) -> None:
    """Write one line for a read ``disclose`` just allowed (``court_code``: the case's):
    one INSERT, in the same request as the read."""
    access_insert(
        access_line(
            case_id=case_id,
            court_code=court_code,
            audience=audience,
            channel=channel,
            classes=classes,
        )
    )


def access_line(
    *, case_id: int, court_code: str, audience: Audience, channel: str, classes: list[str]
) -> dict[str, Any]:
    """The columns of one line (by attribute name), read now."""
    return {
        "case_id": case_id,
        "at": timezone.now(),
        **reader_columns(audience, court_code),
        "channel": channel,
        "classes": classes,
    }


@cache
def _fields() -> tuple[Any, ...]:
    return tuple(f for f in AccessRecord._meta.concrete_fields if not f.primary_key)


@cache
def _insert_sql() -> str:
    """One INSERT, written once: a read is logged on every API read of a case, so the
    ORM's cost of building the statement each time is not paid (docs/performance.md)."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in _fields())
    values = ", ".join(["%s"] * len(_fields()))
    table = quote(AccessRecord._meta.db_table)
    return f"INSERT INTO {table} ({columns}) VALUES ({values})"  # noqa: S608


def access_insert(values: dict[str, Any]) -> None:
    """Insert one line as ``objects.create`` would, minus its cost: one statement, in the
    caller's transaction or (in autocommit) committed on its own, with no savepoint."""
    db = connections[DEFAULT_DB_ALIAS]  # the thread's connection, looked up once
    params = [
        f.get_db_prep_save(values[f.attname] if f.attname in values else f.get_default(), db)
        for f in _fields()
    ]
    with db.cursor() as cursor:
        cursor.execute(_insert_sql(), params)


PAGE_SIZE = 100


@dataclass(frozen=True)
class AccessLogPage:
    """One page of the access log (a court's or a case's), newest first, and where the
    next one starts."""

    rows: list[AccessRecord]
    older: str | None  # the cursor of the next (older) page, None on the last page


class BadCursor(ValueError):
    """A ``before`` cursor that is not one this page gave."""


# What a page says of it (it then shows the newest lines).
BAD_CURSOR_MESSAGE = _(
    "“before” must be a position this page gave (the link “Older reads”); "
    "showing the newest reads instead."
)


def cursor_of(line: AccessRecord) -> str:
    """Where the page after ``line`` starts: its time (microseconds since the epoch, UTC)
    and id, so that lines recorded in the same microsecond are neither skipped nor shown
    twice."""
    micros = (line.at - EPOCH) // dt.timedelta(microseconds=1)
    return f"{micros}-{line.pk}"


def _parsed(cursor: str) -> tuple[dt.datetime, int]:
    if CURSOR.fullmatch(cursor) is None:
        raise BadCursor(cursor)
    micros, _, pk = cursor.partition("-")
    if int(pk) > LARGEST_ID:
        raise BadCursor(cursor)  # the databases would refuse the number itself
    try:
        return EPOCH + dt.timedelta(microseconds=int(micros)), int(pk)
    except OverflowError as exc:  # past the year 9999
        raise BadCursor(cursor) from exc


def access_log_for_case(
    *,
    case: Any,
    before: str | None = None,
    limit: int = PAGE_SIZE,
    hidden: models.Q | None = None,
) -> AccessLogPage:
    """A page of the reads of a case, newest first, without the lines ``hidden``
    matches, older than the cursor ``before`` (``BadCursor`` if it is not one a page
    gave), through the ``(case, -at)`` index."""
    rows = AccessRecord.objects.filter(case=case).select_related("user")
    if hidden is not None:
        rows = rows.exclude(hidden)
    return _page(rows, before, limit)


# Who may read a court's access log: its administrators and judges.
ACCESS_LOG_ROLES = frozenset({"court_admin", "judge"})


def access_log_courts(actor: Any) -> list[str]:
    """The codes of the courts whose access log ``actor`` (a staff Actor) may read."""
    if not actor.user.is_active:
        return []
    return sorted({code for code, role in actor.roles if role in ACCESS_LOG_ROLES})


def access_log_for_courts(
    *,
    court_codes: list[str],
    case_number: str | None = None,
    hidden: models.Q | None = None,
    before: str | None = None,
    limit: int = PAGE_SIZE,
) -> AccessLogPage:
    """A page of the most recent reads of the cases of these courts (for court
    administrators and judges), optionally of one case (by court number or national
    identifier), without the lines ``hidden`` matches, older than the cursor ``before``
    (``BadCursor`` if it is not one a page gave).

    Newest first through the ``(at, id)`` index: the database reads the log backwards
    and stops at the page's last line instead of sorting every line of the courts
    (1 s at 3,000,000 lines; docs/performance.md)."""
    rows = AccessRecord.objects.filter(case__court__code__in=court_codes)
    if case_number:
        rows = rows.filter(models.Q(case__number=case_number) | models.Q(case__nuid=case_number))
    if hidden is not None:
        rows = rows.exclude(hidden)
    return _page(rows.select_related("case__court", "user"), before, limit)


def _page(rows: QuerySet[AccessRecord], before: str | None, limit: int) -> AccessLogPage:
    """The ``limit`` newest of ``rows`` older than the cursor ``before``, and the cursor
    of the page after them (None if there is none)."""
    if before:
        at, pk = _parsed(before)
        rows = rows.filter(at__lte=at).exclude(at=at, pk__gte=pk)
    lines = list(rows.order_by("-at", "-id")[: limit + 1])
    older = cursor_of(lines[limit - 1]) if len(lines) > limit else None
    return AccessLogPage(rows=lines[:limit], older=older)
