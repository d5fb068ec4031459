"""The case flows of every closed year protected together.

Pending at the end of one year is pending at the start of the next: the release of 2025
publishes, as its "pending at the start", the stock the release of 2024 publishes as its
"pending at the end". Protected year by year, 2024 could hide a stock that 2025 shows,
and with 2024's incoming and start published its hidden resolved count followed (QA: 15
incoming, 14 at the start, 14 at the end hidden in 2024 but shown at the start of 2025:
1 resolved). So the four case flows of **every closed year** of the scope's courts, from
the year of the first case to the last closed year, are one linked system: each year's
pending at the start is written as the previous year's pending at the end (pending at the
start + incoming − resolved, back to the first year), and the system is protected once.
Every release of a closed year computes the same system, so the suppression is the same
whichever year is asked for: a stock hidden at the end of one year is hidden at the start
of the next, and the flows are protected with it.

Only releases of a whole calendar year take part (the public releases, and staff who
choose a calendar year); a staff period of another length is protected on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping

from django.db.models import Min
from django.utils import timezone

from expediente.stats.disclosure import Cell
from expediente.stats.indicators.base import Counts
from expediente.stats.period import Period
from expediente.stats.scope import Scope
from expediente.stats.sql.caseflow import INCOMING, PENDING_END, PENDING_START, RESOLVED, _flows
from expediente.stats.sql.sources import spells

CHAINED = ("incoming", "resolved", "pending_start", "pending_end")
_WHICH = {
    "incoming": INCOMING,
    "resolved": RESOLVED,
    "pending_start": PENDING_START,
    "pending_end": PENDING_END,
}
Terms = dict[Hashable, int]


def whole_year(period: Period) -> int | None:
    """The year of a period that is one calendar year, else None."""
    year = period.start.year
    if period.start == dt.date(year, 1, 1) and period.end == dt.date(year, 12, 31):
        return year
    return None


def chain_years(scope: Scope) -> list[int]:
    """The closed years whose case flows are protected with the scope's year: from the
    year the first of its courts' cases opened to the last closed year on the courts'
    clock ([] when the scope is not a calendar year)."""
    year = whole_year(scope.period)
    if year is None:
        return []
    tz = scope.period.tz
    first = spells(scope).aggregate(first=Min("started_at"))["first"]
    start = year if first is None else min(year, first.astimezone(tz).year)
    last = max(year, timezone.localdate(timezone=tz).year - 1)
    return list(range(start, last + 1))


def year_period(year: int, tz: dt.tzinfo) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), tz)  # type: ignore[arg-type]


def year_counts(scope: Scope, year: int) -> dict[str, Counts]:
    """The four case flows of a year by (court, procedure), zero counts left out."""
    flows = _flows(scope, year_period(year, scope.period.tz))
    return {
        ident: {k: v[which] for k, v in flows.items() if v[which]}
        for ident, which in _WHICH.items()
    }


def chained_unknowns(
    by_year: Mapping[int, Mapping[str, Counts]],
) -> dict[int, dict[str, dict[tuple[str, ...], Terms]]]:
    """Each non-zero count of each year as a sum of the unknowns of the whole chain:
    incoming and resolved of each year, and pending at the start of the first year.
    Pending at the start of a later year is the previous year's pending at the end, and
    pending at the end is start + incoming − resolved, when the counts agree (a count
    that does not, which the definitions exclude, stays its own unknown)."""
    out: dict[int, dict[str, dict[tuple[str, ...], Terms]]] = {}
    previous_end: dict[tuple[str, ...], Terms] = {}
    previous_counts: Counts = {}
    for n, year in enumerate(sorted(by_year)):
        counts = by_year[year]
        terms: dict[str, dict[tuple[str, ...], Terms]] = {
            ident: {k: {(ident, year, k): 1} for k in counts.get(ident, {})}
            for ident in ("incoming", "resolved")
        }
        start: dict[tuple[str, ...], Terms] = {}
        for k, value in counts.get("pending_start", {}).items():
            if n and previous_counts.get(k) == value and k in previous_end:
                start[k] = previous_end[k]
            else:
                start[k] = {("pending_start", year, k): 1}
        terms["pending_start"] = start
        for k, value in counts.get("resolved", {}).items():
            # nothing pending at the end (no row in its tables): a reader knows that
            # every case pending at the start or come in was resolved, so resolved is
            # start + incoming, not a count of its own (QA: a court's 1 incoming and
            # 1 resolved of 2023, its stock 0, gave the hidden resolved total back)
            came = counts.get("pending_start", {}).get(k, 0) + counts.get("incoming", {}).get(k, 0)
            if not counts.get("pending_end", {}).get(k) and came == value:
                terms["resolved"][k] = _add([start.get(k, {}), terms["incoming"].get(k, {})])
        end: dict[tuple[str, ...], Terms] = {}
        for k, value in counts.get("pending_end", {}).items():
            parts = [
                (terms[ident].get(k, {}), sign, counts.get(ident, {}).get(k, 0))
                for ident, sign in (("pending_start", 1), ("incoming", 1), ("resolved", -1))
            ]
            if sum(sign * count for _t, sign, count in parts) == value:
                end[k] = _add({u: sign * a for u, a in t.items()} for t, sign, _c in parts)
            else:
                end[k] = {("pending_end", year, k): 1}
        terms["pending_end"] = end
        out[year] = terms
        previous_end, previous_counts = end, counts.get("pending_end", {})
    return out


def _add(parts: object) -> Terms:
    out: Terms = {}
    for part in parts:  # type: ignore[attr-defined]
        for k, a in part.items():
            out[k] = out.get(k, 0) + a
    return {k: a for k, a in out.items() if a}


def rekey(year: int, cells: list[Cell]) -> list[Cell]:
    """A year's cells keyed (year, indicator, table, cell), the same in every release."""
    return [
        Cell((year, *c.key), c.value, c.terms, c.margin, c.zero_sensitive)  # type: ignore[misc]
        for c in cells
    ]
