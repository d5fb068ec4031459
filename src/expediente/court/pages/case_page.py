"""Everything the case page shows, read in four queries: the case with its court, its
participants with their people, its charges, its events with who recorded them (the
arrests among them give the day that stands for the acts when an accused's age is
judged against the procedure, ``docket/ages.py``)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from expediente.access.capabilities import Capability
from expediente.access.detention_part import kept_for
from expediente.access.disclosure import audience_for, disclose
from expediente.access.policy import Actor, can
from expediente.api.present import localized
from expediente.court.ages import AgeAlert, age_alert, age_line
from expediente.court.missed.lines import MissedLine, OthersMissed, missed_line, others_missed
from expediente.court.pages import labels
from expediente.court.pages.case_deadlines import (
    GroundEnded,
    HeldAfterAcquittal,
    OpenDeadline,
    PastMaximum,
    PastSentence,
    held_after_acquittal,
    held_after_ground_ended,
    held_past_maximum,
    held_past_sentence,
    open_deadlines,
)
from expediente.court.pages.consular_panel import ConsularPanel, consular_panel
from expediente.court.pages.hearings import (
    awaiting_outcome,
    hearing_sittings,
    next_sitting,
)
from expediente.court.pages.measures_panel import RESPONDED, MeasureLine, measure_lines
from expediente.court.pages.record_groups import Group, Link, grouped
from expediente.court.pages.timeline import FLAGS, Entry, iccs_name, timeline
from expediente.custody.consular import consular_duties
from expediente.custody.models import Deadline, OwedBy
from expediente.custody.periods import RELEASED, SENTENCE_COMPUTED
from expediente.custody.selectors import (
    PersonClock,
    custody_clock,
    death_law,
    orders_awaiting_arrest,
)
from expediente.docket import ages
from expediente.docket.appeal_verdicts import verdicts_owed
from expediente.docket.counsel import ACCUSED, ACTS_FOR, COUNSEL_ROLES, clients_of, counsel_of
from expediente.docket.countries import nationality_name
from expediente.docket.errors import NotFound
from expediente.docket.models import (
    Case,
    Charge,
    Confidentiality,
    Event,
    Participation,
    Procedure,
)
from expediente.docket.selectors import case_get
from expediente.docket.standing import GUARDIAN
from expediente.docket.verdicts import VERDICT
from expediente.measures.models import MeasureDeadline
from expediente.portal.public.finality import finality_of
from expediente.rules.loader import load_pack
from expediente.rules.schema import Pack
from expediente.rules.stages import StageError, allowed_types, check_allowed

HELD, NOT_HELD = "hearing.held", "hearing.not_held"


@dataclass(frozen=True)
class Party:
    uid: str
    role: str
    name: str
    pseudonym: str
    protected: bool
    kind: str
    id_number: str
    date_of_birth: dt.date | None
    nationality: str = ""  # as recorded: a country code, "stateless" or ""
    nationality_name: str = ""  # its name in the reader's language ("" for an organisation)
    # another party of the case has the same name: they are told apart by their
    # participant id, as the forms' choices do ("Juan Pérez — Accused (P1)")
    namesake: bool = False
    # a guardian's: the party she stands for, as ``label`` names them ("" when not
    # recorded: ``guardian`` says she is one, so the page can ask for it)
    stands_for: str = ""
    guardian: bool = False
    # an accused's: the lawyers acting for them now, as ``label`` names them
    # (docket/counsel.py); empty with ``accused`` set: no counsel recorded
    counsel: tuple[str, ...] = ()
    accused: bool = False
    # a lawyer of the defence's: the accused she acts for now, as ``label`` names them;
    # ``acts_for_recorded`` False: nothing is recorded for her
    acts_for: tuple[str, ...] = ()
    lawyer: bool = False
    acts_for_recorded: bool = False
    # an accused's date of birth and age at the time of the acts, in words (docket/ages.py;
    # "date of birth not recorded" when it is not); "" for anyone else
    age: str = ""

    @property
    def label(self) -> str:
        """How the timeline, the charges and the deadlines name this participant
        (staff see both names)."""
        if self.pseudonym:
            named = _("%(pseudonym)s (real name: %(name)s), %(role)s") % {
                "pseudonym": self.pseudonym,
                "name": self.name,
                "role": self.role,
            }
        else:
            named = f"{self.name}, {self.role}"
        return f"{named} ({self.uid})" if self.namesake else named


@dataclass(frozen=True)
class ChargeRow:
    uid: str
    offence: str
    offence_code: str
    iccs: str
    iccs_name: str
    accused: str
    flags: list[str]


@dataclass(frozen=True)
class Action:
    type: str
    label: str
    url: str


@dataclass(frozen=True)
class Awaiting:
    """A hearing that has passed with nothing recorded about it, and the forms that
    record what happened, with the hearing already chosen ("" where not offered)."""

    line: labels.HearingLine
    held_url: str = ""
    not_held_url: str = ""


@dataclass(frozen=True)
class AwaitingArrest:
    """Someone under a detention order not yet carried out: not held, so not on the
    clock; the page says why (``custody.selectors.orders_awaiting_arrest``)."""

    name: str
    order: str  # the order's entry type, as the pack names it
    ordered_at: dt.datetime


@dataclass(frozen=True)
class AppealVerdictLine:
    """An accused owed the appeal court's verdict on the record (``appeal_verdicts``),
    and the form recording it for them ("" when the reader may not record it)."""

    name: str
    decided_at: dt.datetime
    overturned: bool  # else modified
    url: str


@dataclass
class CasePage:
    case: Case
    procedure: str
    confidentiality: str
    stage: str
    stage_explain: str
    parties: list[Party]
    charges: list[ChargeRow]
    timeline: list[Entry]
    next_hearing: labels.HearingLine | None
    awaiting_outcome: list[Awaiting]
    actions: list[Action]
    add_participant_url: str = ""
    add_charge_url: str = ""
    custody: list[PersonClock] = field(default_factory=list)  # the detention clock
    # participant ids of parties who share their name with another (shown beside it)
    namesakes: frozenset[str] = frozenset()
    # ordered detained while not in custody, and no arrest since: not held
    awaiting_arrest: list[AwaitingArrest] = field(default_factory=list)
    # people held now past their maximum of detention (said at the top of the page)
    past_maximum: list[PastMaximum] = field(default_factory=list)
    # people held now past the end of their sentence as the court computed it
    past_sentence: list[PastSentence] = field(default_factory=list)
    # the form recording the court's computation of a sentence ("" when not offered)
    sentence_computed_url: str = ""
    after_acquittal: list[HeldAfterAcquittal] = field(default_factory=list)
    # accused whose verdict an appeal overturned or modified, with no verdict since
    appeal_verdicts: list[AppealVerdictLine] = field(default_factory=list)
    # people held although the court ended the ground for holding them (order lifted or
    # replaced), and the release form for them ("" when the reader may not record it)
    ground_ended: list[GroundEnded] = field(default_factory=list)
    release_url: str = ""
    # accused whose age at the time of the acts does not fit the case's procedure, and
    # the form correcting the opening (its procedure), when the reader may use it
    age_alerts: list[AgeAlert] = field(default_factory=list)
    correct_opening_url: str = ""
    # every other open deadline of the case (petition answers, measures, …)
    deadlines: list[OpenDeadline] = field(default_factory=list)
    # the deadlines of this case the court let run out (met late, never met, extended
    # after they had run out: ``custody.missed``), the latest first
    missed: list[MissedLine] = field(default_factory=list)
    # those that were not the court's to meet (the prosecution's CPP 238 request, say),
    # apart, one group per party that owed them (``Deadline.owed_by``)
    missed_others: list[OthersMissed] = field(default_factory=list)
    # what can be recorded now, in groups with headings
    record_groups: list[Group] = field(default_factory=list)
    # consular notification owed to the foreign nationals held (no term: not a deadline)
    consular: ConsularPanel | None = None
    # the form recording which accused a lawyer acts for ("" when the reader may not)
    acts_for_url: str = ""
    # a sealed case: the people held whose detention part stays visible outside the
    # court, to them and those who speak for them (``access/detention_part.py``)
    sealed_detention_kept: list[str] = field(default_factory=list)
    # someone died in custody: where the law says an independent inquiry is owed, and
    # whether that source is still to be confirmed (``custody.selectors.death_law``)
    death_law: str = ""
    death_law_to_confirm: bool = False
    # the measures imposed in the case, those calling for the judge first
    # (``court/pages/measures_panel.py``)
    measures: list[MeasureLine] = field(default_factory=list)


def case_page(*, nuid: str, actor: Actor, now: dt.datetime) -> CasePage:
    """The case page of a case the actor may see; NotFound otherwise."""
    case = case_get(nuid=nuid, actor=actor)
    pack = load_pack(case.court.rule_pack)
    # the court sees the whole record; the read is logged (access/disclosure.py)
    if not disclose(audience_for(actor, case.court.code), case, channel="web", pack=pack).visible:
        raise NotFound(f"no case {nuid!r}")
    tz = ZoneInfo(case.court.timezone)
    events = list(case.events.select_related("actor").order_by("seq"))
    parties, age_alerts = _parties(case, pack, events)
    by_uid = {p.uid: p for p in parties.values()}
    sittings = hearing_sittings(events)
    upcoming = next_sitting(sittings, now)
    stage, explain = labels.stage_text(pack, case.stage, finality_of(events))
    page = CasePage(
        case=case,
        procedure=str(Procedure(case.procedure).label),
        confidentiality=str(Confidentiality(case.confidentiality).label),
        stage=stage,
        stage_explain=explain,
        parties=list(parties.values()),
        namesakes=frozenset(p.uid for p in parties.values() if p.namesake),
        charges=_charges(case, pack, parties),
        timeline=[],
        next_hearing=labels.hearing_line(upcoming) if upcoming else None,
        awaiting_outcome=[],
        actions=[],
        age_alerts=age_alerts,
    )
    # the case's open deadlines, read once for the clock and the deadlines panel, and in
    # the same query those the court let run out (``custody.missed``)
    rows = list(
        Deadline.objects.filter(case=case)
        .filter(Q(open=True) | Q(missed_at__isnull=False))
        .select_related("participation")
        .order_by("due_at", "id")
    )
    open_rows = [d for d in rows if d.open]
    page.custody = custody_clock(case=case, now=now, open_deadlines=open_rows)
    page.awaiting_arrest = [
        AwaitingArrest(
            name=by_uid[a.participant].name if a.participant in by_uid else a.participant,
            order=labels.event_type_label(pack, a.order_type),
            ordered_at=a.ordered_at,
        )
        for a in orders_awaiting_arrest(case, events)
    ]
    if case.confidentiality == Confidentiality.SEALED:
        kept = kept_for(case, pack)
        page.sealed_detention_kept = [by_uid[u].name if u in by_uid else u for u in kept]
    if any(c.died_at for c in page.custody):
        page.death_law, page.death_law_to_confirm = death_law(pack)
    page.past_maximum = held_past_maximum(page.custody, now)
    page.past_sentence = held_past_sentence(page.custody, now)
    page.after_acquittal = held_after_acquittal(case, page.custody, now)
    verdict_url = (
        f"{reverse('court:case', args=[case.nuid])}record/{VERDICT}/"
        if can(actor, Capability.EVENT_RECORD, case=case) and _allowed(pack, case, VERDICT)
        else ""
    )
    page.appeal_verdicts = [
        AppealVerdictLine(
            name=by_uid[v.participant].name if v.participant in by_uid else v.participant,
            decided_at=v.decided_at,
            overturned=v.outcome == "overturned",
            url=f"{verdict_url}?{urlencode({'accused': v.participant})}" if verdict_url else "",
        )
        for v in verdicts_owed(events)
    ]
    page.ground_ended = held_after_ground_ended(
        page.custody, now, lambda kind: labels.event_type_label(pack, kind)
    )
    measured = list(
        MeasureDeadline.objects.filter(case=case, open=True).select_related(
            "measure__participation"
        )
    )
    page.deadlines = open_deadlines(
        case,
        now,
        open_rows,
        names={p.uid: p.label for p in parties.values()},
        on_clock={c.participant for c in page.custody},
        measured=measured,
    )
    missed = sorted(
        (d for d in rows if d.missed_at is not None),
        key=lambda d: (d.missed_at, d.pk),
        reverse=True,
    )
    named = {pk: party.label for pk, party in parties.items()}
    missed_lines = [missed_line(d, case.court, named.get(d.participation_id, "")) for d in missed]
    page.missed = [line for line in missed_lines if line.owed_by == OwedBy.COURT]
    page.missed_others = others_missed(missed_lines)
    base = reverse("court:case", args=[case.nuid])
    may_record = can(actor, Capability.EVENT_RECORD, case=case)
    page.measures = measure_lines(
        case,
        measured,
        names=named,
        now=now,
        respond_url=f"{base}record/{RESPONDED}/"
        if may_record and _allowed(pack, case, RESPONDED)
        else "",
    )
    if may_record and _allowed(pack, case, SENTENCE_COMPUTED):
        page.sentence_computed_url = f"{base}record/{SENTENCE_COMPUTED}/"
    if may_record and _allowed(pack, case, RELEASED):
        page.release_url = f"{base}record/{RELEASED}/"
    page.consular = consular_panel(
        pack,
        consular_duties(
            case=case, pack=pack, held=[c.participant for c in page.custody if c.in_custody]
        ),
        names={p.uid: p.label for p in parties.values()},
        record_url={
            t: f"{base}record/{t}/"
            for t in _consular_types(pack)
            if may_record and _allowed(pack, case, t)
        },
    )
    may_correct = can(actor, Capability.EVENT_CORRECT, case=case)
    kinds = {s.hearing: labels.option_label(s.kind) for s in sittings if s.kind}
    page.timeline = timeline(
        events,
        pack,
        by_uid,
        tz,
        lambda t: may_correct and _allowed(pack, case, t, correction=True),
        base,
        kinds,
        case.procedure,
    )
    openings = [e.seq for e in events if e.type == "case.opened"]
    if (
        page.age_alerts
        and openings
        and may_correct
        and _allowed(pack, case, "case.opened", correction=True)
    ):
        page.correct_opening_url = f"{base}events/{openings[-1]}/correct/"
    passed = awaiting_outcome(sittings, now)
    outcome_forms = {
        t: f"{base}record/{t}/" if may_record and _allowed(pack, case, t) else ""
        for t in (HELD, NOT_HELD)
    }
    page.awaiting_outcome = [
        Awaiting(
            labels.hearing_line(s),
            *(
                f"{outcome_forms[t]}?{urlencode({'hearing': s.hearing})}"
                if outcome_forms[t]
                else ""
                for t in (HELD, NOT_HELD)
            ),
        )
        for s in passed
    ]
    if may_record:
        page.actions = [
            Action(t, labels.event_type_label(pack, t), f"{base}record/{t}/")
            for t in allowed_types(pack, stage=case.stage, procedure=case.procedure)
        ]
        if _allowed(pack, case, "participant.added"):
            page.add_participant_url = f"{base}participants/add/"
        if _allowed(pack, case, "charge.filed"):
            page.add_charge_url = f"{base}charges/add/"
        if ACTS_FOR in pack.event_types and _allowed(pack, case, ACTS_FOR):
            page.acts_for_url = f"{base}record/{ACTS_FOR}/"
        # adding a participant or a charge is offered above the groups, as the first
        # thing a clerk does in a new case; the groups hold the rest
        links = [(a.type, Link(a.label, a.url)) for a in page.actions]
        page.record_groups = grouped(pack, links)
    return page


def _consular_types(pack: Pack) -> tuple[str, ...]:
    rule = pack.consular_notification
    return (rule.informed_by, rule.notified_by) if rule else ()


def _allowed(pack: Pack, case: Case, type_name: str, *, correction: bool = False) -> bool:
    """Whether an entry of this type may be recorded now (or, ``correction``, an entry of
    it corrected: whatever the stage, unless the case is closed)."""
    try:
        check_allowed(
            pack, type_name, stage=case.stage, procedure=case.procedure, correction=correction
        )
    except StageError:
        return False
    return True


def _parties(
    case: Case, pack: Pack, events: list[Event]
) -> tuple[dict[int, Party], list[AgeAlert]]:
    """The case's parties by participation id, and the alerts of the accused whose age at
    the time of the acts does not fit the procedure (their arrests read from ``events``,
    the case's entries the page has loaded)."""
    rows = list(
        Participation.objects.filter(case=case).select_related("person").order_by("added_seq")
    )
    checks = ages.accused_checks(case, pack, rows, events)
    names = Counter(p.person.display_name.casefold() for p in rows)
    parties = {
        p.pk: Party(
            uid=p.uid,
            role=labels.role_label(pack, p.role),
            name=p.person.display_name,
            pseudonym=p.pseudonym,
            protected=p.protected,
            kind=p.person.kind,
            id_number=p.person.id_number,
            date_of_birth=p.person.date_of_birth,
            nationality=p.person.nationality,
            nationality_name=(
                nationality_name(p.person.nationality, get_language() or "en")
                if p.person.kind == "natural"
                else ""
            ),
            namesake=names[p.person.display_name.casefold()] > 1,
            guardian=p.role == GUARDIAN,
            accused=p.role == ACCUSED,
            lawyer=p.role in COUNSEL_ROLES,
            acts_for_recorded=clients_of(p) is not None,
            age=age_line(checks[p.uid]) if p.uid in checks else "",
        )
        for p in rows
    }
    alerts = [
        alert
        for p in rows
        if (check := checks.get(p.uid)) is not None
        and (alert := age_alert(p.person.display_name, check)) is not None
    ]
    # whom each guardian stands for (docket/standing.py), named as the page names them
    by_uid = {p.uid: parties[p.pk] for p in rows}
    for p in rows:
        ward = by_uid.get(p.stands_for) if p.stands_for else None
        if ward is not None:
            parties[p.pk] = replace(parties[p.pk], stands_for=ward.label)
    # who acts for each accused, and for whom each lawyer acts (docket/counsel.py)
    lawyers = counsel_of(rows)
    for p in rows:
        if p.role == ACCUSED:
            named = tuple(by_uid[c.uid].label for c in lawyers.get(p.uid, []))
            parties[p.pk] = replace(parties[p.pk], counsel=named)
        clients = clients_of(p)
        if clients:
            named = tuple(by_uid[uid].label for uid in sorted(clients) if uid in by_uid)
            parties[p.pk] = replace(parties[p.pk], acts_for=named)
    return parties, alerts


def _flags(c: Charge) -> list[str]:
    return [str(label) for name, label in FLAGS if getattr(c, name)]


def _charges(case: Case, pack: Pack, parties: dict[int, Party]) -> list[ChargeRow]:
    out = []
    for c in Charge.objects.filter(case=case).order_by("filed_seq"):
        offence = pack.offence(c.offence_code)
        accused = parties.get(c.accused_id)
        out.append(
            ChargeRow(
                uid=c.uid,
                offence=(localized(offence.label) if offence else None) or c.offence_label,
                offence_code=c.offence_code,
                iccs=c.iccs,
                iccs_name=iccs_name(c.iccs),
                accused=accused.label if accused else "",
                flags=_flags(c),
            )
        )
    return out
