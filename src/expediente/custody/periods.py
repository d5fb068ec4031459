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

- ``custody.arrested`` opens a police-custody period, or a pretrial-detention one when a
  detention order is in force that has not been carried out (the arrest carries it out,
  in the facility the order names). Arresting someone already in custody is refused:
  custody periods of one person never overlap. After a verdict that does not convict
  (and no conviction, retrial or new order since) the arrest carries out no order: it
  opens police custody and, even made in the act, the person is held with no ground
  (``read_held``): nothing recorded in this case holds them (ICCPR art. 9(1): no
  detention without a legal basis); a new offence is a new case, and a new order here (on
  appeal, pending a retrial) is recorded as such.
- ``custody.pretrial_ordered`` puts the person under a detention order. A person in
  police custody passes into pretrial detention at the order. A person not in custody
  (never arrested, or released since) is not held by the order alone: a judge may order
  the detention of someone at large, and it is carried out when they are arrested. Until
  an arrest is recorded after it, nobody is held, no day of detention counts and the
  deadlines that wait for custody (``waits_for_custody`` in the pack) do not run; the
  arrest starts the pretrial detention (``awaiting_arrest`` gives the order still
  waiting, for the case page). Someone who came to the hearing free and was taken into
  custody there is recorded as arrested, then ordered detained. A second order while one
  is in force is refused: extend or review the first. An acquittal ends the ground the
  order gave (an order that holds the person is left for its lift, which may follow),
  and ends an order still awaiting the arrest (``awaiting_arrest`` no longer gives it;
  a retrial does not bring it back; its lift recorded afterwards changes nothing): a
  new order after it, for a person not convicted since (on the
  prosecution's appeal, say), is a new ground and takes the place of the first.
- ``case.dismissed`` ends every detention order of the case (one awaiting the arrest
  falls; after a reopening a new order is needed); it moves no period, and a person
  held then is held with no ground from it, as after a lift.
- ``custody.pretrial_extended`` / ``_reviewed`` / ``_replaced`` / ``_lifted`` need an order
  in force. A review (or extension, …) dated before the order is refused as such. A
  review whose outcome is ``replaced`` or ``lifted`` ends the order, as the events
  ``_replaced`` and ``_lifted`` do (one of these may follow such a review, recording
  what it decided); the person stays in custody until the release.
- ``custody.placed_before_judge`` needs the person in custody.
- ``custody.hearing_held`` changes no period and is never refused. Its outcome
  ``released`` or ``alternative_measures`` for a person in police custody ends the
  ground the arrest gave (``read_held``): the judge ordered no detention. For someone
  under a detention order it changes nothing: the order stays in force until its lift
  or replacement is recorded.
- ``custody.released`` ends custody; a release of someone not in custody is refused (for
  someone under an order not yet carried out, the refusal says so).
- ``custody.died`` (the person died while held) ends the current period at the death
  (``end_type`` ``custody.died``) and ends the record of custody for the person: their
  order falls with them, and any later custody entry naming them (an arrest, a release, a
  recapture, a transfer, an order, a review, an extension, a sentence's start…) is refused
  as dated after their death; an entry that concerns the case (a verdict, a dismissal, a
  final judgment) changes nothing for them. A death of someone not in custody (at large
  after an escape, never arrested, released, under an order not carried out) is refused:
  it is not a death in custody. A correction of the entry (another person, another
  moment) is read in its place, so the person it no longer names is held again; a
  correction that says the death was recorded by mistake (``in_error``, which only a
  correction may say) takes it off the record: the person is held as before, their clocks
  run again (``history.entries_of`` passes over it).
- ``verdict.delivered`` convicting the person turns their custody into ``sentenced_appeal``;
  one that does not convict a person held under a conviction not yet final (the appeal
  court's verdict, recorded after an appeal that overturned the first) turns it back into
  ``pretrial``, with no ground, as a retrial does;
  ``judgment.final`` turns that into ``sentenced_final``; ``retrial.ordered`` sends the
  person back to being unsentenced (``pretrial``). A change of kind always closes the
  period and opens a new one at the event, so the kind of a period never changes and
  "who was held, and as what, on day D" is an interval query on the rows.
- Every verdict, whatever its outcome, makes the person ``decided``: a competent
  authority has decided on conviction or acquittal at first instance, which is what
  "sentenced" means for SDG 16.3.2 and the UN-CTS ("persons held unsentenced": held
  while untried, pretrial, or awaiting a first-instance decision on conviction or
  acquittal). A ``retrial.ordered`` undoes it (the person awaits a first-instance
  decision again); nothing else does: a release, an escape, a new detention order after
  an acquittal (on the prosecution's appeal, say) or a dismissal leave it as it is. The
  kinds above do not change for it (the packs' rules read them: the release watch after
  an acquittal holds the person ``pretrial`` until the release, as before), so a person
  acquitted while in pretrial detention is held ``pretrial`` and ``decided``. A change
  of ``decided`` while held closes the period and opens a new one of the same kind at
  the event, as a change of kind does: a period is decided or not from start to end,
  and "who was held unsentenced on day D" stays an interval query (``stats`` counts a
  decided period as sentenced).
- ``custody.transferred`` moves a person in custody to another facility: the period goes
  on (the time in custody is not interrupted) and its facility becomes the new one.
- ``custody.escaped`` ends the current period: time at large is not time in custody, so
  the days in custody stop counting. A detention order in force stays in force. The
  deadlines do not change: no verified rule says that time at large does not count
  towards a review or a maximum, so no pack names an escape as suspending a deadline,
  and the review and the maximum keep running (the court is warned early rather than
  late). ``custody.recaptured`` opens a new period of the kind the person is in now
  (sentenced if convicted meanwhile, pretrial under an order in force, otherwise the
  kind they escaped from). An escape of someone not in custody, a recapture without an
  escape, an arrest or a release of someone at large are refused.
- ``custody.sentence_started`` needs a conviction on record: a person who was free
  begins a sentenced period (``sentenced_final`` if the judgment is final, otherwise
  ``sentenced_appeal``); a person already in custody carries on (in the new facility,
  if one is given). ``custody.sentence_ended`` ends custody, like a release; it needs a
  sentence started before it (one dated after it is refused as such).
- ``sentence.computed`` (the court's computation of the day the sentence ends) changes
  no period: it needs a conviction on record, and its ``ends_on`` may not come before
  the day the sentence started, when a start is recorded. The deadline it starts
  (``until_from: ends_on`` in the pack) reads when the person is held from here.

Whether the court still holds the person on a ground is read alongside (``read_held``):
once the order is lifted or replaced (by its own entry or a review), a verdict does not
convict, or a custody hearing orders no detention of a person in police custody, the
ground has ended, and a person still in custody is held with no ground in force in this
case until a new detention order, an arrest (police custody is its own ground), a
conviction (they are held as sentenced; a retrial puts them back without the order that
ended) or the release. The deadline engine is told so at each entry
(``Fact.ground_ended``): a recapture of someone whose ground has ended opens the release
watch again (``starts_without_ground`` in the pack). A pack's own entry that ends the
measure holding the person (``ends``: the starts of the pack's release watch that this
module does not read, with their conditions, ``history.PackView.ground_ends``: Brazil's
reassessment that ends an internment) is read the same way, for a person held as
sentenced too: a recapture after it finds them held with no ground.

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

from django.utils.translation import gettext_noop

from expediente.docket.errors import Words
from expediente.docket.verdicts import convicts

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
HEARING = "custody.hearing_held"
ORDERED = "custody.pretrial_ordered"
EXTENDED = "custody.pretrial_extended"
REVIEWED = "custody.pretrial_reviewed"
REPLACED = "custody.pretrial_replaced"
LIFTED = "custody.pretrial_lifted"
RELEASED = "custody.released"
VERDICT = "verdict.delivered"
FINAL = "judgment.final"
RETRIAL = "retrial.ordered"
TRANSFERRED = "custody.transferred"
ESCAPED = "custody.escaped"
RECAPTURED = "custody.recaptured"
SENTENCE_STARTED = "custody.sentence_started"
SENTENCE_ENDED = "custody.sentence_ended"
SENTENCE_COMPUTED = "sentence.computed"
DISMISSED = "case.dismissed"
DIED = "death"  # a dismissal's reason that leaves nobody to release
DIED_IN_CUSTODY = "custody.died"  # the person died while held: the record ends for them
# a correction of the death that says it was recorded by mistake (the person did not
# die): the death is then read as never recorded (``in_error``)
IN_ERROR = "in_error"


def in_error(type_name: str, payload: Mapping[str, Any] | None) -> bool:
    """Is this (latest version of an) entry a death in custody the court recorded by
    mistake (its correction says ``in_error``)? Such a death is read as no death at all:
    custody, the deadlines, the pages and the statistics pass over it."""
    return type_name == DIED_IN_CUSTODY and (payload or {}).get(IN_ERROR) is True


UNDER_ORDER = (EXTENDED, REVIEWED, REPLACED, LIFTED)
# Events that may be refused because of the custody they describe.
CHECKED = frozenset(
    {
        ARRESTED,
        PLACED,
        ORDERED,
        *UNDER_ORDER,
        RELEASED,
        TRANSFERRED,
        ESCAPED,
        RECAPTURED,
        SENTENCE_STARTED,
        SENTENCE_ENDED,
        SENTENCE_COMPUTED,
        DIED_IN_CUSTODY,
    }
)
# Every event custody reads: those that move a custody period, the custody hearing (it
# moves none, but may end the ground of police custody: ``read_held``) and the case's
# dismissal (it moves none, but ends a detention order: one awaiting arrest falls).
TYPES = frozenset({*CHECKED, VERDICT, FINAL, RETRIAL, HEARING, DISMISSED})
# A custody hearing's outcomes that order no detention (the pack's ``outcome`` options).
HEARING_FREES = ("released", "alternative_measures")
# The baseline's entries after which the release watch runs (the order's end, an
# acquittal, a retrial with no order in force, a recapture without ground, an arrest
# after an acquittal, a custody hearing that ordered no detention): each said in its own
# words on the staff and family pages; any other start of such a watch is a pack's own
# entry, named by its label (Brazil's reassessment that ends an internment).
BASELINE_GROUND_ENDS = frozenset(
    {LIFTED, REPLACED, REVIEWED, VERDICT, RETRIAL, RECAPTURED, ARRESTED, HEARING, DISMISSED}
)
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
    # a first-instance verdict is in force for the person (any outcome), no retrial
    # since: for SDG 16.3.2 they are sentenced whatever the kind
    decided: bool = False

    def length(self, now: dt.datetime) -> dt.timedelta:
        """Time in custody in this period up to ``now`` (its end, if it has ended)."""
        end = self.ended_at if self.ended_at is not None else now
        return max(end - self.started_at, dt.timedelta(0))


class Refusal(Exception):
    """An event that cannot have happened, given the others: ``field`` is at fault.
    ``message`` is the API's English; ``words``, where given, the same for a court form
    in its reader's language (docket/errors.py)."""

    def __init__(self, step: Step, field: str, message: str, words: Words | None = None) -> None:
        super().__init__(message)
        self.step, self.field, self.message, self.words = step, field, message, words


@dataclass
class _State:
    periods: list[Period] = field(default_factory=list)
    current: Period | None = None
    order: Step | None = None  # the pretrial detention order in force
    ended_by_review: bool = False  # a review just lifted or replaced the order
    released: Step | None = None  # the last release (or end of sentence)
    convicted: bool = False
    final: bool = False  # the conviction is final
    # a verdict (conviction or acquittal) is in force, no retrial since (``Period.decided``)
    decided: bool = False
    escaped: Step | None = None  # at large since this escape
    escaped_from: Period | None = None  # the period the escape ended
    serving: Step | None = None  # the start of the sentence being served
    # the detention order in force that found the person not in custody and that no
    # arrest (or recapture) has carried out yet
    waiting: Step | None = None
    # the entry that ended the court's ground for holding the person (the order lifted or
    # replaced, a verdict that does not convict, a custody hearing that ordered no
    # detention of a person in police custody), while no new order, arrest or release
    # has come since
    ground_ended: Step | None = None
    # the latest verdict, when it did not convict and no conviction, retrial or new
    # detention order has come since: the case has ended for the person in an acquittal,
    # and no order of this case can be carried out (``_arrested``)
    acquitted: Step | None = None
    # a pack's own entry that ended the measure holding the person (``ends``: Brazil's
    # reassessment that ends an internment, a sentence the custody record keeps), while
    # no release, end of sentence, retrial or new order has come since: held after it,
    # even as sentenced, they are held with no ground
    measure_ended: Step | None = None
    # the detention order an acquittal or the case's dismissal ended (``order`` is None
    # since): its lift, replacement or review recorded afterwards is accepted and changes
    # nothing, until a new order, an arrest or the release
    fallen: Step | None = None
    # the person died in custody (``custody.died``): no custody entry can follow
    died: Step | None = None


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


# A pack's own entries that end the measure holding a person, each with the conditions
# on its fields, any one of which suffices (``starts_when`` of each of the pack's release
# watches it starts: ``history.PackView.ground_ends``; an empty one: any such entry).
Ends = Mapping[str, Sequence[Mapping[str, Sequence[object]]]]


def _meets(conditions: Mapping[str, Sequence[object]], payload: Mapping[str, object]) -> bool:
    return all(payload.get(name) in values for name, values in conditions.items())


def read_held(
    steps: Sequence[Step], *, tz: ZoneInfo, ends: Ends | None = None
) -> tuple[list[Period], frozenset[int]]:
    """``read`` (not strict), and the numbers of the entries after which the person is
    in custody although the court has ended the ground for holding them (the order
    lifted or replaced, an acquittal, a custody hearing that ordered no detention, and
    nothing since that holds them on a ground: a new order, an arrest, a conviction;
    an arrest after an acquittal with no new order since; a pack's own entry of
    ``ends`` that ended the measure, and no release since)."""
    reader = _Reader(steps, tz, "this person", {}, strict=False, ends=ends)
    return reader.run(), frozenset(reader.groundless)


def grounds_ended(
    steps: Sequence[Step], *, tz: ZoneInfo, ends: Ends | None = None
) -> dict[int, Step]:
    """For each entry after which the person is held with no ground (``read_held``), the
    entry that ended the ground: the custody hearing that ordered no detention, the
    order's lift, replacement or review, the acquittal, a pack's own entry of ``ends``.
    A page that names a recapture or an arrest of such a person says which: after a
    hearing no order ever held them."""
    reader = _Reader(steps, tz, "this person", {}, strict=False, ends=ends)
    reader.run()
    return dict(reader.groundless)


def awaiting_arrest(steps: Sequence[Step], *, tz: ZoneInfo) -> Step | None:
    """The detention order in force at the end of ``steps`` that found the person not in
    custody and that no arrest has carried out yet (None if there is none, or if the
    person escaped before it: their recapture is awaited, not an arrest)."""
    reader = _Reader(steps, tz, "this person", {}, strict=False)
    reader.run()
    return reader.s.waiting if reader.s.escaped is None else None


def refusals(
    steps: Sequence[Step],
    *,
    tz: ZoneInfo,
    who: str = "this person",
    labels: Mapping[str, str] | None = None,
    names: Mapping[str, dict[str, str]] | None = None,
) -> list[Refusal]:
    """Every event of ``steps`` that cannot have happened given those before it
    (``labels`` in English for the messages, ``names`` by language for the forms)."""
    reader = _Reader(steps, tz, who, labels or {}, strict=False, names=names)
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
        names: Mapping[str, dict[str, str]] | None = None,
        ends: Ends | None = None,
    ) -> None:
        self.steps, self.tz, self.who, self.labels, self.strict = steps, tz, who, labels, strict
        self.names = names or {}  # each event type's label by language, for ``Words``
        self.ends = ends or {}
        self.s = _State()
        self.refused: list[Refusal] = []
        # entries after which held with no ground, each with the entry that ended it
        self.groundless: dict[int, Step] = {}

    def run(self) -> list[Period]:
        handlers = {
            ARRESTED: self._arrested,
            PLACED: self._needs_custody,
            HEARING: self._hearing,
            ORDERED: self._ordered,
            EXTENDED: self._under_order,
            REVIEWED: self._under_order,
            REPLACED: self._under_order,
            LIFTED: self._under_order,
            RELEASED: self._released,
            VERDICT: self._verdict,
            FINAL: self._final,
            RETRIAL: self._retrial,
            TRANSFERRED: self._transferred,
            ESCAPED: self._escaped,
            RECAPTURED: self._recaptured,
            SENTENCE_STARTED: self._sentence_started,
            SENTENCE_ENDED: self._sentence_ended,
            SENTENCE_COMPUTED: self._sentence_computed,
            DISMISSED: self._dismissed,
            DIED_IN_CUSTODY: self._died,
        }
        for i, step in enumerate(self.steps):
            handler = handlers.get(step.type)
            if handler is None and step.type in self.ends:
                handler = self._measure_end
            if handler is None:
                continue
            if self.s.died is not None and step.type not in CHECKED:
                continue  # a verdict, a dismissal…: nobody is left to hold or to free
            try:
                if self.s.died is not None:
                    raise self._after_death(step)
                handler(i, step)
            except Refusal as refusal:
                if self.strict:
                    raise
                self.refused.append(refusal)
            s = self.s
            if step.seq is None or s.current is None:
                continue
            if not s.convicted and s.ground_ended is not None:
                self.groundless[step.seq] = s.ground_ended
            elif s.measure_ended is not None:
                self.groundless[step.seq] = s.measure_ended
        return self.s.periods

    # -- text

    def when(self, moment: dt.datetime) -> str:
        return f"{moment.astimezone(self.tz):%Y-%m-%d %H:%M}"

    def _name(self, type_name: str) -> dict[str, str]:
        """An event type's label by language (for ``Words``), English if none is known."""
        return self.names.get(type_name) or {"en": self.labels.get(type_name, type_name)}

    def label(self, type_name: str) -> str:
        return f"“{self.labels.get(type_name, type_name)}”"

    def _not_in_custody(self, step: Step) -> Refusal:
        released, escaped, waiting = self.s.released, self.s.escaped, self.s.waiting
        what = self._name(step.type)
        if waiting is not None and escaped is None:
            why = (
                f"the detention order of {self.when(waiting.at)} has not been carried out: "
                "no arrest is recorded after it"
            )
            words = Words(
                gettext_noop(
                    "not in custody on %(when)s: the detention order of %(since)s has not been "
                    "carried out, no arrest is recorded after it; %(what)s needs the person in "
                    "custody: record the arrest first"
                ),
                {"when": step.at, "since": waiting.at, "what": what},
            )
        elif escaped is not None:
            why = f"they escaped on {self.when(escaped.at)} and no recapture comes after it"
            words = Words(
                gettext_noop(
                    "not in custody on %(when)s: they escaped on %(since)s and no recapture "
                    "comes after it; %(what)s needs the person in custody"
                ),
                {"when": step.at, "since": escaped.at, "what": what},
            )
        elif released is not None:
            why = f"they were released on {self.when(released.at)}"
            words = Words(
                gettext_noop(
                    "not in custody on %(when)s: they were released on %(since)s; %(what)s "
                    "needs the person in custody"
                ),
                {"when": step.at, "since": released.at, "what": what},
            )
        else:
            why = "no arrest or detention order comes before it"
            words = Words(
                gettext_noop(
                    "not in custody on %(when)s: no arrest or detention order comes before "
                    "it; %(what)s needs the person in custody"
                ),
                {"when": step.at, "what": what},
            )
        return Refusal(
            step,
            "payload.person",
            f"{self.who} is not in custody on {self.when(step.at)}: {why}; "
            f"a {self.label(step.type)} needs the person in custody",
            words,
        )

    # -- what each event does

    def _later(self, i: int, type_name: str) -> Step | None:
        return next((s for s in self.steps[i + 1 :] if s.type == type_name), None)

    def _dated_before(self, step: Step, later: Step, what: str) -> Refusal:
        return Refusal(
            step,
            "occurred_at",
            f"the {self.label(step.type)} is dated {self.when(step.at)}, before the "
            f"{what} it concerns ({self.when(later.at)})",
            Words(
                gettext_noop("is dated before what it concerns (%(since)s)"),
                {"since": later.at},
            ),
        )

    def _arrested(self, i: int, step: Step) -> None:
        escaped = self.s.escaped
        if escaped is not None:
            raise Refusal(
                step,
                "type",
                f"{self.who} escaped on {self.when(escaped.at)}: record their recapture "
                f"({self.label(RECAPTURED)}), not a new arrest",
                Words(
                    gettext_noop(
                        "escaped on %(since)s: record the recapture (%(what)s), not a new arrest"
                    ),
                    {"since": escaped.at, "what": self._name(RECAPTURED)},
                ),
            )
        current = self.s.current
        if current is not None:
            raise Refusal(
                step,
                "payload.person",
                f"{self.who} is already in custody on {self.when(step.at)} "
                f"({KIND_TEXT[current.kind]} since {self.when(current.started_at)}); "
                "custody periods of one person cannot overlap: record the release first",
                Words(
                    gettext_noop(
                        "already in custody on %(when)s (since %(since)s): one person's "
                        "custody periods cannot overlap; record the release first"
                    ),
                    {"when": step.at, "since": current.started_at},
                ),
            )
        order, acquitted = self.s.order, self.s.acquitted
        # (``fallen`` stays: a lift of the order the acquittal or dismissal ended, recorded
        # after this arrest, is accepted and changes nothing)
        self.s.measure_ended = None
        if acquitted is not None:
            # the person was acquitted and no new order is in force: nothing recorded in
            # this case holds them, even after an arrest in the act (a new offence is a new
            # case; a new order here, on appeal or pending a retrial, is recorded as such):
            # no detention without a legal basis (ICCPR art. 9(1)). Police custody, held
            # with no ground in this case: the pages say so
            self._open(POLICE, step)
            self.s.waiting, self.s.ground_ended = None, acquitted
            return
        if order is not None and not self.s.convicted:
            # the arrest carries out a detention order made while the person was free
            self._open(PRETRIAL, step, str(order.payload.get("facility") or ""))
        else:
            self._open(POLICE, step)
        self.s.waiting, self.s.ground_ended = None, None

    def _needs_custody(self, i: int, step: Step) -> None:
        if self.s.current is None:
            raise self._not_in_custody(step)

    def _hearing(self, i: int, step: Step) -> None:
        """A custody hearing that orders no detention ends the ground of the police
        custody (the arrest); under a detention order it changes nothing here."""
        current, frees = self.s.current, step.payload.get("outcome") in HEARING_FREES
        if frees and current is not None and current.kind == POLICE and self.s.order is None:
            self.s.ground_ended = self.s.ground_ended or step

    def _ordered(self, i: int, step: Step) -> None:
        self._check_until(step)
        order = self.s.order
        if order is not None and not self._acquitted_since_order():
            raise Refusal(
                step,
                "payload.person",
                f"{self.who} is already in pretrial detention under the order of "
                f"{self.when(order.at)}; record an extension or a review of that order",
                Words(
                    gettext_noop(
                        "already in pretrial detention under the order of %(since)s; record "
                        "an extension or a review of that order"
                    ),
                    {"since": order.at},
                ),
            )
        self.s.order, self.s.ended_by_review, self.s.ground_ended = step, False, None
        self.s.acquitted, self.s.measure_ended, self.s.fallen = None, None, None
        facility = str(step.payload.get("facility") or "")
        current = self.s.current
        if current is None:
            # not in custody (at large after an escape, never arrested, or released): the
            # order is carried out by the recapture or the arrest that follows it
            self.s.waiting = step
            return
        if current.kind == POLICE:
            self._switch(PRETRIAL, step, facility)
        elif not current.facility:
            current.facility = facility

    def _acquitted_since_order(self) -> bool:
        """The order in force lost its ground to an acquittal, and no conviction came
        since: a new order is a new ground, not a second order for the same one."""
        return self.s.acquitted is not None and not self.s.convicted

    def _under_order(self, i: int, step: Step) -> None:
        if self.s.order is None and self.s.ended_by_review and step.type in (REPLACED, LIFTED):
            self.s.ended_by_review = False  # the lift or replacement that review decided
            return
        ends = step.type in (REPLACED, LIFTED) or (
            step.type == REVIEWED and step.payload.get("outcome") in ("replaced", "lifted")
        )
        if self.s.order is None and self.s.fallen is not None and ends:
            return  # the order an acquittal or the dismissal ended: nothing left to end
        if self.s.order is None:
            later = self._later(i, ORDERED)
            if later is not None:
                raise self._dated_before(step, later, "pretrial detention order")
            if self.s.current is None:
                raise self._not_in_custody(step)
            raise Refusal(
                step,
                "payload.person",
                f"{self.who} is not in pretrial detention on {self.when(step.at)}: no "
                f"detention order is in force, so there is nothing to "
                f"{'extend' if step.type == EXTENDED else 'review, replace or lift'}",
                Words(
                    gettext_noop(
                        "not in pretrial detention on %(when)s: no detention order is in "
                        "force for %(what)s"
                    ),
                    {
                        "when": step.at,
                        "what": self._name(step.type),
                    },
                ),
            )
        if step.type == EXTENDED:
            self._check_until(step)
        if ends:
            self.s.order, self.s.waiting = None, None
            self.s.ground_ended = self.s.ground_ended or step
        self.s.ended_by_review = ends and step.type == REVIEWED

    def _released(self, i: int, step: Step) -> None:
        if self.s.current is None:
            raise self._not_in_custody(step)
        self._free(step)

    def _free(self, step: Step) -> None:
        self._close(step)
        self.s.current, self.s.order, self.s.released = None, None, step
        self.s.ended_by_review, self.s.serving, self.s.ground_ended = False, None, None
        self.s.measure_ended, self.s.fallen = None, None

    def _transferred(self, i: int, step: Step) -> None:
        current = self.s.current
        if current is None:
            raise self._not_in_custody(step)
        current.facility = str(step.payload.get("facility") or "")

    def _escaped(self, i: int, step: Step) -> None:
        current = self.s.current
        if current is None:
            raise self._not_in_custody(step)
        self._close(step)
        self.s.current, self.s.escaped, self.s.escaped_from = None, step, current

    def _recaptured(self, i: int, step: Step) -> None:
        escaped, before = self.s.escaped, self.s.escaped_from
        if escaped is None or before is None:
            later = self._later(i, ESCAPED)
            if later is not None:
                raise self._dated_before(step, later, "escape")
            state = "in custody" if self.s.current is not None else "not at large"
            raise Refusal(
                step,
                "payload.person",
                f"{self.who} is {state} on {self.when(step.at)}: no escape comes before it, "
                f"so there is no one to recapture",
                Words(
                    gettext_noop("no escape comes before %(when)s: there is no one to recapture"),
                    {"when": step.at},
                ),
            )
        self.s.escaped, self.s.escaped_from, self.s.waiting = None, None, None
        self._open(self._kind_now(before.kind), step, before.facility)

    def _sentence_started(self, i: int, step: Step) -> None:
        if not self.s.convicted:
            raise Refusal(
                step,
                "payload.person",
                f"{self.who} has no conviction on record on {self.when(step.at)}: "
                "a sentence starts after a verdict that convicts",
                Words(
                    gettext_noop(
                        "no conviction on record on %(when)s: a sentence starts after a "
                        "verdict that convicts"
                    ),
                    {"when": step.at},
                ),
            )
        serving = self.s.serving
        if serving is not None:
            raise Refusal(
                step,
                "payload.person",
                f"{self.who} is already serving the sentence started on {self.when(serving.at)}",
                Words(
                    gettext_noop("already serving the sentence started on %(since)s"),
                    {"since": serving.at},
                ),
            )
        if self.s.escaped is not None:
            raise self._not_in_custody(step)
        self.s.serving, self.s.waiting = step, None
        facility = str(step.payload.get("facility") or "")
        current = self.s.current
        if current is None:
            self._open(self._kind_now(SENTENCED_APPEAL), step, facility)
        elif facility:
            current.facility = facility

    def _sentence_ended(self, i: int, step: Step) -> None:
        if self.s.serving is None:
            later = self._later(i, SENTENCE_STARTED)
            if later is not None:
                raise self._dated_before(step, later, "start of the sentence")
            raise Refusal(
                step,
                "payload.person",
                f"{self.who} is not serving a sentence on {self.when(step.at)}: no "
                f"{self.label(SENTENCE_STARTED)} comes before it",
                Words(
                    gettext_noop("not serving a sentence on %(when)s: no %(what)s comes before it"),
                    {"when": step.at, "what": self._name(SENTENCE_STARTED)},
                ),
            )
        if self.s.current is None:
            raise self._not_in_custody(step)
        self._free(step)

    def _sentence_computed(self, i: int, step: Step) -> None:
        """The court's computation of the sentence changes no custody: it needs a
        conviction on record, and an end no earlier than the day the sentence started."""
        if not self.s.convicted:
            raise Refusal(
                step,
                "payload.person",
                f"{self.who} has no conviction on record on {self.when(step.at)}: "
                "the court computes a sentence after a verdict that convicts",
                Words(
                    gettext_noop(
                        "no conviction on record on %(when)s: the court computes a sentence "
                        "after a verdict that convicts"
                    ),
                    {"when": step.at},
                ),
            )
        raw, serving = step.payload.get("ends_on"), self.s.serving
        try:
            ends_on = dt.date.fromisoformat(raw) if isinstance(raw, str) else None
        except ValueError:
            ends_on = None
        if ends_on is None or serving is None:
            return
        started = serving.at.astimezone(self.tz).date()
        if ends_on < started:
            raise Refusal(
                step,
                "payload.ends_on",
                f"the sentence cannot end on {ends_on.isoformat()}, before it started "
                f"({started.isoformat()}, {self.label(SENTENCE_STARTED)})",
                Words(
                    gettext_noop(
                        "the sentence cannot end on %(until)s, before the day it started "
                        "(%(day)s): enter the day the court's computation fixed"
                    ),
                    {"until": ends_on, "day": started},
                ),
            )

    def _kind_now(self, otherwise: str) -> str:
        """The kind of custody the person is in, from the verdicts and orders so far."""
        if self.s.convicted:
            return SENTENCED_FINAL if self.s.final else SENTENCED_APPEAL
        if self.s.order is not None:
            return PRETRIAL
        return otherwise

    def _verdict(self, i: int, step: Step) -> None:
        outcome = step.payload.get("outcome")
        self.s.convicted = convicts(outcome)
        self.s.final = False
        self.s.decided = True  # a first-instance decision, whatever it decided
        if not self.s.convicted:
            # an acquittal ends the ground the order gave, and ends an order that no
            # arrest has carried out: nobody is awaited for arrest in this case, and after
            # a retrial the court must order the detention again (no detention without a
            # legal basis: ICCPR art. 9(1)). An order that holds the person is left for
            # its lift, which may follow
            self.s.ground_ended = self.s.ground_ended or step
            if self.s.waiting is not None:
                self.s.order, self.s.fallen = None, self.s.waiting
            self.s.acquitted, self.s.waiting = step, None
        else:
            self.s.acquitted = None
        current = self.s.current
        if self.s.convicted and current is not None and current.kind in UNSENTENCED:
            self._switch(SENTENCED_APPEAL, step)
        elif not self.s.convicted and current is not None and current.kind == SENTENCED_APPEAL:
            # acquitted on appeal while held under the first court's conviction: no longer
            # sentenced, held with no ground until the release (the release watch opens)
            self._switch(PRETRIAL, step)
        else:
            self._mark_decided(step)  # acquitted at first instance while held, say

    def _final(self, i: int, step: Step) -> None:
        self.s.final = self.s.convicted
        current = self.s.current
        if self.s.convicted and current is not None and current.kind != SENTENCED_FINAL:
            self._switch(SENTENCED_FINAL, step)

    def _retrial(self, i: int, step: Step) -> None:
        self.s.convicted = self.s.final = self.s.decided = False
        self.s.acquitted, self.s.measure_ended = None, None
        current = self.s.current
        if current is not None and current.kind == SENTENCED_APPEAL:
            self._switch(PRETRIAL, step)
        else:
            self._mark_decided(step)  # held after an acquittal: awaiting a decision again

    def _mark_decided(self, step: Step) -> None:
        """A change of ``decided`` while held splits the period at ``step``, the kind
        kept: each period is decided, or not, from its start to its end."""
        current = self.s.current
        if current is not None and current.decided != self.s.decided:
            self._switch(current.kind, step)

    def _dismissed(self, i: int, step: Step) -> None:
        """The case dismissed ends every detention order of it: one that no arrest has
        carried out falls, and after a reopening a new order is needed (the stage machine
        refuses an arrest in the closed case). A person still held stays held until the
        release, as after a lift, with no ground: the dismissal ended it."""
        order = self.s.order
        self.s.order, self.s.waiting, self.s.ended_by_review = None, None, False
        self.s.fallen = order or self.s.fallen
        if step.payload.get("reason") == DIED:
            return  # the person died: nobody is to be released (intl's release watch too)
        if self.s.current is not None or self.s.escaped is not None:
            # held, or at large after an escape (the recapture finds them held on nothing)
            self.s.ground_ended = self.s.ground_ended or step

    def _died(self, i: int, step: Step) -> None:
        """The person died while held: the period ends at the death, and nothing of the
        custody record can follow (``_after_death``). Only a person in custody can die in
        custody: one at large after an escape, never arrested, released or under an order
        not carried out is refused (``_not_in_custody``)."""
        if self.s.current is None:
            raise self._not_in_custody(step)
        self._close(step)
        self.s.current, self.s.died = None, step
        self.s.order, self.s.waiting, self.s.serving = None, None, None
        self.s.ground_ended, self.s.measure_ended, self.s.fallen = None, None, None
        self.s.ended_by_review = False

    def _after_death(self, step: Step) -> Refusal:
        died = self.s.died
        assert died is not None
        return Refusal(
            step,
            "payload.person",
            f"{self.who} died in custody on {self.when(died.at)} "
            f"({self.label(DIED_IN_CUSTODY)}, entry {died.seq}): no custody entry can "
            "follow it; if the death was recorded by mistake, correct that entry and tick "
            "“Recorded by mistake: the person did not die” (payload.in_error)",
            Words(
                gettext_noop(
                    "died in custody on %(since)s (%(what)s, entry %(seq)s): no custody "
                    "entry can follow it; if the death was recorded by mistake, correct "
                    "that entry and tick “Recorded by mistake: the person did not die”"
                ),
                {"since": died.at, "what": self._name(DIED_IN_CUSTODY), "seq": died.seq},
            ),
        )

    def _measure_end(self, i: int, step: Step) -> None:
        """A pack's own entry (``ends``) that, when its fields say so, ends the measure
        holding the person: held after it they are held with no ground, even as
        sentenced, until the release (Brazil's reassessment that ends an internment).
        Only a measure that holds the person ends: held, or at large after an escape (the
        recapture finds them held with no ground); recorded after the release it ends
        nothing here, and an arrest later is its own ground."""
        if self.s.current is None and self.s.escaped is None:
            return
        if any(_meets(when, step.payload) for when in self.ends.get(step.type, ())):
            self.s.measure_ended = self.s.measure_ended or step

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
                Words(
                    gettext_noop(
                        "the last day of detention, %(until)s, comes before the order itself "
                        "(%(day)s)"
                    ),
                    {"until": until, "day": day},
                ),
            )

    def _open(self, kind: str, step: Step, facility: str = "") -> None:
        period = Period(
            kind=kind,
            start_seq=step.seq,
            started_at=step.at,
            facility=facility,
            decided=self.s.decided,
        )
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
