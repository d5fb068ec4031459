"""Everything a participant's case page shows, from the point of view of one participation:
where the case stands and what that means, what happens next, the participant's rights,
the next hearing, the detention clock they may see, and the history in plain words.

Whether the case exists for the participant and whose real name they see is decided by
the rule pack's disclosure rules (``access/disclosure.py``, which also logs the read);
who sees whose detention clock in ``portal/privacy.py``.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from expediente.access.detention_part import DetentionPart
from expediente.access.disclosure import (
    CaseView,
    disclose,
    free_text_fields,
    participant_audience,
)
from expediente.access.policy import Actor
from expediente.access.readable import may_read
from expediente.api.present import localized
from expediente.court.missed.lines import MissedLine, missed_line
from expediente.court.pages import labels
from expediente.court.pages.hearings import hearing_sittings, next_sitting, parse_when
from expediente.court.pages.labels import event_type_label, option_label, role_label
from expediente.custody.consular import COUNSEL, consular_duties, speaks_for
from expediente.custody.models import Deadline, OwedBy
from expediente.custody.periods import (
    ARRESTED,
    BASELINE_GROUND_ENDS,
    DIED_IN_CUSTODY,
    DISMISSED,
    HEARING,
    RECAPTURED,
    RETRIAL,
    VERDICT,
    in_error,
)
from expediente.custody.selectors import ClockDeadline, custody_clock, death_law
from expediente.docket.counsel import ACTS_FOR, clients_of
from expediente.docket.errors import NotFound
from expediente.docket.models import Case, Event, Participation
from expediente.docket.professional_roles import OFFICE_ROLES
from expediente.docket.standing import GUARDIAN, VICTIM_SIDE_WARDS, Standing
from expediente.petitions.models import Petition
from expediente.portal import explanations, petition_lines
from expediente.portal.addressing import Reader, reader_for
from expediente.portal.custody_status import custody_lines
from expediente.portal.privacy import Seen, Subject, Viewer, custody_line_shown, seen_by
from expediente.portal.public.finality import finality_of
from expediente.rules.citation import cite_law, cite_laws
from expediente.rules.loader import load_pack
from expediente.rules.schema import Pack

SHOWN_FIELD_TYPES = ("participant", "choice", "date", "datetime")


@dataclass(frozen=True)
class NextHearing:
    starts_local: dt.datetime
    kind: str
    courtroom: str
    means: str


@dataclass(frozen=True)
class DeadlineLine:
    label: str
    due_local: dt.datetime
    last_day: dt.date | None  # for deadlines counted in days
    status: str
    law: str
    to_confirm: bool
    explanation: str
    # in plain words (``rules.deadline_text.plain``): the date first, then why; both ""
    # and [] for a row computed before they were written (the page then shows the
    # full sentence under its own heading)
    head: str = ""
    why: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    """A legal source of the deadlines a clock shows, cited once for all of them. The
    sources of the court's service targets (``flag: policy``: the release once the
    ground ended) are cited apart and marked so: the law they cite gives no number, the
    date is the court's, not a legal limit (the staff pages say it the same way)."""

    citation: str
    to_confirm: bool
    service_target: bool = False


