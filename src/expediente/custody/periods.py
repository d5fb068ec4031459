"""Custody periods read from one person's events. Pure Python: no Django, no database.

``read(steps, …)`` takes what happened to one accused person in one case, in time order,
and returns their custody periods: one per stretch of one kind, so a spell in custody
from arrest to release may be several periods (police custody, then pretrial detention,
then sentenced). The kinds follow SDG indicator 16.3.2, which counts a person convicted at
first instance whose appeal is pending as sentenced:

- ``police``: from an arrest until a detention order, a conviction or the release;
- ``pretrial``: under a pretrial detention order, or still held after the order was
  lifted or replaced until the release is recorded (the person is not free until then);
- ``sentenced_appeal``: convicted at first instance, judgment not yet final;
- ``sentenced_final``: the judgment is final.

How each event is read:

- ``custody.arrested`` opens a police-custody period. Arresting someone already in custody
  is refused: custody periods of one person never overlap.
- ``custody.pretrial_ordered`` puts the person under a detention order. If they were free
  (they came to the hearing and were ordered detained there), custody begins with the
  order. A second order while one is in force is refused: extend or review the first.
- ``custody.pretrial_extended`` / ``_reviewed`` / ``_replaced`` / ``_lifted`` need an order
  in force. A review (or extension, …) dated before the order is refused as such. A
  review whose outcome is ``replaced`` or ``lifted`` ends the order, as the events
  ``_replaced`` and ``_lifted`` do (one of these may follow such a review, recording
  what it decided); the person stays in custody until the release.
- ``custody.placed_before_judge`` needs the person in custody.
- ``custody.released`` ends custody; a release of someone not in custody is refused.
- ``verdict.delivered`` convicting the person turns their custody into ``sentenced_appeal``;
  ``judgment.final`` turns that into ``sentenced_final``; ``retrial.ordered`` sends the
  person back to being unsentenced (``pretrial``).

With ``strict`` the first impossible event raises ``Refusal`` naming the field at fault.
Without it (rebuilding a history already on the record) an impossible event is skipped,
so reading never fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

POLICE, PRETRIAL, SENTENCED_APPEAL, SENTENCED_FINAL = (
    "police",
    "pretrial",
    "sentenced_appeal",
    "sentenced_final",
)
KINDS = (POLICE, PRETRIAL, SENTENCED_APPEAL, SENTENCED_FINAL)
UNSENTENCED = (POLICE, PRETRIAL)

ARRESTED = "custody.arrested"
PLACED = "custody.placed_before_judge"
ORDERED = "custody.pretrial_ordered"
EXTENDED = "custody.pretrial_extended"
REVIEWED = "custody.pretrial_reviewed"
REPLACED = "custody.pretrial_replaced"
LIFTED = "custody.pretrial_lifted"
RELEASED = "custody.released"
VERDICT = "verdict.delivered"
FINAL = "judgment.final"
RETRIAL = "retrial.ordered"

UNDER_ORDER = (EXTENDED, REVIEWED, REPLACED, LIFTED)
# Events that may be refused because of the custody they describe.
CHECKED = frozenset({ARRESTED, PLACED, ORDERED, *UNDER_ORDER, RELEASED})
# Every event that moves a custody period.
TYPES = frozenset({*CHECKED, VERDICT, FINAL, RETRIAL})
# Events that make someone a person with a custody history.
CUSTODY_EVENTS = frozenset(CHECKED)

KIND_TEXT = {
    POLICE: "police custody",
    PRETRIAL: "pretrial detention",
    SENTENCED_APPEAL: "sentenced, judgment under appeal",
    SENTENCED_FINAL: "serving a final sentence",
}


@dataclass(frozen=True)
class Step:
    """One event as custody reads it. ``seq`` is the event's number in the case (the
    original's number for a correction); None for an event not yet recorded."""

    seq: int | None
    type: str
    at: dt.datetime
    payload: Mapping[str, Any]


