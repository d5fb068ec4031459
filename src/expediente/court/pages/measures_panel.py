"""The measures of a case on its staff page: each measure the court imposed, on whom, how
it stands (a breach awaiting the judge's response first, ``measures.selectors.STATUSES``),
its last breach, and the form recording the response to it. The case page showed a
measure's check-ins among its open deadlines but nothing of a zone breach nobody had
answered: the breach was only on the due list. The measures' deadlines stay in the open
deadlines panel; here they only say whether one was missed. One query (the deadlines
are those the page has read)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from expediente.docket.models import Case
from expediente.measures.labels import breach_label, kind_label
from expediente.measures.models import Measure, MeasureDeadline
from expediente.measures.selectors import STATUSES, compliance

RESPONDED = "measure.violation_responded"


@dataclass(frozen=True)
class MeasureLine:
    uid: str
    kind: str
    person: str
    status: str  # one of ``measures.selectors.STATUSES``
    ends_on: dt.date | None  # the order's last day, for one in force
    closed_on: dt.date | None  # the day it ended (revoked, complied with), on the court's clock
    breaches: int
    last_breach: str  # what the last breach was ("" when none)
    last_breach_at: dt.datetime | None
    respond_url: str  # the form recording the response to a breach ("" when not offered)


def measure_lines(
    case: Case,
    measured: list[MeasureDeadline],
    *,
    names: dict[int, str],
    now: dt.datetime,
    respond_url: str,
) -> list[MeasureLine]:
    """The case's measures, those that call for the judge first: a breach awaiting a
    response, a missed obligation, behind schedule, complying, then those no longer in
    force, each group in the order imposed. ``measured``: the case's open measure
    deadlines; ``names`` names each accused as the page does (by participation);
    ``respond_url`` is the response form ("" when the reader may not record it)."""
    open_by_measure: dict[int, list[MeasureDeadline]] = defaultdict(list)
    for d in measured:
        open_by_measure[d.measure_id].append(d)
    measures = Measure.objects.filter(case=case).select_related("court").order_by("imposed_seq")
    rows = [compliance(m, open_by_measure[m.pk], now) for m in measures]
    rows.sort(key=lambda r: (STATUSES.index(r.status), r.measure.imposed_seq))
    return [
        MeasureLine(
            uid=r.measure.uid,
            kind=kind_label(r.measure.kind),
            person=names.get(r.measure.participation_id, ""),
            status=r.status,
            ends_on=r.measure.ends_on if r.status != "closed" else None,
            closed_on=(
                r.measure.closed_at.astimezone(ZoneInfo(case.court.timezone)).date()
                if r.status == "closed" and r.measure.closed_at
                else None
            ),
            breaches=r.measure.breaches,
            last_breach=(
                breach_label(r.measure.last_breach_what) if r.measure.last_breach_what else ""
            ),
            last_breach_at=r.measure.last_breach_at,
            respond_url=(
                f"{respond_url}?{urlencode({'measure': r.measure.uid})}"
                if respond_url and r.status == "breached"
                else ""
            ),
        )
        for r in rows
    ]