@dataclass(frozen=True)
class Clock:
    name: str
    in_custody: bool
    days: int
    summary: str
    review: DeadlineLine | None
    maximum: DeadlineLine | None
    order: DeadlineLine | None = None  # the last day the detention order states
    # other legal limits (a juvenile's non-custodial measures, …): not the maximum of
    # detention, each read in its own words
    others: list[DeadlineLine] = field(default_factory=list)
    # where the law says what the deadlines above say, each source once
    sources: list[Source] = field(default_factory=list)
    # a foreign national held: their right to consular notification, in plain words
    # (to the person themselves, or about them to their defence; "" for anyone else),
    # and when the record says their consulate was informed
    consular_right: str = ""
    consulate_informed: dt.datetime | None = None
    # held now past the day the sentence ends, as the court computed it: that day
    sentence_ended_on: dt.date | None = None
    # held although the court ended the ground for holding them (the order lifted or
    # replaced, an acquittal): the court's target for the release, in its plain words
    release: DeadlineLine | None = None
    # ... and that target has passed: the moment the ground ended
    ground_ended_at: dt.datetime | None = None
    # ... counted from a retrial that put them back in pretrial detention with no order
    # in force (the watch opens again there: ``ground_ended_at`` is the retrial's moment)
    ground_ended_by_retrial: bool = False
    # ... counted from the recapture of a person whose ground had ended (the watch opens
    # again there: ``ground_ended_at`` is the recapture's moment)
    ground_ended_by_recapture: bool = False
    # ... counted from a custody hearing that ordered no detention (no order ever held
    # them: the page does not say that the court ended one)
    ground_ended_by_hearing: bool = False
    # ... counted from the case's dismissal, which ended every detention order of it
    ground_ended_by_dismissal: bool = False
    # ... counted from a recapture (``ground_ended_by_recapture``) of a person whose
    # ground a custody hearing had ended: its moment (no order ever held them)
    recaptured_after_hearing_of: dt.datetime | None = None
    # ... counted from a recapture of a person whose measure an entry of the pack's own
    # had ended (Brazil's reassessment that ends an internment): its label and moment
    recaptured_after_entry: str = ""
    recaptured_after_entry_of: dt.datetime | None = None
    # ... counted from an arrest (even in the act) of a person acquitted with no new
    # order in force since: the verdict's moment (no order of this case holds them)
    arrested_after_acquittal_of: dt.datetime | None = None
    # ... counted from an entry of the pack's own that ended the measure holding them
    # (Brazil's reassessment that ends an internment): that entry's label, so the page
    # does not say that a detention order ended
    ground_ended_by_entry: str = ""
    # the deadlines of this person in this case that the court let run out (met late,
    # never met, extended after they had run out: ``custody.missed``), the latest first
    missed: list[MissedLine] = field(default_factory=list)
    # the person died in custody: when (on the court's clock) and where, as recorded;
    # the page says so plainly, with no clock and nothing to ask for their release
    died_at: dt.datetime | None = None
    died_place: str = ""
    # where the law says an independent inquiry into the death is owed, and whether
    # that source is still to be confirmed
    death_law: str = ""
    death_law_to_confirm: bool = False

    @property
    def missed_by_prosecution(self) -> bool:
        """Was one of ``missed`` the prosecution's to do (the page then says that the
        court watches over the prosecution too)?"""
        return any(m.owed_by == OwedBy.PROSECUTION for m in self.missed)

    @property
    def limits(self) -> list[tuple[str, DeadlineLine]]:
        """The clock's limits as (kind, line), the soonest first (the court's due list
        orders them so too): an order expiring before the next review reads first."""
        found = [("review", self.review), ("order", self.order), ("maximum", self.maximum)]
        found += [("release", self.release)]
        found += [("limit", line) for line in self.others]
        present = [(kind, line) for kind, line in found if line is not None]
        return sorted(present, key=lambda kl: kl[1].due_local)


@dataclass
class Item:
    seq: int
    when_local: dt.datetime
    label: str
    means: str
    details: list[str]
    corrects: Item | None = None
    corrected: bool = False
    new: bool = False  # recorded since the reader's last visit (/my/: ``last_seen``)
    # the entry's free text ("Reasons: …"), for a reader whose rules show the record's
    # free text (the prosecution: rule ``prosecution_party``); [] for everyone else
    text: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RecordPerson:
    """Someone in the case with the details the reader's rules show of them: the identity
    document and date of birth only where the real name is shown too
    (``CaseView.person``); "" where not shown or not recorded."""

    name: str
    role: str
    id_number: str
    date_of_birth: dt.date | None