@dataclass
class Period:
    kind: str
    start_seq: int | None
    started_at: dt.datetime
    facility: str = ""
    end_seq: int | None = None
    ended_at: dt.datetime | None = None
    end_type: str = ""

    def length(self, now: dt.datetime) -> dt.timedelta:
        """Time in custody in this period up to ``now`` (its end, if it has ended)."""
        end = self.ended_at if self.ended_at is not None else now
        return max(end - self.started_at, dt.timedelta(0))


class Refusal(Exception):
    """An event that cannot have happened, given the others: ``field`` is at fault."""

    def __init__(self, step: Step, field: str, message: str) -> None:
        super().__init__(message)
        self.step, self.field, self.message = step, field, message


@dataclass
class _State:
    periods: list[Period] = field(default_factory=list)
    current: Period | None = None
    order: Step | None = None  # the pretrial detention order in force
    ended_by_review: bool = False  # a review just lifted or replaced the order
    released: Step | None = None  # the last release
    convicted: bool = False


def read(
    steps: Sequence[Step],
    *,
    tz: ZoneInfo,
    who: str = "this person",
    labels: Mapping[str, str] | None = None,
    strict: bool = False,
) -> list[Period]:
    """The custody periods ``steps`` describe, oldest first (``steps`` in time order)."""
    reader = _Reader(steps, tz, who, labels or {}, strict)
    return reader.run()


def refusals(
    steps: Sequence[Step],
    *,
    tz: ZoneInfo,
    who: str = "this person",
    labels: Mapping[str, str] | None = None,
) -> list[Refusal]:
    """Every event of ``steps`` that cannot have happened given those before it."""
    reader = _Reader(steps, tz, who, labels or {}, strict=False)
    reader.run()
    return reader.refused


