"""What the court missed: the deadlines that ended after running out (``Deadline.
missed_at``, ``rules.deadlines.ended_late``), met late or not met at all.

While a deadline is overdue the due lists show it. Once it ends, met late (the review
held a week after the law required it) or not met at all (the person released without
it, or an accused's request that restarted the overdue count, Costa Rica's CPP art.
253), or once its term is extended after it had run out (a detention order extended a
month after its last day: ``rules.deadlines.Lapse``), it left every list: a court could
miss a deadline and keep no trace of it on any page. The court's own (``owed_by:
court``, the rule's in the pack) are the deadlines its judges answer for; those the
prosecution owed (Costa Rica's CPP art. 238 request for the custody hearing, which the
judge is alerted of too) are read apart, by the same functions with ``owed_by``, so that
the court supervises them without counting them as its own. The page that lists them is
``court/missed/views.py``.

One index range per court (``deadline_court_missed``: only the rows that have the
moment), the latest ended first."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from expediente.access.capabilities import SEALED_ROLES
from expediente.access.policy import Actor
from expediente.custody.models import Deadline, OwedBy
from expediente.custody.selectors import listed, listed_rows
from expediente.docket.models import Case, Confidentiality, Court

Cursor = tuple[dt.datetime, int]  # (missed_at, id) of the last line shown


def missed_due(d: Deadline) -> dt.datetime:
    """The due moment the court missed: the one an extension came after (a term
    extended only once it had run out: ``detail["lapse"]``), else the deadline's own."""
    return lapsed_due(d.detail, d.due_at)


def lapsed_due(detail: Any, due_at: dt.datetime) -> dt.datetime:
    """``missed_due`` from a row's ``detail`` and ``due_at`` as read from the database
    (the statistics read the two columns, not the row)."""
    lapse = detail.get("lapse") if isinstance(detail, dict) else None
    if isinstance(lapse, dict) and lapse.get("due_at"):
        return dt.datetime.fromisoformat(str(lapse["due_at"])).astimezone(dt.UTC)
    return due_at


def deadlines_missed(
    *,
    courts: list[Court],
    since: dt.datetime,
    now: dt.datetime,
    actor: Actor | None = None,
    after: Cursor | None = None,
    limit: int,
    owed_by: str | None = OwedBy.COURT,
) -> list[tuple[Deadline, Court]]:
    """The deadlines of ``courts`` that ended after running out between ``since`` and
    ``now``, the latest ended first, at most ``limit``, each with its case, participation
    and person loaded (``custody.selectors.LISTED``) and its court. Only those owed by
    ``owed_by`` (the court's, unless told; None: everyone's). Sealed cases are left out
    for a reader who may not see them, as on the due lists."""
    out: list[tuple[Deadline, Court]] = []
    for court in courts:
        rows = listed_rows().filter(court=court, missed_at__gte=since, missed_at__lte=now)
        if owed_by is not None:
            rows = rows.filter(owed_by=owed_by)
        if actor is not None and not actor.roles_in(court.code) & SEALED_ROLES:
            rows = rows.exclude(case__confidentiality=Confidentiality.SEALED)
        if after is not None:
            moment, pk = after
            rows = rows.filter(Q(missed_at__lt=moment) | Q(missed_at=moment, id__lt=pk))
        found = listed(rows.order_by("-missed_at", "-id")[:limit], court)
        out += [(d, court) for d in found]
    out.sort(key=lambda row: (row[0].missed_at, row[0].id), reverse=True)
    return out[:limit]


def deadlines_missed_count(
    *,
    courts: list[Court],
    since: dt.datetime,
    now: dt.datetime,
    visible: Q,
    owed_by: str = OwedBy.COURT,
) -> int:
    """How many deadlines of ``courts`` owed by ``owed_by`` (the court's, unless told)
    ended after running out between ``since`` and ``now``, in the cases matching
    ``visible`` (a filter on Case: those the reader may see). One count."""
    if not courts:
        return 0
    return (
        Deadline.objects.filter(
            court__in=courts, missed_at__gte=since, missed_at__lte=now, owed_by=owed_by
        )
        .filter(case__in=Case.objects.filter(visible).values("pk"))
        .count()
    )