@dataclass
class ParticipantCase:
    case: Case
    court_name: str
    tz: str  # the court's time zone: every time on the page is on its clock
    viewer_name: str
    viewer_role: str
    stage: str
    stage_means: str
    stage_next: str
    rights: list[explanations.Rights]
    next_hearing: NextHearing | None
    clocks: list[Clock]
    timeline: list[Item] = field(default_factory=list)
    # the disclosure made for this page (its read already logged), for other panels
    disclosed: CaseView | None = None
    last_seq: int = 0  # the case's last entry when the page was read (shown or not)
    # whom the page speaks to, and for whom they act (``portal/addressing.py``)
    reader: Reader = field(default_factory=lambda: Reader(role=""))
    # a sealed case read only for the detention of someone held whom the reader speaks
    # for (``access/detention_part.py``): no stage, hearing or other entry is shown
    detention_part: bool = False
    # the people of the case with their identity documents and dates of birth, for a
    # reader whose rules show those (the prosecution); [] for everyone else
    record: list[RecordPerson] = field(default_factory=list)
    # near the top of a victim's page: whether each accused is held or free, from the
    # custody entries of her own history (``portal/custody_status.py``)
    custody_status: list[str] = field(default_factory=list)

    @property
    def only_deaths(self) -> bool:
        """Every person whose clock the page shows died in custody (a sealed case's
        detention part then speaks of no petition and no release to come)."""
        return bool(self.clocks) and all(c.died_at is not None for c in self.clocks)


