"""The accused's ages at the time of the acts against their case's procedure, read from
the record; ``rules/ages.py`` judges them against the pack's ``juvenile_ages``.

The day that stands for the acts is the earlier of the case's opening and the person's
first arrest in the case (``custody.arrested`` naming them, each entry as last
corrected), on the court's calendar: the docket holds no date of the alleged acts.

``Participation.age_flag`` keeps each accused's finding (a projection, so that the due
list finds the flagged cases among a court's caseload through a small partial index).
It is written by the docket's own projection (``docket/projection.py``) when a
participant is added or corrected (a corrected date of birth restates the person in
every case that names them: each of their accused participations is judged again), when
the opening is corrected (its date or procedure), and when an arrest could move the day
(an arrest dated before the opening, or any correction of an arrest). Each reads the
case's entries before the one being applied, so a rebuild writes what recording wrote.
The case page and the forms judge afresh, with the same functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Q

from expediente.docket.corrections import as_last_corrected
from expediente.docket.models import Case, Event, Participation, Person
from expediente.rules.ages import AgeCheck, acts_dated, check_age
from expediente.rules.loader import load_pack
from expediente.rules.schema import Pack

ARRESTED = "custody.arrested"  # the pack's arrest (intl, inherited by every pack)
ACCUSED = "accused"


def arrest_days(
    case: Case, *, before_seq: int | None = None, also: Event | None = None
) -> dict[str, list[dt.date]]:
    """Each participant's arrest days in the case, on the court's calendar, from every
    arrest as last corrected: those recorded before ``before_seq`` (all, without it), and
    ``also`` (the entry being applied, which may be a new arrest or a correction of one).
    One query."""
    rows = Event.objects.filter(case_id=case.pk, type=ARRESTED)
    if before_seq is not None:
        rows = rows.filter(seq__lt=before_seq)
    found = list(rows.order_by("seq").values_list("seq", "payload", "occurred_at", "corrects_seq"))
    if also is not None and also.type == ARRESTED:
        found.append((also.seq, also.payload, also.occurred_at, also.corrects_seq))
    return _days(found, ZoneInfo(case.court.timezone))


def arrest_days_of(cases: Iterable[Case]) -> dict[int, dict[str, list[dt.date]]]:
    """``arrest_days`` of several cases (with their courts), by case id. One query."""
    by_id = {c.pk: c for c in cases}
    rows = (
        Event.objects.filter(case_id__in=list(by_id), type=ARRESTED)
        .order_by("case_id", "seq")
        .values_list("case_id", "seq", "payload", "occurred_at", "corrects_seq")
    )
    found: dict[int, list[tuple[int, Any, dt.datetime, int | None]]] = {}
    for case_id, seq, payload, at, corrects in rows:
        found.setdefault(case_id, []).append((seq, payload, at, corrects))
    return {
        pk: _days(found.get(pk, []), ZoneInfo(case.court.timezone)) for pk, case in by_id.items()
    }


def _days(
    found: list[tuple[int, Any, dt.datetime, int | None]], tz: ZoneInfo
) -> dict[str, list[dt.date]]:
    """Arrest entries (seq, payload, moment, corrects) in record order, each as last
    corrected: the days of each participant they name."""
    latest, _ = as_last_corrected(
        (seq, corrects, (payload or {}, at)) for seq, payload, at, corrects in found
    )
    days: dict[str, list[dt.date]] = {}
    for payload, at in latest.values():
        person = payload.get("person")
        if isinstance(person, str):
            days.setdefault(person, []).append(at.astimezone(tz).date())
    return days


def judged(case: Case, pack: Pack, born: dt.date | None, arrests: list[dt.date]) -> AgeCheck | None:
    """One accused's age check in ``case`` (None without a date of birth or without the
    pack's ``juvenile_ages``)."""
    if born is None or pack.juvenile_ages is None:
        return None
    opened = case.opened_at.astimezone(ZoneInfo(case.court.timezone)).date()
    on, basis = acts_dated(opened, arrests)
    return check_age(pack.juvenile_ages, procedure=case.procedure, born=born, on=on, basis=basis)


def flag(case: Case, pack: Pack, role: str, born: dt.date | None, arrests: list[dt.date]) -> str:
    """What ``Participation.age_flag`` holds for a participant of ``role``."""
    if role != ACCUSED:
        return ""
    check = judged(case, pack, born, arrests)
    return (check.finding or "") if check is not None else ""


def accused_checks(
    case: Case,
    pack: Pack,
    participations: Iterable[Participation],
    events: Iterable[Event] | None = None,
) -> dict[str, AgeCheck | None]:
    """Each accused of ``participations`` (with their people) by participant id: their
    age check, None when their date of birth is not recorded. The arrests are read from
    ``events`` (the case's entries, when the caller has them: no query) or in one query."""
    accused = [p for p in participations if p.role == ACCUSED]
    if not accused:
        return {}
    if events is None:
        arrests = arrest_days(case)
    else:
        found = [
            (e.seq, e.payload, e.occurred_at, e.corrects_seq) for e in events if e.type == ARRESTED
        ]
        arrests = _days(found, ZoneInfo(case.court.timezone))
    return {
        p.uid: judged(case, pack, p.person.date_of_birth, arrests.get(p.uid, [])) for p in accused
    }


def refresh_case(case: Case, pack: Pack, *, event: Event) -> None:
    """Judge every accused of ``case`` again, as of ``event`` (the entry being applied:
    a correction of the opening or of an arrest, an arrest before the opening); write
    the flags that changed."""
    arrests = arrest_days(case, before_seq=event.seq, also=event)
    rows = Participation.objects.filter(case_id=case.pk).select_related("person")
    _write(
        (p, flag(case, pack, p.role, p.person.date_of_birth, arrests.get(p.uid, []))) for p in rows
    )


def refresh_person(person: Person, *, besides: int) -> None:
    """Judge again every accused participation of ``person`` except ``besides`` (whose
    entry is being applied): their date of birth was corrected, in whichever case."""
    rows = (
        Participation.objects.filter(person=person, role=ACCUSED)
        .exclude(pk=besides)
        .select_related("case__court")
    )
    for p in rows:
        case = p.case
        pack = load_pack(case.court.rule_pack)
        arrests = arrest_days(case).get(p.uid, [])
        _write([(p, flag(case, pack, p.role, person.date_of_birth, arrests))])


def _write(pairs: Iterable[tuple[Participation, str]]) -> None:
    for participation, value in pairs:
        if participation.age_flag != value:
            Participation.objects.filter(pk=participation.pk).update(age_flag=value)


def flagged_accused(
    *, courts: Iterable[Any], visible: Q, limit: int | None = None
) -> list[Participation]:
    """The accused of ``courts`` (in cases matching ``visible``) whose age does not fit
    their case's procedure, the cases opened first first (at most ``limit``), with their
    cases, courts and people: what the due list shows at its top. One query, on the
    partial index ``participation_age_flag`` (only flagged rows are in it)."""
    rows = _flagged(courts, visible).select_related("case__court", "person")
    rows = rows.order_by("case__opened_at", "case_id", "uid")
    return list(rows if limit is None else rows[:limit])


def flagged_accused_count(*, courts: Iterable[Any], visible: Q) -> int:
    """How many ``flagged_accused`` would list without a limit."""
    return _flagged(courts, visible).count()


def _flagged(courts: Iterable[Any], visible: Q) -> Any:
    cases = Case.objects.filter(visible).values_list("pk", flat=True)
    return Participation.objects.filter(
        ~Q(age_flag=""), case__court__in=list(courts), case__in=cases
    )
