"""The custody projection: periods and deadlines, kept in step with the event log.

Registered with ``docket.projection`` (``CustodyConfig.ready``), so it runs inside
``event_record``'s transaction and inside ``rebuild``:

- ``check`` refuses, before the append, a custody event that cannot have happened: a
  release of someone not in custody, a review dated before the order it reviews, an
  arrest of someone already in custody, … (``periods.py`` lists the rules). It also
  refuses an event that would make a later one impossible (a release dated before a
  review already on the record).
- ``check`` also refuses an expunction order (``case.expunged``) while anyone is held
  in custody in the case, or at large (escaped, not recaptured, or under a detention
  order no arrest has carried out yet: still under the criminal process): the order
  hides the case, and with it the detainee's review, order-term and maximum deadlines,
  from everyone the pack's rules do not name (a product safeguard, not a rule of law:
  docs/privacy.md). A sealing stays possible.
- ``role_change`` refuses a correction that would make an accused with a custody
  history (or a deadline the pack starts for them) a victim, a witness, …: their
  periods would count a victim as held (SDG 16.3.2) and their clock would go on.
- ``apply`` recomputes, for every accused of the case with a custody history, their
  periods and their deadlines (the pack's rules, through the deadline engine) from the
  case's events up to this one, and writes only the rows that changed
  (``recompute.py``). Events that neither custody nor any deadline names cost nothing.

Because each recomputation reads the events up to the one being applied, replaying the
log gives the same rows as recording it did: ``rebuild --check`` compares them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from typing import Any

from django.utils.translation import gettext_noop

from expediente.custody import foresight, history, periods
from expediente.custody.extension_limit import refuse_unconfirmed
from expediente.custody.models import CustodyPeriod, Deadline
from expediente.custody.recompute import recompute_case
from expediente.custody.selectors import orders_awaiting_arrest
from expediente.docket.errors import InvalidInput, Words, later_entry
from expediente.docket.models import Case, Event, Participation
from expediente.docket.selectors import correction_root, latest_versions
from expediente.rules.loader import load_pack
from expediente.rules.schema import Pack

DEADLINE_FIELDS = (
    "court__code",
    "rule_id",
    "pack_version",
    "subject",
    "cycle",
    "counting",
    "effect",
    "start_at",
    "start_seq",
    "start_type",
    "due_at",
    "due_on",
    "alert_from",
    "open",
    "satisfied_at",
    "satisfied_seq",
    "satisfied_type",
    "stopped_at",
    "stopped_seq",
    "stopped_type",
    "suspended_since",
    "missed_at",
    "owed_by",
    "fact_seqs",
    "alerts",
    "alert_roles",
    "label",
    "law",
    "explanation",
    "plain",
    "detail",
    "priority",
    "holidays_version",
    "computed_seq",
    "computed_at",
)
EXPUNGED = "case.expunged"  # an expunction order (access/sealing.py)
ESCAPED = periods.ESCAPED  # a period that ended so leaves its person at large
ACCUSED = "accused"  # the role custody events name (their ``person`` field)
PERIOD_FIELDS = (
    "court__code",
    "person__uid",
    "kind",
    "started_at",
    "ended_at",
    "end_seq",
    "end_type",
    "facility",
    "decided",
)


# the names of the values of ``snapshot``'s rows, by kind of row (docket/projection.py)
SNAPSHOT_COLUMNS = {
    "period": PERIOD_FIELDS,
    "deadline": ("case__nuid", "participation__uid", *DEADLINE_FIELDS),
}


class CustodyProjector:
    name = "custody"
    columns = SNAPSHOT_COLUMNS

    def check(
        self,
        case: Case,
        type_name: str,
        payload: dict[str, Any],
        occurred_at: dt.datetime,
        corrects_seq: int | None = None,
    ) -> None:
        if type_name == EXPUNGED and corrects_seq is None:
            _refuse_expunction_while_held(case)
            return
        foresight.refuse_unconfirmed(case, type_name, payload, occurred_at, corrects_seq)
        refuse_unconfirmed(case, type_name, payload, occurred_at, corrects_seq)
        if corrects_seq is None and periods.in_error(type_name, payload):
            raise InvalidInput.of(
                f"payload.{periods.IN_ERROR}",
                Words(
                    gettext_noop(
                        "only a correction of the entry can say it was recorded by mistake"
                    ),
                    {},
                ),
                f"payload.{periods.IN_ERROR}: only a correction of the entry can say it "
                "was recorded by mistake",
            )
        if type_name not in periods.TYPES and not _custody_kind(type_name):
            return
        pack = load_pack(case.court.rule_pack)
        view = history.pack_view(pack, case.procedure)
        field = view.subjects.get(type_name, "person")
        person = payload.get(field)
        if type_name not in periods.CHECKED:
            if isinstance(person, str) and _about_custody(pack, type_name):
                _refuse_after_death(case, pack, field, person, occurred_at, corrects_seq)
            if type_name not in periods.TYPES or corrects_seq is None:
                return
        before = history.case_history(case, view, types=periods.TYPES)
        seq = correction_root(case, corrects_seq) if corrects_seq is not None else case.last_seq + 1
        subject = person if isinstance(person, str) else None
        new = history.Entry(seq, type_name, occurred_at, payload, subject)
        kept = [e for e in before if e.seq != seq]
        # a death the correction says was recorded by mistake is read as none
        after = sorted(
            kept if periods.in_error(type_name, payload) else [*kept, new],
            key=lambda e: (e.at, e.seq),
        )
        if type_name in periods.CHECKED and subject is not None:
            _refuse_what_cannot_be(pack, subject, before, after, new)
        died = type_name == periods.DIED_IN_CUSTODY and not periods.in_error(type_name, payload)
        if died and subject is not None:
            _refuse_death_before_later_entries(case, pack, view, subject, occurred_at, seq)
        # a correction that names another person takes the entry from the one it named:
        # what of theirs came after it must still have been possible without it
        was = next((e.subject for e in before if e.seq == seq), None)
        if corrects_seq is not None and was is not None and was != subject:
            _refuse_what_cannot_be(
                pack, was, before, after, new, moved_from=True, field=f"payload.{field}"
            )

    def role_change(self, case: Case, pack: Pack, participant: str, was: str, becomes: str) -> None:
        """Refuse to make someone the custody record names as the accused anything else
        (one query, only for a correction that changes an accused's role)."""
        if was != ACCUSED or becomes == ACCUSED:
            return
        view = history.pack_view(pack, case.procedure)
        named = sorted(
            e.seq
            for e in history.case_history(case, view)
            if e.subject == participant
            and e.type != history.PARTICIPANT  # the entry being corrected
            and (e.type in periods.CUSTODY_EVENTS or e.type in view.start_types)
        )
        if not named:
            return
        entries = ", ".join(str(seq) for seq in named)
        raise InvalidInput.of(
            "payload.role",
            Words(
                gettext_noop(
                    "may not change from accused while the custody record names this "
                    "participant (entries %(entries)s): correct those entries first"
                ),
                {"entries": entries},
            ),
            f"participant {participant!r} is the accused of custody entries {entries}: "
            "correct them to name another accused before correcting the role",
        )

    def quiet(self, case: Case, type_name: str, pack: Pack) -> bool:
        """Nothing to keep for a new entry of a type that changes no custody period or
        deadline in this case's procedure (``apply`` recomputes only for those)."""
        return type_name not in history.pack_view(pack, case.procedure).relevant

    def apply(self, case: Case, event: Event, pack: Pack) -> None:
        view = history.pack_view(pack, case.procedure)
        if event.type in view.relevant or (
            event.type == "case.opened" and event.corrects_seq is not None
        ):
            recompute_case(case, pack, view, event)

    def reset(self) -> None:
        Deadline.objects.all().delete()
        CustodyPeriod.objects.all().delete()

    def snapshot(self) -> dict[Hashable, tuple[Any, ...]]:
        out: dict[Hashable, tuple[Any, ...]] = {}
        periods_rows = CustodyPeriod.objects.values_list(
            "case__nuid", "participation__uid", "start_seq", *PERIOD_FIELDS
        )
        for nuid, uid, start_seq, *rest in periods_rows.iterator():
            out[("period", nuid, uid, start_seq)] = tuple(rest)
        deadline_rows = Deadline.objects.values_list("key", *SNAPSHOT_COLUMNS["deadline"])
        for key, *rest in deadline_rows.iterator():
            out[("deadline", key)] = tuple(rest)
        return out


def _refuse_expunction_while_held(case: Case) -> None:
    """Refuse to expunge a case while someone is held in it (an open custody period) or
    at large (their last period ended in an escape, with no recapture since, or a
    detention order awaits their arrest): the order would take the case, and the
    person's deadlines with it, from the clerks' pages and due lists for good, and
    someone at large is still under the criminal process. Two queries, only for an
    expunction order."""
    latest: dict[int, CustodyPeriod] = {}
    rows = (
        CustodyPeriod.objects.filter(case_id=case.pk)
        .select_related("participation__person")
        .order_by("started_at", "start_seq")
    )
    for p in rows:
        latest[p.participation_id] = p  # the last one wins: each person's latest period

    def named(ps: list[CustodyPeriod]) -> str:
        return ", ".join(
            sorted({f"{p.participation.uid} ({p.participation.person.display_name})" for p in ps})
        )

    held = named([p for p in latest.values() if p.ended_at is None])
    at_large = named([p for p in latest.values() if p.ended_at and p.end_type == ESCAPED])
    if held:
        raise InvalidInput.of(
            "type",
            Words(
                gettext_noop(
                    "a case cannot be expunged while someone is held in custody in it "
                    "(held now: %(people)s). Record their release first."
                ),
                {"people": held},
            ),
            f"type: a case cannot be expunged while someone is held in custody in it "
            f"(held now: {held}); record their release first",
        )
    if at_large:
        raise InvalidInput.of(
            "type",
            Words(
                gettext_noop(
                    "a case cannot be expunged while someone in it is at large (escaped, "
                    "not recaptured: %(people)s): they are still under the criminal process. "
                    "Record their recapture first."
                ),
                {"people": at_large},
            ),
            f"type: a case cannot be expunged while someone in it is at large (escaped, "
            f"not recaptured: {at_large}); record their recapture first",
        )
    wanted = _wanted(case)
    if wanted:
        raise InvalidInput.of(
            "type",
            Words(
                gettext_noop(
                    "a case cannot be expunged while a detention order against someone in "
                    "it awaits their arrest (%(people)s): they are still under the criminal "
                    "process. Record the arrest, or the lifting of the order, first."
                ),
                {"people": wanted},
            ),
            f"type: a case cannot be expunged while a detention order against someone in "
            f"it awaits their arrest ({wanted}); record the arrest, or the lifting of the "
            f"order, first",
        )


def _wanted(case: Case) -> str:
    """The people of the case under a detention order no arrest has carried out yet,
    named as the expunction refusals name them ("P1 (José Pérez Mora)"), or ""."""
    uids = {a.participant for a in orders_awaiting_arrest(case)}
    if not uids:
        return ""
    rows = Participation.objects.filter(case_id=case.pk, uid__in=uids).select_related("person")
    return ", ".join(sorted(f"{p.uid} ({p.person.display_name})" for p in rows))


# entries about someone's custody outside those the custody record reads (a custody
# hearing requested, a review requested, Brazil's reassessment of an internment, the
# consular entries): none can name a person after their death in custody
CUSTODY_PREFIXES = ("custody.", "consular.")
CUSTODY_GROUP = "custody"


def _custody_kind(type_name: str) -> bool:
    """Is the type, by its name, about someone's custody (``CUSTODY_PREFIXES``)? The
    cheap test made on every entry before the pack is read."""
    return type_name.startswith(CUSTODY_PREFIXES)


def _about_custody(pack: Pack, type_name: str) -> bool:
    """Is the type about someone's custody: ``custody.*`` and ``consular.*`` entries,
    and the pack's entries of the ``custody`` group? Petitions, notes, verdicts and the
    case's dismissal or closing are not."""
    if _custody_kind(type_name):
        return True
    event_type = pack.event_types.get(type_name)
    return event_type is not None and event_type.group == CUSTODY_GROUP


def _refuse_death_before_later_entries(
    case: Case,
    pack: Pack,
    view: history.PackView,
    person: str,
    occurred_at: dt.datetime,
    seq: int,
) -> None:
    """Refuse a death (new, or a correction saying the person did die after all) dated
    before an entry about the person's custody that the custody record does not replay
    (a review requested, a consular entry: ``_refuse_after_death`` refuses those when
    they come after a death; recorded while the death read as a mistake, they would be
    left dated after it). One query, only for a death."""
    latest, _origin = latest_versions(case, None)
    later = [
        e
        for e in latest.values()
        if e.seq != seq
        and e.type not in periods.CHECKED
        and _about_custody(pack, e.type)
        and e.payload.get(view.subjects.get(e.type, "person")) == person
        and (e.at, e.seq) > (occurred_at, seq)
    ]
    if not later:
        return
    first = min(later, key=lambda e: (e.at, e.seq))
    label = pack.event_types[first.type].label if first.type in pack.event_types else {}
    message = (
        f"participant {person}'s entry {first.seq} ({first.type}, {first.at.isoformat()}) "
        "about their custody is dated after this death: a death ends every custody entry "
        "after it; correct or date that entry first"
    )
    raise InvalidInput(
        f"occurred_at: {message}",
        errors=[{"field": "occurred_at", "message": message}],
        words={
            "occurred_at": Words(
                gettext_noop(
                    "entry %(seq)s (%(what)s, %(when)s) about this person's custody is dated "
                    "after this death: correct that entry first"
                ),
                {"seq": first.seq, "what": dict(label), "when": first.at},
            )
        },
    )


def _refuse_after_death(
    case: Case,
    pack: Pack,
    field: str,
    person: str,
    occurred_at: dt.datetime,
    corrects_seq: int | None,
) -> None:
    """Refuse an entry about ``person``'s custody dated after their death in custody
    (the period the custody record ended at it; a death corrected as recorded by
    mistake ends none). One query, only for such an entry."""
    died = (
        CustodyPeriod.objects.filter(
            case_id=case.pk, participation__uid=person, end_type=periods.DIED_IN_CUSTODY
        )
        .values_list("ended_at", "end_seq")
        .first()
    )
    died_at, died_seq = died if died is not None else (None, None)
    if died_at is None:
        return
    seq = correction_root(case, corrects_seq) if corrects_seq is not None else case.last_seq + 1
    if (occurred_at, seq) <= (died_at, died_seq or 0):
        return
    tz = history.calendar_zone(pack)
    label = pack.event_types[periods.DIED_IN_CUSTODY].label
    message = (
        f"participant {person} died in custody on {died_at.astimezone(tz):%Y-%m-%d %H:%M} "
        f"(“{label.get('en') or periods.DIED_IN_CUSTODY}”, entry {died_seq}): no entry about "
        "their custody can follow it; if the death was recorded by mistake, correct that "
        "entry and tick “Recorded by mistake: the person did not die” (payload.in_error)"
    )
    raise InvalidInput(
        f"payload.{field}: {message}",
        errors=[{"field": f"payload.{field}", "message": message}],
        words={
            f"payload.{field}": Words(
                gettext_noop(
                    "died in custody on %(since)s (%(what)s, entry %(seq)s): no custody "
                    "entry can follow it; if the death was recorded by mistake, correct "
                    "that entry and tick “Recorded by mistake: the person did not die”"
                ),
                {"since": died_at, "what": dict(label), "seq": died_seq},
            )
        },
    )


def _refuse_what_cannot_be(
    pack: Pack,
    person: str,
    before: list[history.Entry],
    after: list[history.Entry],
    new: history.Entry,
    *,
    moved_from: bool = False,
    field: str = "payload.person",
) -> None:
    """Raise InvalidInput if the new event, or an event after it that was possible
    without it, cannot have happened. Events that were already impossible (a history
    recorded before these checks) are not held against the new one. ``moved_from``:
    ``person`` is the one a correction takes the entry from (it now names another):
    a later entry of theirs it leaves impossible is refused naming the entry's subject
    field (``field``: ``payload.accused`` for a verdict)."""
    tz = history.calendar_zone(pack)
    labels = {name: et.label.get("en") or name for name, et in pack.event_types.items()}
    names = {name: dict(et.label) for name, et in pack.event_types.items()}
    who = f"participant {person}"

    def found(entries: list[history.Entry]) -> list[periods.Refusal]:
        steps = history.person_steps(entries, person)
        return periods.refusals(steps, tz=tz, who=who, labels=labels, names=names)

    known = {r.step.seq for r in found(before)}
    for refusal in found(after):
        if refusal.step.seq == new.seq and refusal.step.type == new.type:
            raise InvalidInput(
                f"{refusal.field}: {refusal.message}",
                errors=[{"field": refusal.field, "message": refusal.message}],
                words={refusal.field: refusal.words} if refusal.words else None,
            )
        if refusal.step.seq not in known and moved_from:
            later = labels.get(refusal.step.type, refusal.step.type)
            message = (
                f"this correction takes the entry from participant {person}, and their "
                f"later entry {refusal.step.seq} (“{later}”) could not have happened "
                f"without it: {refusal.message}"
            )
            raise InvalidInput(
                f"{field}: {message}",
                errors=[{"field": field, "message": message}],
                words={
                    field: Words(
                        gettext_noop(
                            "this correction takes the entry from participant %(person)s, "
                            "and their later entry %(seq)s (%(label)s) could not have "
                            "happened without it: %(why)s"
                        ),
                        {
                            "person": person,
                            "seq": refusal.step.seq,
                            "label": names.get(refusal.step.type) or later,
                            "why": refusal.words or refusal.message,
                        },
                    )
                },
            )
        if refusal.step.seq not in known:
            later = labels.get(refusal.step.type, refusal.step.type)
            message = (
                f"with this event on {new.at.astimezone(tz):%Y-%m-%d %H:%M}, the later "
                f"entry {refusal.step.seq} (“{later}”) could not have happened: "
                f"{refusal.message}"
            )
            raise InvalidInput(
                f"occurred_at: {message}",
                errors=[{"field": "occurred_at", "message": message}],
                words={
                    "occurred_at": later_entry(
                        refusal.step.seq, refusal.words, names.get(refusal.step.type), new.at
                    )
                }
                if refusal.words
                else None,
            )
