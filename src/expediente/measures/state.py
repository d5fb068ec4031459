"""Each measure of a case, read from the case's measure events. Pure Python: no Django.

``read(entries, strict=…)`` folds the events (in time order, corrections in place) into
one ``MeasureState`` per measure id. With ``strict`` the first event that cannot have
happened raises ``Refusal`` naming the field at fault; without it (replaying a history
already on the record) such an event is skipped, so reading never fails. Refused:

- imposing a measure id already used in the case, or a kind without the conditions it
  needs (``conditions.KINDS``), or an end before the start;
- any event for a measure that does not exist, or that ended before the event;
- a compliance event the measure has no obligation for (a check-in where there is no
  reporting obligation, hours on a measure that is not community service, …);
- hours beyond the sentence, payments beyond the amount owed;
- a device event from a device that is not the measure's;
- a response to a breach when none awaits one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_noop

from expediente.docket.errors import Words
from expediente.measures import conditions as cond

IMPOSED = "measure.imposed"
MODIFIED = "measure.modified"
ENDED = "measure.ended"
REVOKED = "measure.revoked"
COMPLETED = "measure.completed"
REPORTED = "measure.violation_reported"
RESPONDED = "measure.violation_responded"
BREACHES = frozenset({"zone_breach", "tamper"})  # device events that are breaches
CONDITION_FIELDS = (
    "interval_days",
    "report_place",
    "distance_m",
    "hours",
    "due_on",
    "amount",
    "instalments",
    "curfew_from",
    "curfew_to",
    "device",
    "place_or_activity",
    "programme",
    "conditions",
    "supervising_court",
)


@dataclass(frozen=True)
class Entry:
    seq: int
    type: str
    at: dt.datetime
    payload: dict[str, Any]


class Refusal(ValueError):
    def __init__(self, field: str, message: str, words: Words | None = None) -> None:
        super().__init__(f"{field}: {message}")
        self.field, self.message, self.words = field, message, words

    @classmethod
    def said(cls, field: str, words: Words) -> Refusal:
        """A refusal a court form can say in its reader's language (docket/errors.py)."""
        return cls(field, words.english(), words)


@dataclass
class MeasureState:
    uid: str
    person: str
    kind: str
    imposed_seq: int
    imposed_at: dt.datetime
    starts_on: dt.date
    ends_on: dt.date | None
    protected: str
    conditions: dict[str, Any]
    status: str = "active"  # active, ended, revoked, completed
    closed_at: dt.datetime | None = None
    closed_seq: int | None = None
    closed_type: str = ""
    check_ins: int = 0
    last_check_in_at: dt.datetime | None = None
    hours_logged: int = 0
    amount_paid: int = 0
    sessions: int = 0
    device_events: int = 0
    breaches: int = 0
    last_breach_at: dt.datetime | None = None
    # what the last breach was: the device's report (``zone_breach``, ``tamper``) or who
    # reported it (``reported:victim``, ``reported:police``, …), and its entry
    last_breach_what: str = ""
    last_breach_seq: int | None = None
    breach_open: bool = False  # a breach awaits the judge's response
    warnings: int = 0
    seqs: list[int] = field(default_factory=list)

    @property
    def hours_required(self) -> int | None:
        value = self.conditions.get("hours")
        return value if isinstance(value, int) else None

    @property
    def amount_due(self) -> int | None:
        value = self.conditions.get("amount")
        return value if isinstance(value, int) else None

    @property
    def device(self) -> str:
        return str(self.conditions.get("device") or "")

    @property
    def complete(self) -> bool:
        required = self.hours_required
        return (
            self.kind == "community_service"
            and required is not None
            and (self.hours_logged >= required)
        )


def read(
    entries: Iterable[Entry],
    *,
    strict: bool = False,
    refused: list[tuple[Entry, Refusal]] | None = None,
) -> dict[str, MeasureState]:
    """Fold the entries; an impossible one raises (``strict``) or is skipped, and listed
    in ``refused`` when a list is given."""
    measures: dict[str, MeasureState] = {}
    entries = list(entries)
    # when each measure is imposed: an entry dated before it is refused as early, not as
    # naming no measure ("no measure 'M1' in this case (measures: none)")
    imposed = {str(e.payload.get("measure", "")): e.at for e in entries if e.type == IMPOSED}
    for e in entries:
        try:
            _apply(measures, e, imposed)
        except Refusal as refusal:
            if strict:
                raise
            if refused is not None:
                refused.append((e, refusal))
    return measures


