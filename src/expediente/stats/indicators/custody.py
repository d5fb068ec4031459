"""Persons held on a reference day (SDG 16.3.2, UN-CTS persons held), length of time
held unsentenced, juveniles deprived of liberty, deaths in custody. Pure Python.

The reference day is the period's last day; a person is held on it when a custody
period covers the end of that day, the moment D: ``started_at <= D`` and (``ended_at``
null or ``> D``), as ``custody.models.CustodyPeriod`` documents (a period that changes
kind at D counts in its new kind). Persons are counted once even if held in two cases.

"Sentenced" means a competent authority has decided on conviction or acquittal: a
period of an unsentenced kind that is ``decided`` (held after an acquittal, until the
release) counts as sentenced, and is not time held unsentenced (``rows.sentence_status``).
"""

from __future__ import annotations

from collections.abc import Iterable

from expediente.stats.indicators.base import Counts, Derived, median, ratio
from expediente.stats.indicators.rows import (
    CustodyRow,
    age_status,
    liberty_status,
    sentence_status,
    sex_class,
)
from expediente.stats.period import Period

DAY = 86400.0
# the custody record's end of a period at a death in custody (custody.periods
# ``DIED_IN_CUSTODY``); a death corrected as recorded by mistake (``in_error``) ends none
DIED = "custody.died"
# the rank of each status: a person held, or whose death ended periods, in two kinds
# (held in two cases) counts once, in the most restrictive (stats.sql.custody too)
RANK = {"police": 1, "unsentenced": 2, "sentenced": 3}
DEATH_DIMS = ("status", "sex", "age_status")


def _held(r: CustodyRow, period: Period) -> bool:
    return r.started_at <= period.hi and (r.ended_at is None or r.ended_at > period.hi)


def held_on_day(rows: Iterable[CustodyRow], period: Period) -> Counts:
    """Persons held on the reference day by (status, sex); police custody is not held."""
    people: dict[int, tuple[str, str]] = {}
    for r in rows:
        status = sentence_status(r.kind, r.decided)  # raises on a kind nobody classified
        # sentenced wins if one person is held in two cases in two statuses
        held = status is not None and _held(r, period)
        if held and people.get(r.person, ("",))[0] != "sentenced":
            people[r.person] = (str(status), sex_class(r.sex))
    out: Counts = {}
    for key in people.values():
        out[key] = out.get(key, 0) + 1
    return out


def unsentenced_share(rows: list[CustodyRow], period: Period) -> Derived:
    """SDG 16.3.2: unsentenced persons held / all persons held × 100, on the day."""
    counts = held_on_day(rows, period)
    unsentenced = sum(n for (status, _), n in counts.items() if status == "unsentenced")
    return ratio(unsentenced, sum(counts.values()), scale=100)


def time_held_unsentenced(rows: Iterable[CustodyRow], period: Period) -> Derived:
    """Median days, on the reference day, since the unsentenced persons held then entered
    their current pretrial detention (a period held after an acquittal is not one)."""
    since: dict[int, float] = {}
    for r in rows:
        if sentence_status(r.kind, r.decided) == "unsentenced" and _held(r, period):
            days = (period.hi - r.started_at).total_seconds() / DAY
            since[r.person] = max(days, since.get(r.person, 0.0))
    return median(list(since.values()))


def juveniles_deprived(rows: Iterable[CustodyRow], period: Period) -> Counts:
    """Persons in juvenile proceedings in custody of any kind on the reference day, by
    (status, sex); police custody counts as deprivation of liberty."""
    order = {"sentenced": 2, "unsentenced": 1, "police": 0}
    people: dict[int, tuple[str, str]] = {}
    for r in rows:
        status = liberty_status(r.kind, r.decided)
        if r.procedure == "juvenile" and _held(r, period):
            old = people.get(r.person)
            if old is None or order[status] > order[old[0]]:
                people[r.person] = (status, sex_class(r.sex))
    out: Counts = {}
    for key in people.values():
        out[key] = out.get(key, 0) + 1
    return out


def deaths_in_custody(rows: Iterable[CustodyRow], period: Period) -> Counts:
    """Persons who died in custody in the period (a custody period ended by
    ``custody.died`` in it), each once, by (status, sex, age status): the kind of
    custody they were in when they died (police custody counted, as ``police``), the
    most restrictive if the death ended periods in two cases, and juvenile if one of
    those was in juvenile proceedings. A custody kind nobody classified, anywhere in the
    rows, refuses the figure (``UnknownValue``)."""
    people: dict[int, tuple[int, str, bool]] = {}
    for r in rows:
        status = liberty_status(r.kind)  # raises on a kind nobody classified
        if r.end_type != DIED or not period.contains(r.ended_at):
            continue
        juvenile = age_status(r.procedure) == "juvenile"
        rank, sex, young = people.get(r.person, (0, sex_class(r.sex), False))
        people[r.person] = (max(rank, RANK[status]), sex, young or juvenile)
    status_of = {rank: status for status, rank in RANK.items()}
    out: Counts = {}
    for rank, sex, young in people.values():
        key = (status_of[rank], sex, "juvenile" if young else "adult")
        out[key] = out.get(key, 0) + 1
    return out