def participant_case(
    *,
    case: Case,
    participant: str,
    now: dt.datetime,
    actor: Actor | None = None,
    acting_as: str = "",
) -> ParticipantCase:
    """The case as ``participant`` (a participant id of ``case``) may see it; NotFound
    if that participant is not in the case. ``actor``: the account reading through the
    participation (a lawyer's, on /my/), logged as the reader; None for the access code.
    ``acting_as``: the role the page addresses its reader in, when it is not the
    participation's (a lawyer's account reading through her client's: the lawyer)."""
    pack = load_pack(case.court.rule_pack)
    tz = ZoneInfo(case.court.timezone)
    people = {p.uid: p for p in Participation.objects.filter(case=case).select_related("person")}
    me = people.get(participant)
    if me is None:
        raise NotFound(f"no participant {participant!r} in case {case.nuid}")
    disclosed = disclose(
        participant_audience(participant=me.uid, role=me.role, actor=actor),
        case,
        channel="portal",
        pack=pack,
    )
    if not disclosed.visible:  # e.g. sealed: gone from every view outside the court
        raise NotFound(f"no case {case.nuid!r}")
    # sealed, but the reader speaks for someone held: only the detention part of it
    part = (
        DetentionPart(me.uid, disclosed.facts.held, case=case)
        if _detention_only(disclosed)
        else None
    )
    # a guardian's ward, when the docket records one (docket/standing.py)
    ward = people.get(me.stands_for) if me.role == GUARDIAN and me.stands_for else None
    victim_side = ward is not None and ward.role in VICTIM_SIDE_WARDS
    viewer = Viewer(participant=me.uid, role=me.role, victim_side=victim_side)
    seen = {uid: _seen(viewer, p, pack, disclosed) for uid, p in people.items()}
    juvenile = case.procedure == "juvenile"
    reader = reader_for(
        acting_as or me.role,
        juvenile=juvenile,
        accused=[disclosed.name(p) for p in people.values() if p.role == "accused"],
        ward=(disclosed.name(ward), "victim" if victim_side else "accused") if ward else None,
    )
    events = list(Event.objects.filter(case=case).order_by("seq"))
    upcoming = next_sitting(hearing_sittings(events), now) if part is None else None
    stage_label = localized(pack.stage(case.stage).label) if _has_stage(pack, case.stage) else None
    stage_means = explanations.stage_means(pack, case.stage)
    stage_next = explanations.stage_next(case.stage)
    if case.stage == labels.ENFORCEMENT and finality_of(events) == "acquitted":
        # no sentence to follow: what comes next is what comes after a closed case
        stage_label, stage_means = (str(t) for t in labels.ACQUITTED_FINAL)
        stage_next = explanations.stage_next("closed")
    person_clocks = custody_clock(case=case, now=now)
    # the rights of an accused person are not told to the family of one who died in
    # custody (QA: the page went on listing a detained person's rights after the death)
    died = {c.participant for c in person_clocks if c.died_at is not None}
    about = ward.uid if ward is not None else me.uid
    rights = [] if about in died else explanations.rights(reader)
    standing = Standing(
        me.uid, me.role, ward.uid if ward else "", ward.role if ward else "", clients_of(me)
    )
    custody_status = (
        custody_lines(
            # the entries her timeline shows her (``_timeline``'s rule), and no other
            [e for e in events if may_read(standing, e.type, e.payload)],
            accused={uid: seen[uid].name for uid, p in people.items() if p.role == "accused"},
            pack=pack,
            procedure=case.procedure,
            tz=tz,
        )
        if part is None and custody_line_shown(viewer)
        else []
    )
    return ParticipantCase(
        case=case,
        court_name=case.court.name,
        tz=case.court.timezone,
        viewer_name=seen[me.uid].name,
        viewer_role=role_label(pack, me.role),
        # the detention part shows no stage (``access.disclosure.detention_only``)
        stage="" if part else stage_label or case.stage.replace("_", " "),
        stage_means="" if part else stage_means,
        stage_next="" if part else stage_next,
        rights=rights,
        next_hearing=NextHearing(
            starts_local=upcoming.starts_at.astimezone(tz),
            kind=option_label(upcoming.kind) if upcoming.kind else "",
            courtroom=upcoming.courtroom,
            means=explanations.hearing_means(upcoming.kind),
        )
        if upcoming
        else None,
        clocks=_with_consular_right(
            _with_missed(
                [
                    (c.participant, _clock(c, seen[c.participant].name, tz, now, pack))
                    for c in person_clocks
                    if c.participant in seen
                    and seen[c.participant].custody
                    and (part is None or c.participant in part.held)
                ],
                case,
                part,
            ),
            case,
            pack,
            me,
            acting_as or me.role,
        ),
        timeline=_timeline(
            events,
            pack,
            seen,
            tz,
            standing,
            receipts=_receipts(case, me.uid),
            disclosed=disclosed,
            people=people,
            part=part,
        ),
        disclosed=disclosed,
        last_seq=events[-1].seq if events else 0,
        reader=reader,
        detention_part=part is not None,
        record=_record(pack, people, disclosed) if part is None else [],
        custody_status=custody_status,
    )


def _record(
    pack: Pack, people: dict[str, Participation], disclosed: CaseView
) -> list[RecordPerson]:
    """The case's people with their documents and dates of birth, when the rules show
    this reader either (the read is logged with the page's, by ``disclose``): the people
    of the facts, not those the case names for their office (a lawyer's or a judge's
    document is not the prosecution's business: ``OFFICE_ROLES``)."""
    if not (disclosed.shown.identifiers or disclosed.shown.birth_dates):
        return []
    out = []
    facts = (p for p in people.values() if p.role not in OFFICE_ROLES)
    for p in sorted(facts, key=lambda p: p.added_seq):
        shown = disclosed.person(p)
        born = shown["date_of_birth"]
        out.append(
            RecordPerson(
                name=shown["name"] or role_label(pack, p.role),
                role=role_label(pack, p.role),
                id_number=shown["id_number"],
                date_of_birth=dt.date.fromisoformat(born) if born else None,
            )
        )
    return out


def _detention_only(disclosed: CaseView) -> bool:
    return disclosed.shown.part == "detention"


def _has_stage(pack: Pack, stage: str) -> bool:
    return any(s.id == stage for s in pack.stages)