class _Reader:
    def __init__(
        self,
        steps: Sequence[Step],
        tz: ZoneInfo,
        who: str,
        labels: Mapping[str, str],
        strict: bool,
    ) -> None:
        self.steps, self.tz, self.who, self.labels, self.strict = steps, tz, who, labels, strict
        self.s = _State()
        self.refused: list[Refusal] = []

    def run(self) -> list[Period]:
        handlers = {
            ARRESTED: self._arrested,
            PLACED: self._needs_custody,
            ORDERED: self._ordered,
            EXTENDED: self._under_order,
            REVIEWED: self._under_order,
            REPLACED: self._under_order,
            LIFTED: self._under_order,
            RELEASED: self._released,
            VERDICT: self._verdict,
            FINAL: self._final,
            RETRIAL: self._retrial,
        }
        for i, step in enumerate(self.steps):
            handler = handlers.get(step.type)
            if handler is None:
                continue
            try:
                handler(i, step)
            except Refusal as refusal:
                if self.strict:
                    raise
                self.refused.append(refusal)
        return self.s.periods

    # -- text

    def when(self, moment: dt.datetime) -> str:
        return f"{moment.astimezone(self.tz):%Y-%m-%d %H:%M}"

    def label(self, type_name: str) -> str:
        return f"“{self.labels.get(type_name, type_name)}”"

    def _not_in_custody(self, step: Step) -> Refusal:
        released = self.s.released
        if released is not None:
            why = f"they were released on {self.when(released.at)}"
        else:
            why = "no arrest or detention order comes before it"
        return Refusal(
            step,
            "payload.person",
            f"{self.who} is not in custody on {self.when(step.at)}: {why}; "
            f"a {self.label(step.type)} needs the person in custody",
        )

    # -- what each event does

    def _arrested(self, i: int, step: Step) -> None:
        current = self.s.current
        if current is not None:
            raise Refusal(
                step,
                "payload.person",
                f"{self.who} is already in custody on {self.when(step.at)} "
                f"({KIND_TEXT[current.kind]} since {self.when(current.started_at)}); "
                "custody periods of one person cannot overlap: record the release first",
            )
        self._open(POLICE, step)

    def _needs_custody(self, i: int, step: Step) -> None:
        if self.s.current is None:
            raise self._not_in_custody(step)

    def _ordered(self, i: int, step: Step) -> None:
        self._check_until(step)
        order = self.s.order
        if order is not None:
            raise Refusal(
                step,
                "payload.person",
                f"{self.who} is already in pretrial detention under the order of "
                f"{self.when(order.at)}; record an extension or a review of that order",
            )
        self.s.order, self.s.ended_by_review = step, False
        facility = str(step.payload.get("facility") or "")
        current = self.s.current
        if current is None:
            self._open(PRETRIAL, step, facility)
        elif current.kind == POLICE:
            self._switch(PRETRIAL, step, facility)
        elif not current.facility:
            current.facility = facility

    def _under_order(self, i: int, step: Step) -> None:
        if self.s.order is None and self.s.ended_by_review and step.type in (REPLACED, LIFTED):
            self.s.ended_by_review = False  # the lift or replacement that review decided
            return
        if self.s.order is None:
            later = next((s for s in self.steps[i + 1 :] if s.type == ORDERED), None)
            if later is not None:
                raise Refusal(
                    step,
                    "occurred_at",
                    f"the {self.label(step.type)} is dated {self.when(step.at)}, before the "
                    f"pretrial detention order it concerns ({self.when(later.at)})",
                )
            if self.s.current is None:
                raise self._not_in_custody(step)
            raise Refusal(
                step,
                "payload.person",
                f"{self.who} is not in pretrial detention on {self.when(step.at)}: no "
                f"detention order is in force, so there is nothing to "
                f"{'extend' if step.type == EXTENDED else 'review, replace or lift'}",
            )
        if step.type == EXTENDED:
            self._check_until(step)
        ends = step.type in (REPLACED, LIFTED) or (
            step.type == REVIEWED and step.payload.get("outcome") in ("replaced", "lifted")
        )
        if ends:
            self.s.order = None
        self.s.ended_by_review = ends and step.type == REVIEWED

    def _released(self, i: int, step: Step) -> None:
        if self.s.current is None:
            raise self._not_in_custody(step)
        self._close(step)
        self.s.current, self.s.order, self.s.released = None, None, step
        self.s.ended_by_review = False

    def _verdict(self, i: int, step: Step) -> None:
        outcome = step.payload.get("outcome")
        self.s.convicted = outcome in ("convicted", "partly_convicted")
        current = self.s.current
        if self.s.convicted and current is not None and current.kind in UNSENTENCED:
            self._switch(SENTENCED_APPEAL, step)

    def _final(self, i: int, step: Step) -> None:
        current = self.s.current
        if self.s.convicted and current is not None and current.kind != SENTENCED_FINAL:
            self._switch(SENTENCED_FINAL, step)

    def _retrial(self, i: int, step: Step) -> None:
        self.s.convicted = False
        current = self.s.current
        if current is not None and current.kind == SENTENCED_APPEAL:
            self._switch(PRETRIAL, step)

    # -- bookkeeping

    def _check_until(self, step: Step) -> None:
        raw = step.payload.get("until")
        if not isinstance(raw, str):
            return
        try:
            until = dt.date.fromisoformat(raw)
        except ValueError:
            return
        day = step.at.astimezone(self.tz).date()
        if until < day:
            raise Refusal(
                step,
                "payload.until",
                f"the last day of detention, {until.isoformat()}, comes before the "
                f"{self.label(step.type)} itself ({day.isoformat()})",
            )

    def _open(self, kind: str, step: Step, facility: str = "") -> None:
        period = Period(kind=kind, start_seq=step.seq, started_at=step.at, facility=facility)
        self.s.periods.append(period)
        self.s.current = period

    def _close(self, step: Step) -> None:
        current = self.s.current
        assert current is not None
        current.end_seq, current.ended_at, current.end_type = step.seq, step.at, step.type

    def _switch(self, kind: str, step: Step, facility: str = "") -> None:
        current = self.s.current
        assert current is not None
        self._close(step)
        self._open(kind, step, facility or current.facility)