def day_of(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        return dt.date.fromisoformat(value)
    return None


def _apply(
    measures: dict[str, MeasureState], e: Entry, imposed: dict[str, dt.datetime] | None = None
) -> None:
    p = e.payload
    uid = str(p.get("measure", ""))
    if e.type == IMPOSED:
        measures[uid] = _imposed(measures, uid, e)
        return
    m = measures.get(uid)
    later = (imposed or {}).get(uid)
    if m is None and later is not None and e.at < later:
        raise Refusal.said(
            "occurred_at",
            Words(
                gettext_noop("before measure %(measure)s was imposed (%(day)s)"),
                {"measure": uid, "day": later},  # a moment: said on the court's clock
            ),
        )
    if m is None:
        known = ", ".join(sorted(measures))
        raise Refusal.said(
            "measure",
            Words(
                gettext_noop("no measure %(measure)s in this case (its measures: %(known)s)")
                if known
                else gettext_noop("no measure %(measure)s in this case (it has none)"),
                {"measure": repr(uid), "known": known} if known else {"measure": repr(uid)},
            ),
        )
    if m.status != "active" and e.at >= (m.closed_at or e.at):
        when = m.closed_at.date().isoformat() if m.closed_at else ""
        closed = {
            "ended": gettext_noop(
                "measure %(measure)s ended on %(day)s; nothing more can be recorded for it"
            ),
            "revoked": gettext_noop(
                "measure %(measure)s was revoked on %(day)s; nothing more can be recorded for it"
            ),
            "completed": gettext_noop(
                "measure %(measure)s was complied with in full on "
                "%(day)s; nothing more can be recorded for it"
            ),
        }.get(m.status)
        raise Refusal(
            "measure",
            f"measure {uid} {m.status} on {when}; nothing more can be recorded for it",
            Words(closed, {"measure": uid, "day": m.closed_at}) if closed and m.closed_at else None,
        )
    if e.at < m.imposed_at:
        raise Refusal(
            "occurred_at",
            f"before measure {uid} was imposed",
            Words(
                gettext_noop("before measure %(measure)s was imposed (%(day)s)"),
                {"measure": uid, "day": m.imposed_at},
            ),
        )
    if e.type in cond.OBLIGATION and e.type not in _accepted(m):
        what = cond.OBLIGATION[e.type]
        raise Refusal(
            "measure",
            f"measure {uid} ({m.kind.replace('_', ' ')}) has no {what}",
            Words(_HAS_NO[e.type], {"measure": uid}) if e.type in _HAS_NO else None,
        )
    handler = _HANDLERS.get(e.type)
    if handler is not None:
        handler(m, e)
    m.seqs.append(e.seq)


# cond.OBLIGATION's words, one sentence each for translation
_HAS_NO = {
    cond.CHECK_IN: gettext_noop("measure %(measure)s has no reporting obligation"),
    cond.HOURS: gettext_noop("measure %(measure)s has no community service hours"),
    cond.PAYMENT: gettext_noop("measure %(measure)s has no payment obligation"),
    cond.ATTENDED: gettext_noop("measure %(measure)s has no programme to attend"),
    cond.DEVICE: gettext_noop("measure %(measure)s has no monitoring device"),
}


def _accepted(m: MeasureState) -> frozenset[str]:
    accepts = cond.kind_rules(m.kind).accepts
    if cond.CHECK_IN in accepts and not cond.reports(m.kind, m.conditions):
        accepts = accepts - {cond.CHECK_IN}
    if cond.DEVICE in accepts and not m.device:
        accepts = accepts - {cond.DEVICE}
    return accepts


def _imposed(measures: dict[str, MeasureState], uid: str, e: Entry) -> MeasureState:
    p = e.payload
    if not uid:
        raise Refusal.said(
            "measure", Words(gettext_noop("give the measure an id, for example M1"), {})
        )
    if uid in measures:
        raise Refusal(
            "measure",
            f"measure id {uid!r} is already used in this case",
            Words(
                gettext_noop(
                    "measure id %(measure)s is already used in this case; give another, "
                    "or record a change to that measure"
                ),
                {"measure": uid},
            ),
        )
    kind = str(p.get("kind", ""))
    try:
        rules = cond.kind_rules(kind)
    except ValueError as exc:
        raise Refusal(
            "kind", str(exc), Words(gettext_noop("choose a kind of measure from the list"), {})
        ) from None
    for name in rules.needs:
        if p.get(name) in (None, ""):
            raise Refusal(
                name,
                f"a {kind.replace('_', ' ')} needs {name.replace('_', ' ')}",
                Words(gettext_noop("this kind of measure needs this; fill it in"), {}),
            )
    starts = day_of(p.get("starts_on"))
    if starts is None:
        raise Refusal.said("starts_on", Words(gettext_noop("give the day the measure starts"), {}))
    for name in ("ends_on", "due_on"):
        end = day_of(p.get(name))
        if end is not None and end < starts:
            raise _before_start(name, end, starts)
    return MeasureState(
        uid=uid,
        person=str(p.get("person", "")),
        kind=kind,
        imposed_seq=e.seq,
        imposed_at=e.at,
        starts_on=starts,
        ends_on=day_of(p.get("ends_on")),
        protected=str(p.get("protected") or ""),
        conditions={k: p[k] for k in CONDITION_FIELDS if p.get(k) not in (None, "")},
        seqs=[e.seq],
    )


def _modified(m: MeasureState, e: Entry) -> None:
    for name in CONDITION_FIELDS:
        value = e.payload.get(name)
        if value not in (None, ""):
            m.conditions[name] = value
    if e.payload.get("ends_on"):
        ends = day_of(e.payload["ends_on"])
        if ends is not None and ends < m.starts_on:
            raise _before_start("ends_on", ends, m.starts_on)
        m.ends_on = ends
    required = m.hours_required
    if required is not None and m.hours_logged > required:
        raise Refusal.said(
            "hours",
            Words(
                gettext_noop("%(logged)s hours are already logged; give at least that"),
                {"logged": m.hours_logged},
            ),
        )


def _before_start(field: str, day: dt.date, starts: dt.date) -> Refusal:
    """An end (or a due day) before the day the measure starts."""
    return Refusal(
        field,
        f"{day.isoformat()} is before the start, {starts.isoformat()}",
        Words(
            gettext_noop("%(day)s is before the day the measure starts, %(start)s"),
            {"day": day, "start": starts},
        ),
    )


def _close(status: str) -> Any:
    def close(m: MeasureState, e: Entry) -> None:
        m.status, m.closed_at, m.closed_seq, m.closed_type = status, e.at, e.seq, e.type
        m.breach_open = False

    return close


def _checked_in(m: MeasureState, e: Entry) -> None:
    m.check_ins += 1
    m.last_check_in_at = e.at


def _hours(m: MeasureState, e: Entry) -> None:
    hours = int(e.payload.get("hours") or 0)
    required = m.hours_required or 0
    if m.hours_logged + hours > required:
        raise Refusal.said(
            "hours",
            Words(
                gettext_noop(
                    "%(hours)s more hours would make %(total)s of the %(required)s the "
                    "sentence orders; %(left)s remain"
                ),
                {
                    "hours": hours,
                    "total": m.hours_logged + hours,
                    "required": required,
                    "left": required - m.hours_logged,
                },
            ),
        )
    m.hours_logged += hours
    if m.hours_logged == required:
        _close("completed")(m, e)


def _payment(m: MeasureState, e: Entry) -> None:
    amount = int(e.payload.get("amount") or 0)
    due = m.amount_due
    if due is not None and m.amount_paid + amount > due:
        raise Refusal.said(
            "amount",
            Words(
                gettext_noop("%(amount)s would exceed the %(due)s ordered; %(left)s remain"),
                {"amount": amount, "due": due, "left": due - m.amount_paid},
            ),
        )
    m.amount_paid += amount


def _attended(m: MeasureState, e: Entry) -> None:
    m.sessions += 1


def _device(m: MeasureState, e: Entry) -> None:
    device = str(e.payload.get("device", ""))
    if device != m.device:
        raise Refusal(
            "device",
            f"unknown device {device!r} for measure {m.uid}",
            Words(
                gettext_noop("measure %(measure)s has no device %(device)s"),
                {"measure": m.uid, "device": device},
            ),
        )
    m.device_events += 1
    if e.payload.get("kind") in BREACHES:
        _breach(m, e)


def _breach(m: MeasureState, e: Entry) -> None:
    m.breaches += 1
    m.last_breach_at = e.at
    m.last_breach_seq = e.seq
    if e.type == REPORTED:
        m.last_breach_what = f"reported:{e.payload.get('source') or 'other'}"
    else:
        m.last_breach_what = str(e.payload.get("kind") or "")
    m.breach_open = True


def _responded(m: MeasureState, e: Entry) -> None:
    if not m.breach_open:
        # "response to a breach" with none on record reached the family and the victim
        raise Refusal.said(
            "measure",
            Words(
                gettext_noop(
                    "measure %(measure)s has no breach awaiting a response; record the breach first"
                ),
                {"measure": m.uid},
            ),
        )
    m.breach_open = False
    if e.payload.get("response") == "warning":
        m.warnings += 1
    if e.payload.get("response") == "revocation":
        _close("revoked")(m, e)


_HANDLERS = {
    MODIFIED: _modified,
    ENDED: _close("ended"),
    REVOKED: _close("revoked"),
    COMPLETED: _close("completed"),
    cond.CHECK_IN: _checked_in,
    cond.HOURS: _hours,
    cond.PAYMENT: _payment,
    cond.ATTENDED: _attended,
    cond.DEVICE: _device,
    REPORTED: _breach,
    RESPONDED: _responded,
}