def _seen(viewer: Viewer, p: Participation, pack: Pack, disclosed: CaseView) -> Seen:
    subject = Subject(participant=p.uid, role=p.role, name=disclosed.name(p))
    return seen_by(viewer, subject, role_label(pack, p.role))


def _deadline(d: ClockDeadline | None, tz: ZoneInfo) -> DeadlineLine | None:
    if d is None:
        return None
    law = d.row.law or {}
    return DeadlineLine(
        label=d.label,
        due_local=d.due_at.astimezone(tz),
        last_day=d.row.due_on if d.row.counting != "continuous" else None,
        status=d.status,
        law=cite_law(law, get_language() or "en"),
        to_confirm=law.get("flag") == "P",
        explanation=d.explanation,
        head=d.plain[0] if d.plain else "",
        why=d.plain[1:],
    )


def _clock(c: Any, name: str, tz: ZoneInfo, now: dt.datetime, pack: Pack) -> Clock:
    law, to_confirm = death_law(pack) if c.died_at is not None else ("", False)
    shown = [d for d in (c.next_review, c.order_term, c.maximum, c.release) if d is not None]
    shown += c.other_limits
    release, end = c.release, c.release_ground_end
    by_entry = end is not None and end.type not in BASELINE_GROUND_ENDS
    return Clock(
        name=name,
        sentence_ended_on=c.sentence_end.row.due_on if c.held_past_sentence(now) else None,
        release=_deadline(release, tz),
        ground_ended_at=(
            release.row.start_at.astimezone(tz)
            if release is not None and release.due_at <= now
            else None
        ),
        ground_ended_by_retrial=release is not None and release.row.start_type == RETRIAL,
        ground_ended_by_recapture=release is not None and release.row.start_type == RECAPTURED,
        ground_ended_by_hearing=release is not None and release.row.start_type == HEARING,
        ground_ended_by_dismissal=release is not None and release.row.start_type == DISMISSED,
        ground_ended_by_entry=(
            event_type_label(pack, release.row.start_type)
            if release is not None and release.row.start_type not in BASELINE_GROUND_ENDS
            else ""
        ),
        recaptured_after_hearing_of=(
            end.at.astimezone(tz) if end is not None and end.type == HEARING else None
        ),
        recaptured_after_entry=(
            event_type_label(pack, end.type) if by_entry and end is not None else ""
        ),
        recaptured_after_entry_of=end.at.astimezone(tz) if by_entry and end else None,
        arrested_after_acquittal_of=(
            end.at.astimezone(tz)
            if release is not None
            and release.row.start_type == ARRESTED
            and end is not None
            and end.type == VERDICT
            else None
        ),
        in_custody=c.in_custody,
        days=c.days,
        summary=c.summary,
        review=_deadline(c.next_review, tz),
        maximum=_deadline(c.maximum, tz),
        order=_deadline(c.order_term, tz),
        others=[line for d in c.other_limits if (line := _deadline(d, tz)) is not None],
        sources=_sources([d.row.law or {} for d in shown]),
        died_at=c.died_at.astimezone(tz) if c.died_at is not None else None,
        died_place=c.died_place,
        death_law=law,
        death_law_to_confirm=to_confirm,
    )


def _sources(laws: list[dict[str, Any]]) -> list[Source]:
    """Each source once, the limits set by law first, then those of the court's service
    targets (``flag: policy``), apart even when they cite the same text: a citation
    shared by a legal limit and a target would otherwise read as a legal limit."""
    language = get_language() or "en"
    out = []
    for target in (False, True):
        own = [law for law in laws if (law.get("flag") == "policy") == target]
        out += [
            Source(citation, any(law.get("flag") == "P" for law in cited), target)
            for citation, cited in cite_laws(own, language)
        ]
    return out


PETITION_FILED = "petition.filed"  # starts a petition's answer deadline (petitions/answer_rules)
JUDGE = "judge"  # a deadline the rules alert the judge of is the court's to meet
CUSTODY_ENTRY = "custody."  # the custody entries, which a sealed case's detention part shows


def _with_missed(
    clocks: list[tuple[str, Clock]], case: Case, part: DetentionPart | None
) -> list[tuple[str, Clock]]:
    """Each clock with the deadlines of its person in this case that ran out (one query
    for the page): what a family needs to know to ask the court why, or to file a habeas
    corpus. Only the custody deadlines the court's rules alert the judge of (not the
    answers to petitions, which the petitions panel shows to those who may read them:
    the reader sees the person's clock, and need not learn from this list that the
    person petitioned), the court's own and the prosecution's (Costa Rica's CPP art. 238
    request for the custody hearing), each line saying whose it was (``owed_by``); not
    an obligation of the person's own, which is not what the state did late. In a sealed case's
    detention part, only those met or ended by custody entries (the part shows no
    other: a final judgment's date is not the reader's to read there)."""
    if not clocks:
        return clocks
    rows = (
        Deadline.objects.filter(
            case=case, participation__uid__in=[uid for uid, _c in clocks], missed_at__isnull=False
        )
        .exclude(start_type=PETITION_FILED)
        .select_related("participation")
    )
    by_person: dict[str, list[MissedLine]] = {}
    for d in sorted(rows, key=lambda d: (d.missed_at, d.pk), reverse=True):
        if JUDGE not in (d.alert_roles or []) or d.owed_by == OwedBy.PERSON:
            continue  # not something the court supervises, or the person's own to do
        line = missed_line(d, case.court, "")
        if part is not None and not line.ended_type.startswith(CUSTODY_ENTRY):
            continue
        by_person.setdefault(d.participation.uid, []).append(line)
    return [(uid, replace(c, missed=by_person.get(uid, []))) for uid, c in clocks]


def _with_consular_right(
    clocks: list[tuple[str, Clock]], case: Case, pack: Pack, me: Participation, role: str
) -> list[Clock]:
    """The clocks, each of a foreign national held telling the person (or the defence
    acting for them, or the guardian standing for them) of the right to consular
    notification (custody/consular.py, ``speaks_for``, as for the consular entries).
    Nobody else reads it: it would tell them the person's nationality. ``role``: whom
    the page speaks to (a lawyer reading through a client's participation: the lawyer)."""
    rule = pack.consular_notification
    clients = clients_of(me)
    readers = [
        uid
        for uid, c in clocks
        if c.in_custody
        and speaks_for(
            uid, participant=me.uid, role=me.role, stands_for=me.stands_for, acts_for=clients
        )
    ]
    if rule is None or not readers:
        return [clock for _uid, clock in clocks]
    duties = {
        d.participant: d
        for d in consular_duties(case=case, pack=pack, held=readers)
        if d.status in ("inform_person", "inform_post", "declined", "post_informed")
    }
    out = []
    for uid, clock in clocks:
        duty = duties.get(uid)
        if duty is not None:
            right = (
                localized(rule.plain) or ""
                if uid == me.uid and role not in COUNSEL
                else _(
                    "%(name)s has the right to ask that the consulate of their country be told "
                    "that they are held, and to communicate with the consulate."
                )
                % {"name": clock.name}
            )
            informed = duty.notified.at if duty.notified else None
            clock = replace(clock, consular_right=right, consulate_informed=informed)
        out.append(clock)
    return out


def _receipts(case: Case, petitioner: str) -> dict[int, str]:
    """The receipt numbers of this participant's petitions, by the entry that filed each
    (another's receipt is theirs to quote, not this reader's)."""
    mine = Petition.objects.filter(case=case, petitioner__uid=petitioner)
    return dict(mine.values_list("filed_seq", "receipt"))


def _timeline(
    events: list[Event],
    pack: Pack,
    seen: dict[str, Seen],
    tz: ZoneInfo,
    me: Standing,
    receipts: dict[int, str] | None = None,
    disclosed: CaseView | None = None,
    people: dict[str, Participation] | None = None,
    part: DetentionPart | None = None,
) -> list[Item]:
    """Every event the participant may read, oldest first; a correction is its own entry,
    pointing at the entry it corrects, which is marked as corrected. Only the entries
    ``me`` may read (``access.readable.may_read``: not the staff's notes, nor a consular
    entry but to those its rule names), the rule the count of what is new and the
    messages about an entry follow too. ``disclosed`` and ``people``: the page's
    disclosure and the case's participations, which take out of an entry what the API's
    events list takes out for the same reader. ``part``: in a sealed case, the detention
    part the reader reads (``access/detention_part.py``), and no other entry."""
    items: dict[int, Item] = {}
    out: list[Item] = []
    bound = _measure_people(events)
    free_text = disclosed is not None and disclosed.shown.free_text
    filings = {e.seq: e for e in events if e.type == "petition.filed"} if free_text else {}
    viewer = me.participant
    for e in events:
        if not may_read(me, e.type, e.payload):
            continue
        if part is not None and not part.has(e.seq, e.type, e.payload):
            continue
        if disclosed is not None and e.type in (STANDS_FOR, ACTS_FOR):
            # whom a guardian stands for, or a lawyer acts for, only as the participants
            # list shows it
            e = _as_read(e, disclosed.payload(e.type, e.payload or {}, by_uid=people))
        item = Item(
            seq=e.seq,
            when_local=e.occurred_at.astimezone(tz),
            label=_label(pack, e.type),
            means=explanations.event_means(pack, e.type),
            details=_details(pack, e, seen, tz, viewer, bound, receipts or {}),
            text=_free_text(pack, e, disclosed, filings) if free_text and disclosed else [],
        )
        if e.corrects_seq is not None:
            original = items.get(e.corrects_seq)
            if original is not None:
                original.corrected = True
            item.corrects = original
            item.means = str(explanations.CORRECTION)
            if e.type == DIED_IN_CUSTODY:
                _death_corrected(pack, item, in_error(e.type, e.payload))
        items[e.seq] = item
        out.append(item)
    return out


STANDS_FOR = "participant.stands_for"


def _death_corrected(pack: Pack, item: Item, mistaken: bool) -> None:
    """A death in custody corrected: said recorded by mistake (``in_error``), the
    correction says so and the first entry no longer says the person died; corrected
    back into a death, the first entry says what it says again."""
    if mistaken:
        item.means = str(explanations.DEATH_TAKEN_BACK)
    first = item.corrects
    while first is not None and first.corrects is not None:
        first = first.corrects
    if first is not None:
        first.means = (
            str(explanations.DEATH_RECORDED_BY_MISTAKE)
            if mistaken
            else explanations.event_means(pack, DIED_IN_CUSTODY)
        )


def _free_text(pack: Pack, e: Event, disclosed: CaseView, filings: dict[int, Event]) -> list[str]:
    """An entry's free text, each field with its label, for a reader whose rules show
    the record's free text. The court's reasons on a petition as
    ``CaseView.reads_petition_reasons`` allows; the petition's own text and who handed it
    in stay out (the petitioner's words to the court, which a disclosure class of their own
    is to govern), as do a measure's details."""
    p = e.payload or {}
    et = pack.event_types.get(e.type)
    if e.type == "petition.decided":
        number = p.get("petition")
        filing = filings.get(number) if isinstance(number, int) else None
        petitioner = str((filing.payload or {}).get("petitioner") or "") if filing else ""
        if not disclosed.reads_petition_reasons(petitioner):
            return []
    elif e.type in petition_lines.TYPES or e.type.startswith("measure."):
        # a measure's details are the measures panel's to show, to whom it binds or
        # protects (``measures/portal.py``), as ``_details`` keeps them
        return []
    lines = []
    for name in free_text_fields(pack, e.type):
        value = p.get(name)
        if value in (None, "") or not isinstance(value, str):
            continue
        spec = et.fields.get(name) if et else None
        label = localized(dict(spec.label or {})) if spec is not None else None
        lines.append(f"{label}: {value}" if label else value)
    return lines


def _as_read(e: Event, payload: dict[str, Any]) -> Event:
    """The entry with the payload this reader may read (a copy: the entry is untouched)."""
    shown = copy.copy(e)
    shown.payload = payload
    return shown


def _label(pack: Pack, type_name: str) -> str:
    et = pack.event_types.get(type_name)
    return (localized(dict(et.label)) if et else None) or type_name


def _measure_people(events: list[Event]) -> dict[str, set[str]]:
    """For each measure of the case, the participants it binds or protects."""
    people: dict[str, set[str]] = {}
    for e in events:
        p = e.payload or {}
        if e.type == "measure.imposed" and p.get("measure"):
            people[str(p["measure"])] = {str(p[k]) for k in ("person", "protected") if p.get(k)}
    return people


def _details(
    pack: Pack,
    e: Event,
    seen: dict[str, Seen],
    tz: ZoneInfo,
    viewer: str,
    bound: dict[str, set[str]],
    receipts: dict[int, str],
) -> list[str]:
    """A few safe lines: who, which offence, which option, which date. Free text, names
    of people the viewer may not see, documents and protected fields never appear here
    (a reader whose rules show the free text reads it apart: ``_free_text``); nor
    the details of a measure that neither binds nor protects the viewer, from its
    conditions to its check-ins, changes, device events, breaches and end (a victim
    reads the measures that protect them, not the accused's reporting duties, as in the
    measures panel, ``measures/portal.py``): ``bound`` names, per measure, those it
    binds or protects."""
    p = e.payload or {}
    if e.type == "case.opened":
        return []
    if e.type == "measure.imposed" and viewer not in (p.get("person"), p.get("protected")):
        who = seen.get(str(p.get("person", "")))
        return [who.name] if who and who.name else []
    if e.type.startswith("measure.") and viewer not in bound.get(str(p.get("measure", "")), ()):
        return []
    if e.type == "participant.added":
        who = seen.get(str(p.get("participant", "")))
        return [who.name] if who else []
    if e.type == "charge.filed":
        offence = pack.offence(str(p.get("offence", "")))
        label = (localized(offence.label) if offence else None) or str(p.get("offence_label", ""))
        who = seen.get(str(p.get("accused", "")))
        return [x for x in (label, who.name if who else "") if x]
    if e.type in petition_lines.TYPES:
        return petition_lines.details(e, receipts)
    et = pack.event_types.get(e.type)
    if et is None:
        return []
    lines = []
    for name, spec in et.fields.items():
        if name not in p or spec.type not in SHOWN_FIELD_TYPES or getattr(spec, "protected", False):
            continue
        value = p[name]
        if spec.type == "participant":
            who = seen.get(str(value))
            text = who.name if who else ""
        elif spec.type == "choice":
            text = option_label(str(value), spec.option_labels)
        elif spec.type == "datetime":
            moment = parse_when(value)
            text = _when(moment.astimezone(tz)) if moment else ""
        else:
            text = _day(value)
        if text:
            lines.append(text)
    if e.type in ("hearing.scheduled", "hearing.rescheduled") and p.get("courtroom"):
        lines.append(_("Courtroom: %(room)s") % {"room": p["courtroom"]})
    ended = et.fields.get("ended") if e.type == ACTS_FOR and p.get("ended") else None
    if ended is not None and (said := localized(dict(ended.label or {}))):
        lines.append(said)  # a withdrawal, not an appointment: the pack's words for it
    return lines


def _when(local: dt.datetime) -> str:
    return f"{formats.date_format(local, 'DATE_FORMAT')}, {formats.time_format(local, 'H:i')}"


def _day(value: Any) -> str:
    try:
        return formats.date_format(dt.date.fromisoformat(str(value)), "DATE_FORMAT")
    except ValueError:
        return ""
