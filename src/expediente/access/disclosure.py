"""What a reader sees of a case: the one redaction function every channel calls.

The rule pack's ``disclosure`` rules (``rules/schema.py``: ``DisclosureRule``) say, per
audience and per kind of case, which classes of data are shown. ``disclose`` resolves them
for one reader and one case into a ``CaseView``, which then names people, shows their
details and filters event payloads; every read that shows protected data (a real name
other than the reader's own, an identity document, a date of birth, free text) is written
to the access log in the same call, so no channel can show it without logging it.

Court pages, API bodies, portal pages, the public portal and calendars, notifications
and exports call ``disclose``; the court's search lists and calendars call
``disclose_many`` (one access-log INSERT per page); none decides on its own what to hide.

An expunged case (``access.models.Expunction``) is a sealed case to every rule about
sealed cases; rules naming ``expunged`` tell it apart, at one query per sealed case and
only for readers such a rule names (never the public, so a lookup costs the same).
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from django.utils.translation import gettext as _

from expediente.access.access_log import access_insert, access_line
from expediente.access.access_log_lists import ListRead, access_records_write
from expediente.access.capabilities import SCOPES
from expediente.access.detention_part import PETITION_DECIDED, PETITION_FILED, held_spoken_for
from expediente.access.participant_codes import ACCUSED_SIDE, VICTIM_SIDE, sides
from expediente.access.policy import Actor
from expediente.access.readable import STAFF_ONLY_TYPES
from expediente.access.sealing import expunged_among, is_expunged
from expediente.docket.corrections import as_last_corrected
from expediente.docket.counsel import ACTS_FOR, clients_of
from expediente.docket.verdicts import CONVICTIONS
from expediente.rules.loader import load_pack
from expediente.rules.schema import PETITION_SIDES, NameLevel, OffenceFlag, Pack, Show

# Name levels from most to least revealing of a real identity.
NAME_ORDER: tuple[NameLevel, ...] = ("full", "initials", "pseudonym", "hidden")
NAME_CLASSES = ("accused_name", "victim_names", "other_names", "protected_names")
BOOL_CLASSES = ("case", "offence", "stage", "hearings", "identifiers", "birth_dates", "free_text")
VICTIM_ROLES = frozenset({"victim"})
CHANNELS = ("web", "api", "portal", "public", "export", "notification")
OFFENCE_FLAGS: tuple[OffenceFlag, ...] = typing.get_args(OffenceFlag)

# Core payload fields that are free text or identifiers (the pack's own fields say it
# themselves, with ``protected: true`` or ``type: long_text``).
CORE_FREE_TEXT = {"case.opened": ("summary",), "charge.filed": ("description",)}
CORE_IDENTIFIERS = {"case.opened": ("police_report",)}

REDACTED = "[…]"

# The entries whose free text is a petition's (its text, the court's reasons on it):
# shown by the petitioner's side (``Shown.petition_texts``).
PETITION_TYPES = frozenset({PETITION_FILED, PETITION_DECIDED})


@dataclass(frozen=True)
class Audience:
    """Who reads: ``public``, ``participant`` (through one participation, named by
    ``participant``), ``staff`` (with their roles in the case's court) or ``api`` (with
    the token's scopes and its agency, ``access.models.Agency``: ``api:public_defence``
    matches a public defence office's token). The roles are part of ``key``, so a view
    kept for one agency is never another's."""

    kind: str
    roles: frozenset[str] = frozenset()
    participant: str = ""  # the reader's own participation in the case
    actor: Actor | None = None  # who is logged as having read (None: the public)

    def matches(self, token: str) -> bool:
        kind, _sep, which = token.partition(":")
        return kind == self.kind and (not which or which in self.roles)

    @property
    def key(self) -> tuple[str, frozenset[str], str]:
        """What decides the view (for caches): not the actor's identity."""
        return (self.kind, self.roles, self.participant)


PUBLIC = Audience(kind="public")


def audience_for(actor: Actor, court_code: str) -> Audience:
    """The audience of a staff member, a system account or an API token in one court."""
    staff_roles = actor.roles_in(court_code)
    if staff_roles:
        return Audience(kind="staff", roles=staff_roles, actor=actor)
    if actor.channel == "system":
        return Audience(kind="staff", roles=frozenset({"system"}), actor=actor)
    roles = (actor.scopes & frozenset(SCOPES)) | {actor.agency or "other"}
    return Audience(kind="api", roles=roles, actor=actor)


def audiences_by_court(actor: Actor) -> Callable[[Any], Audience]:
    """``audience_for`` the case's court, remembered per court (for ``disclose_many``)."""
    memo: dict[str, Audience] = {}

    def of(case: Any) -> Audience:
        code = case.court.code
        if code not in memo:
            memo[code] = audience_for(actor, code)
        return memo[code]

    return of


def participant_audience(*, participant: str, role: str, actor: Actor | None) -> Audience:
    return Audience(
        kind="participant", roles=frozenset({role}), participant=participant, actor=actor
    )


@dataclass(frozen=True)
class CaseFacts:
    """What the rules' ``when`` conditions look at."""

    procedure: str
    confidentiality: str  # public, restricted, sealed, or expunged (a sealed case, expunged)
    status: str  # before_charges, charged, convicted, acquitted, dismissed
    flags: frozenset[str]
    # In a case ``convicted`` because one accused was, who the standing verdicts convicted
    # and acquitted: a co-accused acquitted, or not yet judged, is named as his own
    # status would have him named (``CaseView.name_level``), not as the convicted one.
    convicted: frozenset[str] = frozenset()
    acquitted: frozenset[str] = frozenset()
    # In a sealed case, the people held now whom a participant reader speaks for
    # (``access/detention_part.held_spoken_for``): read only for a reader a rule on
    # ``held`` names (``needs_held``), else empty. Not a fact of the case alone: the
    # reader's own, as ``expunction`` is the reader's to need.
    held: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Shown:
    """Every class resolved: a name level for names, yes or no for the rest."""

    case: bool = False
    offence: bool = False
    stage: bool = False
    hearings: bool = False
    accused_name: NameLevel = "hidden"
    victim_names: NameLevel = "hidden"
    other_names: NameLevel = "hidden"
    protected_names: NameLevel = "hidden"
    identifiers: bool = False
    birth_dates: bool = False
    free_text: bool = False
    viewer_names: tuple[str, ...] = ()  # "who viewed my case": whose names are shown
    petition_reasons: tuple[str, ...] = ()  # "own", "clients": whose petitions' reasons
    # the sides whose petitions' text is read, where free text is ("accused_side", …)
    petition_texts: tuple[str, ...] = ()
    part: str = "whole"  # "detention": only the detention part (``access/detention_part.py``)
    rules: tuple[str, ...] = ()  # the rules that applied, in order (for docs and tests)


def _applies(when: Any, facts: CaseFacts) -> bool:
    if when.procedure is not None and facts.procedure not in when.procedure:
        return False
    if when.status is not None and facts.status not in when.status:
        return False
    if when.flags is not None and not (facts.flags & set(when.flags)):
        return False
    if when.held is not None and bool(facts.held) != when.held:
        return False
    return when.confidentiality is None or _confidentiality_matches(
        when.confidentiality, facts.confidentiality
    )


def _confidentiality_matches(wanted: list[str], confidentiality: str) -> bool:
    """An expunged case is a sealed case too: a rule for sealed cases applies to it."""
    return confidentiality in wanted or (confidentiality == "expunged" and "sealed" in wanted)


def resolve(pack: Pack, audience: Audience, facts: CaseFacts) -> Shown:
    """Apply the pack's rules in order; a later rule overrides an earlier one, class by
    class. What no rule shows stays hidden (fail closed)."""
    values: dict[str, Any] = {}
    applied: list[str] = []
    for rule_id, rule in pack.disclosure.items():
        if not any(audience.matches(t) for t in rule.to) or not _applies(rule.when, facts):
            continue
        applied.append(rule_id)
        values.update({k: v for k, v in _show_items(rule.show) if v is not None})
        if rule.show.viewer_names is not None:
            values["viewer_names"] = tuple(rule.show.viewer_names)
        if rule.show.petition_reasons is not None:
            values["petition_reasons"] = tuple(rule.show.petition_reasons)
        if rule.show.petition_texts is not None:
            values["petition_texts"] = tuple(rule.show.petition_texts)
        if rule.show.part is not None:
            values["part"] = rule.show.part
    shown = Shown(**values, rules=tuple(applied))
    if shown.part != "detention":
        return shown
    return detention_only(shown, names_others=bool(facts.held - {audience.participant}))


def detention_only(shown: Shown, *, names_others: bool = False) -> Shown:
    """The detention part of a case shows no class of data but the case's existence:
    no offence, stage, hearing, name (but the reader's own and those of the people held
    she speaks for, all accused: ``CaseView.name_level``), document, birth date or free
    text; the court's reasons on the reader's own petitions as the rules say.
    ``names_others``: the reader speaks for someone held other than herself (a client, a
    ward), whose real name she reads: ``accused_name`` then says ``full``, so that the
    read is logged (``protected_classes``); whom exactly is ``name_level``'s to say."""
    hidden: dict[str, Any] = {c: False for c in BOOL_CLASSES if c != "case"}
    hidden.update(dict.fromkeys(NAME_CLASSES, "hidden"))
    if names_others:
        hidden["accused_name"] = "full"
    return replace(shown, **hidden)


def _show_items(show: Show) -> Iterable[tuple[str, Any]]:
    return ((name, getattr(show, name)) for name in (*BOOL_CLASSES, *NAME_CLASSES))


STATUSES = ("before_charges", "charged", "convicted", "acquitted", "dismissed")


def sees_expunged(pack: Pack, audience: Audience) -> bool:
    """Do the pack's rules show an expunged case to ``audience``, whatever its procedure,
    status and offence flag? (For query filters, which cannot read each case's facts:
    where the answer depends on them, the case is left out: fail closed.)"""
    flag_sets: list[frozenset[str]] = [frozenset(), *(frozenset({f}) for f in OFFENCE_FLAGS)]
    return all(
        resolve(pack, audience, CaseFacts(procedure, "expunged", status, flags)).case
        for procedure in pack.procedures
        for status in STATUSES
        for flags in flag_sets
    )


def narrower(a: NameLevel, b: NameLevel) -> NameLevel:
    return a if NAME_ORDER.index(a) >= NAME_ORDER.index(b) else b


def initials(given: str, family: str, legal: str = "") -> str:
    words = (f"{given} {family}".split()) or legal.split()
    return " ".join(f"{w[0].upper()}." for w in words if w[:1].isalpha())


# ---------------------------------------------------------------- facts from the record

STATUS_EVENTS = ("indictment.filed", "verdict.delivered", "case.dismissed", "case.reopened")


def status_from(events: Iterable[tuple[str, Mapping[str, Any]]], stage: str) -> str:
    """The case's status for disclosure, from its status events in order.

    A conviction of any accused makes the case ``convicted``; an acquittal (of every
    accused with a verdict) ``acquitted``; a dismissal ``dismissed``; an indictment, or
    a stage past the investigation, ``charged``; else ``before_charges``. A reopening
    starts again from ``before_charges``."""
    status = "before_charges"
    verdicts: dict[str, str] = {}
    for type_name, payload in events:
        if type_name == "case.reopened":
            status, verdicts = "before_charges", {}
        elif type_name == "indictment.filed" and status == "before_charges":
            status = "charged"
        elif type_name == "verdict.delivered":
            verdicts[str(payload.get("accused"))] = str(payload.get("outcome"))
            convicted = any(v in CONVICTIONS for v in verdicts.values())
            status = "convicted" if convicted else "acquitted"
        elif type_name == "case.dismissed":
            status = "dismissed"
    if status == "before_charges" and stage not in ("investigation", "closed"):
        status = "charged"
    return status


def verdicts_from(
    events: Iterable[tuple[str, Mapping[str, Any]]],
) -> tuple[frozenset[str], frozenset[str]]:
    """The accused the standing verdicts convicted, and those they acquitted (the same
    status events as ``status_from``; a reopening clears them)."""
    verdicts: dict[str, str] = {}
    for type_name, payload in events:
        if type_name == "case.reopened":
            verdicts = {}
        elif type_name == "verdict.delivered":
            verdicts[str(payload.get("accused"))] = str(payload.get("outcome"))
    convicted = frozenset(a for a, v in verdicts.items() if v in CONVICTIONS)
    return convicted, frozenset(a for a, v in verdicts.items() if v == "acquitted")


def record_facts(
    pack: Pack,
    *,
    procedure: str,
    confidentiality: str,
    stage: str,
    status_events: list[tuple[str, Mapping[str, Any]]],
    charges: Iterable[tuple[str, bool]],
) -> CaseFacts:
    """A case's facts from its status events and charges (read by the caller)."""
    status = status_from(status_events, stage)
    convicted, acquitted = (
        verdicts_from(status_events) if status == "convicted" else (frozenset(), frozenset())
    )
    return CaseFacts(
        procedure=procedure,
        confidentiality=confidentiality,
        status=status,
        flags=_flags(pack, charges),
        convicted=convicted,
        acquitted=acquitted,
    )


def needs_expunction(pack: Pack, audience: Audience) -> bool:
    """Does a rule for ``audience`` look at whether a sealed case is expunged (one more
    query, for sealed cases only)? Not for the public: sealed or expunged, a case does not
    exist for it, and so a lookup costs the same either way."""
    return any(
        rule.when.confidentiality is not None
        and "expunged" in rule.when.confidentiality
        and any(audience.matches(t) for t in rule.to)
        for rule in pack.disclosure.values()
    )


def needs_held(pack: Pack, audience: Audience, case: Any) -> bool:
    """Does a rule for ``audience`` look at whom she speaks for is held in ``case`` (two
    queries, ``access/detention_part.held_spoken_for``)? Only for a participant reading a
    sealed case (the schema allows ``held`` nowhere else)."""
    return (
        audience.kind == "participant"
        and bool(audience.participant)
        and case.confidentiality == "sealed"
        and any(
            rule.when.held is not None and any(audience.matches(t) for t in rule.to)
            for rule in pack.disclosure.values()
        )
    )


def held_facts(
    pack: Pack, audience: Audience, case: Any, facts: CaseFacts, *, closed_by: int | None = None
) -> CaseFacts:
    """``facts`` with the people held whom ``audience`` speaks for, where a rule needs
    them (``needs_held``); with ``closed_by``, counting whoever that entry released."""
    if not needs_held(pack, audience, case):
        return facts
    return replace(facts, held=held_spoken_for(case, audience.participant, closed_by=closed_by))


def needs_record(pack: Pack, audience: Audience, only: tuple[str, ...] | None = None) -> bool:
    """Do any of the rules for ``audience`` (that set one of the classes ``only``, if
    given) look at the case's status or offence flags (which cost two queries), or only at
    its procedure and confidentiality (free)?"""
    return any(
        (rule.when.status is not None or rule.when.flags is not None)
        and any(audience.matches(t) for t in rule.to)
        and (only is None or any(getattr(rule.show, c) is not None for c in only))
        for rule in pack.disclosure.values()
    )


def case_facts(
    case: Any,
    pack: Pack | None = None,
    *,
    record: bool = True,
    expunction: bool = False,
    expunged: bool | None = None,
    rows: CaseRecord | None = None,
) -> CaseFacts:
    """The facts of one case (two queries: its status events, its charges; none with
    ``record=False``, when no rule for the reader looks at them, or with ``rows``, the
    record read already by ``records_of``). With ``expunction``, a sealed case is told
    apart from an expunged one (one query, unless ``expunged`` says it already)."""
    pack = pack or load_pack(case.court.rule_pack)
    confidentiality = case.confidentiality
    if expunction and confidentiality == "sealed":
        known = expunged if expunged is not None else is_expunged(case.pk)
        confidentiality = "expunged" if known else confidentiality
    if not record:
        return CaseFacts(case.procedure, confidentiality, status="", flags=frozenset())
    if rows is None:
        status_events = case.events.filter(type__in=STATUS_EVENTS).order_by("seq")
        charges = case.charges.values_list("offence_code", "violence_against_women")
        rows = CaseRecord(list(status_events.values_list("type", "payload")), list(charges))
    return record_facts(
        pack,
        procedure=case.procedure,
        confidentiality=confidentiality,
        stage=case.stage,
        status_events=rows.status_events,
        charges=rows.charges,
    )


@dataclass(frozen=True)
class CaseRecord:
    """What ``case_facts`` reads of a case's record: its status events in order, and its
    charges' offence codes with the violence-against-women mark."""

    status_events: list[tuple[str, Mapping[str, Any]]]
    charges: list[tuple[str, bool]]


def records_of(cases: Sequence[Any]) -> dict[int, CaseRecord]:
    """``CaseRecord`` of each case, for a page of cases: two queries for all of them
    (``case_facts`` alone reads two per case)."""
    if not cases:
        return {}
    ids = sorted({c.pk for c in cases})
    first = cases[0]
    found = {pk: CaseRecord([], []) for pk in ids}
    events = first.events.model.objects.filter(case_id__in=ids, type__in=STATUS_EVENTS)
    for case_id, type_name, payload in events.order_by("case_id", "seq").values_list(
        "case_id", "type", "payload"
    ):
        found[case_id].status_events.append((type_name, payload))
    charges = first.charges.model.objects.filter(case_id__in=ids)
    for case_id, code, vaw in charges.values_list(
        "case_id", "offence_code", "violence_against_women"
    ):
        found[case_id].charges.append((code, vaw))
    return found


def _flags(pack: Pack, charges: Iterable[tuple[str, bool]]) -> frozenset[str]:
    flags: set[str] = set()
    for code, vaw in charges:
        offence = pack.offence(code)
        flags |= set(offence.flags) if offence else set()
        if vaw:
            flags.add("vaw")
    return frozenset(flags)


# ---------------------------------------------------------------- the view


@dataclass
class CaseView:
    """One reader's view of one case. ``visible`` False: the case does not exist for them."""

    case: Any
    audience: Audience
    shown: Shown
    facts: CaseFacts
    pack: Pack

    @property
    def visible(self) -> bool:
        return self.shown.case

    def name_level(self, participation: Any) -> NameLevel:
        """How far this reader sees the real name of ``participation``."""
        if self.audience.participant and participation.uid == self.audience.participant:
            return "full"
        if self.shown.part == "detention":
            return self._held_level(participation)
        role = participation.role
        level: NameLevel = (
            self._accused_level(participation.uid)
            if role == "accused"
            else self.shown.victim_names
            if role in VICTIM_ROLES
            else self.shown.other_names
        )
        if participation.protected or participation.pseudonym:
            level = narrower(level, self.shown.protected_names)
        return level

    def _held_level(self, participation: Any) -> NameLevel:
        """In the detention part, only the people held whom the reader speaks for are
        named: in full (her client, her ward), or by pseudonym where the court protects
        them, as the rule ``participants`` names a protected person; nobody else."""
        if participation.uid not in self.facts.held:
            return "hidden"
        return "pseudonym" if participation.protected or participation.pseudonym else "full"

    def _accused_level(self, uid: str) -> NameLevel:
        """An accused's name level: the case's, except in a case convicted for another
        accused, where one acquitted is named as in an acquitted case and one not yet
        judged as in a charged one (the rules name the convicted in full; his acquitted
        co-accused was named in full beside him), never more than the case's."""
        facts = self.facts
        if facts.status != "convicted" or uid in facts.convicted:
            return self.shown.accused_name
        own = "acquitted" if uid in facts.acquitted else "charged"
        level = resolve(self.pack, self.audience, replace(facts, status=own)).accused_name
        return narrower(self.shown.accused_name, level)

    def name(self, participation: Any, role_label: str = "") -> str:
        """The participant's name as this reader may see it ("" when hidden)."""
        person = participation.person
        level = self.name_level(participation)
        if level == "full":
            return str(person.display_name)
        if level == "initials":
            return initials(person.given_names, person.family_names, person.legal_name)
        if level == "pseudonym":
            return str(participation.pseudonym or _("a protected person"))
        return role_label

    def stands_for(self, guardian: Any, by_uid: Mapping[str, Any]) -> str | None:
        """Whom a guardian stands for (a participant id) as this reader may learn it: None
        when nothing is recorded (or she is no guardian), and None too when the reader sees
        the guardian's name more fully than that person's (a child victim shown by pseudonym
        beside her mother named in full: the link would name the child's family)."""
        ward = by_uid.get(getattr(guardian, "stands_for", "") or "")
        if guardian.role != "guardian" or ward is None:
            return None
        return ward.uid if self._link_shown(guardian, ward) else None

    def acts_for(self, lawyer: Any, by_uid: Mapping[str, Any]) -> list[str] | None:
        """Whom a defence lawyer acts for now (participant ids, ``docket/counsel.py``) as
        this reader may learn it: None when nothing is recorded for her (or she is no
        lawyer of the defence); else the accused she acts for whose link ``stands_for``'s
        rule shows (an accused this reader sees less fully than the lawyer, a protected
        young person shown by pseudonym, is left out), and None when it leaves out every
        one of them ([] says she acts for nobody now, not that a link was withheld)."""
        clients = clients_of(lawyer)
        if clients is None:
            return None
        known = [by_uid[uid] for uid in sorted(clients) if uid in by_uid]
        shown = [p.uid for p in known if self._link_shown(lawyer, p)]
        return shown if shown or not known else None

    def _link_shown(self, guardian: Any, ward: Any) -> bool:
        """Does this reader see ``ward`` named at least as fully as ``guardian`` (or a
        lawyer as fully as the accused she acts for)? Only then is the link between
        them shown."""
        return NAME_ORDER.index(self.name_level(ward)) <= NAME_ORDER.index(
            self.name_level(guardian)
        )

    def _stands_for_entry(
        self, payload: dict[str, Any], by_uid: Mapping[str, Any] | None
    ) -> dict[str, Any]:
        """A ``participant.stands_for`` entry as this reader may read it: the person she
        stands for is taken out where ``stands_for`` would not show the link (the entry
        in the events list must not say what the participants list keeps back)."""
        people = by_uid if by_uid is not None else self._participants
        guardian = people.get(str(payload.get("guardian") or ""))
        ward = people.get(str(payload.get("stands_for") or ""))
        if guardian is None or ward is None or not self._link_shown(guardian, ward):
            payload["stands_for"] = REDACTED
        return payload

    def _acts_for_entry(
        self, payload: dict[str, Any], by_uid: Mapping[str, Any] | None
    ) -> dict[str, Any]:
        """A ``participant.acts_for`` entry as this reader may read it: the accused is
        taken out where ``acts_for`` would not show the link."""
        people = by_uid if by_uid is not None else self._participants
        lawyer = people.get(str(payload.get("counsel") or ""))
        accused = people.get(str(payload.get("accused") or ""))
        if lawyer is None or accused is None or not self._link_shown(lawyer, accused):
            payload["accused"] = REDACTED
        return payload

    @cached_property
    def _participants(self) -> Mapping[str, Any]:
        """The case's participations by id, read once for this view (only when an entry
        needs them and the caller did not give them)."""
        return {p.uid: p for p in self.case.participations.select_related("person").all()}

    def person(self, participation: Any) -> dict[str, Any]:
        """The person's details this reader may see, every key present (empty when not
        shown): the identity document, date of birth, sex and nationality only where the
        real name is shown too."""
        level = self.name_level(participation)
        own = bool(self.audience.participant) and participation.uid == self.audience.participant
        p = participation.person
        dob = p.date_of_birth
        full = level == "full"
        return {
            "kind": p.kind,
            "name": self.name(participation),
            "sex": p.sex if full else "",
            "nationality": p.nationality if full else "",
            "id_number": p.id_number if full and (self.shown.identifiers or own) else "",
            "date_of_birth": dob.isoformat()
            if full and dob and (self.shown.birth_dates or own)
            else None,
        }

    @property
    def whole(self) -> bool:
        """Does this reader see everything (inside the court)?"""
        s = self.shown
        names = (s.accused_name, s.victim_names, s.other_names, s.protected_names)
        return (
            all(n == "full" for n in names)
            and s.identifiers
            and s.birth_dates
            and s.free_text
            and set(PETITION_SIDES) <= set(s.petition_texts)
        )

    @property
    def inside_court(self) -> bool:
        """Is this reader the court itself (its staff, its own system account)? Only
        they read the court's internal entries (``access/readable.STAFF_ONLY_TYPES``: the
        staff's notes), whatever the rules show of the rest of the record: no
        participant, and no agency's system (prosecution, defence, police, prison,
        other), reads a note's text; the entry stays in the sequence with its fields
        ``[…]``, so its hash still links the chain (the reader cannot recompute that one
        entry's hash, as for any other withheld text)."""
        return self.audience.kind == "staff"

    def payload(
        self,
        event_type: str,
        payload: Mapping[str, Any],
        by_uid: Mapping[str, Any] | None = None,
        entry: tuple[int, int | None] | None = None,
    ) -> dict[str, Any]:
        """An event's payload with what this reader may not see taken out: free text
        (fields the pack marks protected, long texts), identifiers, every field of the
        court's internal entries (a staff note) outside the court (``inside_court``), the
        person of a ``participant.added`` as ``person`` shows them, whom a guardian stands
        for as ``stands_for`` shows it and whom a lawyer acts for as ``acts_for`` does
        (``by_uid``: the case's participations, when the caller has them); a petition's
        text and the court's reasons on it as ``free_text_read`` says. Unchanged for a
        reader who sees everything (so its hash can be recomputed). ``entry``: the entry's
        (seq, corrects_seq), when the caller has them (``free_text_read``)."""
        out = dict(payload)
        if event_type in STAFF_ONLY_TYPES and not self.inside_court:
            return {k: REDACTED if v not in (None, "") else v for k, v in out.items()}
        if self.whole:
            return out
        if event_type == "participant.added":
            out["person"] = self._payload_person(payload)
            return out
        if event_type == "participant.stands_for":
            return self._stands_for_entry(out, by_uid)
        if event_type == ACTS_FOR:
            return self._acts_for_entry(out, by_uid)
        shown = self.free_text_read(event_type, payload, by_uid, entry)
        hide = () if shown else free_text_fields(self.pack, event_type)
        if not self.shown.identifiers:
            hide += CORE_IDENTIFIERS.get(event_type, ())
        for name in hide:
            if out.get(name) not in (None, ""):
                out[name] = REDACTED
        return out

    def _payload_person(self, payload: Mapping[str, Any]) -> dict[str, Any]:
        """The stored person of a ``participant.added`` payload, in the same shape, with
        what the reader may not see blanked."""
        person = dict(payload.get("person") or {})
        who = _Named(
            uid=str(payload.get("participant") or ""),
            role=str(payload.get("role") or ""),
            protected=bool(payload.get("protected")),
            pseudonym=str(payload.get("pseudonym") or ""),
        )
        level = self.name_level(who)
        own = bool(self.audience.participant) and who.uid == self.audience.participant
        out: dict[str, Any] = {"kind": person.get("kind", "natural")}
        if "uid" in person:
            out["uid"] = person["uid"]
        given, family, legal = (
            str(person.get(k) or "") for k in ("given_names", "family_names", "legal_name")
        )
        if level == "full":
            out.update(given_names=given, family_names=family, legal_name=legal)
            out.update({k: person[k] for k in ("sex", "nationality") if k in person})
            if (self.shown.identifiers or own) and "id_number" in person:
                out["id_number"] = person["id_number"]
            if (self.shown.birth_dates or own) and "date_of_birth" in person:
                out["date_of_birth"] = person["date_of_birth"]
        elif level == "initials":
            out["given_names"] = initials(given, family, legal)
        elif level == "pseudonym":
            out["given_names"] = who.pseudonym or str(_("a protected person"))
        return out

    def text(self, event_type: str, field_name: str, value: Any) -> Any:
        """One payload field as this reader may see it."""
        return self.payload(event_type, {field_name: value}).get(field_name)

    def free_text_read(
        self,
        event_type: str,
        payload: Mapping[str, Any],
        by_uid: Mapping[str, Any] | None = None,
        entry: tuple[int, int | None] | None = None,
    ) -> bool:
        """Does this reader read the free text of this entry (its protected fields, its
        correction's reason)? Where the rules show the record's free text, but a staff
        note's only inside the court (``inside_court``); for a petition's
        entry (``PETITION_TYPES``), only if they show that of the petitioner's side too
        (``Shown.petition_texts``: a public defence office's system does not read a
        victim's request for protection, nor the court's reasons on it). A filing's
        versions (``entry``: its seq and corrects_seq) are judged by their own petitioner
        and by the filing's latest one: a victim's request first recorded under the
        accused by mistake, then corrected, is hers in every version."""
        if not self.shown.free_text:
            return False
        if event_type in STAFF_ONLY_TYPES:
            return self.inside_court
        if event_type not in PETITION_TYPES:
            return True
        read = set(self.shown.petition_texts)
        if set(PETITION_SIDES) <= read or not read:
            return bool(read)
        if event_type == PETITION_FILED:
            petitioners = [str(payload.get("petitioner") or "")]
            if entry is not None:
                seq, corrects = entry
                first = self._filing_origin.get(seq, corrects if corrects is not None else seq)
                petitioners.append(self._petitioners.get(first, ""))
        else:
            petitioners = [self._petitioners.get(_entry_number(payload.get("petition")), "")]
        return all(self.petitioner_side(p, by_uid) in read for p in petitioners)

    def petitioner_side(self, petitioner: str, by_uid: Mapping[str, Any] | None = None) -> str:
        """The side of the case ``petitioner`` (a participant id) is on, as the rules'
        ``petition_texts`` name it (``access/participant_codes.side_of``): "accused_side",
        "victim_side" or "no_side" (``by_uid``: the case's participations, if at hand)."""
        people = by_uid if by_uid is not None else self._participants
        roles = {uid: str(p.role) for uid, p in people.items()}
        wards = {uid: str(getattr(p, "stands_for", "") or "") for uid, p in people.items()}
        side = sides(roles, {g: w for g, w in wards.items() if w}).get(petitioner)
        if side == ACCUSED_SIDE:
            return "accused_side"
        return "victim_side" if side == VICTIM_SIDE else "no_side"

    @cached_property
    def _filings(self) -> tuple[Mapping[int, str], Mapping[int, int]]:
        """Each petition's petitioner, by its filing's entry number, as the filing stands
        (its latest correction), and each version's filing number: one query, only when a
        reader's rules tell sides apart."""
        rows = (
            self.case.events.model.objects.filter(case_id=self.case.pk, type=PETITION_FILED)
            .order_by("seq")
            .values_list("seq", "corrects_seq", "payload")
        )
        latest, origin = as_last_corrected(rows)
        return {seq: str((p or {}).get("petitioner") or "") for seq, p in latest.items()}, origin

    @property
    def _petitioners(self) -> Mapping[int, str]:
        return self._filings[0]

    @property
    def _filing_origin(self) -> Mapping[int, int]:
        return self._filings[1]

    def reads_petition_reasons(self, petitioner: str, clients: Collection[str] = ()) -> bool:
        """May this reader read the court's reasons on a petition whose petitioner is
        ``petitioner`` (a participant id)? Yes for a reader who sees the record's free
        text of that petitioner's side (``free_text_read``); else as the rules'
        ``petition_reasons`` say: ``own`` when the reader is the petitioner, ``clients``
        when the petitioner is among ``clients`` (the reader's clients,
        ``portal/counsel_petitions.py``)."""
        if not self.visible:
            return False
        if self.free_text_read(PETITION_FILED, {"petitioner": petitioner}):
            return True
        granted = self.shown.petition_reasons
        own = bool(self.audience.participant) and petitioner == self.audience.participant
        return ("own" in granted and own) or ("clients" in granted and petitioner in clients)

    def petition_reasons(
        self, *, petitioner: str, reasons: str, channel: str, clients: Collection[str] = ()
    ) -> str:
        """The court's ``reasons`` on a petition of ``petitioner`` as this reader may read
        them (``""`` when not), and, when shown, a line in the access log (they are free
        text of the record), in the same call."""
        if not reasons or not self.reads_petition_reasons(petitioner, clients):
            return ""
        if channel not in CHANNELS:
            raise ValueError(f"unknown channel {channel!r}")
        if self.audience.kind != "public":
            access_insert(
                access_line(
                    case_id=self.case.pk,
                    court_code=self.case.court.code,
                    audience=self.audience,
                    channel=channel,
                    classes=["free_text"],
                )
            )
        return reasons


def _entry_number(value: Any) -> int:
    """An entry number as a payload gives it (0 when it gives none)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


@dataclass(frozen=True)
class _Named:
    uid: str
    role: str
    protected: bool
    pseudonym: str


def free_text_fields(pack: Pack, event_type: str) -> tuple[str, ...]:
    et = pack.event_types.get(event_type)
    declared = tuple(
        name
        for name, spec in (et.fields.items() if et else ())
        if spec.protected or spec.type == "long_text"
    )
    return declared + CORE_FREE_TEXT.get(event_type, ())


def protected_classes(shown: Shown) -> list[str]:
    """The protected classes of data a view with ``shown`` reveals (what the access log
    records): real names of other people, identity documents, dates of birth, free text."""
    out = []
    if "full" in (shown.accused_name, shown.victim_names, shown.other_names, shown.protected_names):
        out.append("names")
    out += [c for c in ("identifiers", "birth_dates", "free_text") if getattr(shown, c)]
    return out if shown.case else []


def disclose(
    audience: Audience,
    case: Any,
    *,
    channel: str,
    facts: CaseFacts | None = None,
    pack: Pack | None = None,
) -> CaseView:
    """The view of ``case`` this reader may have, and (in the same call, so no channel can
    forget it) a line in the access log if the view shows protected data to a known reader.
    The public portal shows none, so the public is never logged."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    pack = pack or load_pack(case.court.rule_pack)
    facts = facts or held_facts(
        pack,
        audience,
        case,
        case_facts(
            case,
            pack,
            record=needs_record(pack, audience),
            expunction=needs_expunction(pack, audience),
        ),
    )
    shown = resolve(pack, audience, facts)
    view = CaseView(case=case, audience=audience, shown=shown, facts=facts, pack=pack)
    log_read(
        case_id=case.pk, court_code=case.court.code, audience=audience, channel=channel, shown=shown
    )
    return view


def log_read(
    *, case_id: int, court_code: str, audience: Audience, channel: str, shown: Shown
) -> None:
    """Record a read in the access log if it shows protected data to a known reader (for
    a view kept from an earlier request, such as the API's stored case bodies)."""
    line = read_line(
        case_id=case_id, court_code=court_code, audience=audience, channel=channel, shown=shown
    )
    if line is not None:
        access_insert(line)


def read_line(
    *, case_id: int, court_code: str, audience: Audience, channel: str, shown: Shown
) -> dict[str, Any] | None:
    """The access log's line for a read showing ``shown``, or None if it needs none
    (nothing protected shown, or a public reader)."""
    classes = protected_classes(shown)
    if not classes or audience.kind == "public":
        return None
    return access_line(
        case_id=case_id, court_code=court_code, audience=audience, channel=channel, classes=classes
    )


def view_unlogged(
    audience: Audience, case: Any, *, pack: Pack | None = None, closed_by: int | None = None
) -> CaseView:
    """The view of ``case`` this reader may have, without a line in the access log: for
    pages that show nothing protected through it, or log what they show themselves
    ("who viewed my case"; a receipt's reasons, ``CaseView.petition_reasons``). With
    ``closed_by`` (an entry's number), as it was for the messages about that entry: the
    people it released still count as held (``held_spoken_for``)."""
    pack = pack or load_pack(case.court.rule_pack)
    facts = case_facts(
        case,
        pack,
        record=needs_record(pack, audience),
        expunction=needs_expunction(pack, audience),
    )
    facts = held_facts(pack, audience, case, facts, closed_by=closed_by)
    shown = resolve(pack, audience, facts)
    return CaseView(case=case, audience=audience, shown=shown, facts=facts, pack=pack)


def case_exists_for(audience: Audience, case: Any, *, pack: Pack | None = None) -> bool:
    """Does ``case`` exist for ``audience`` at all, without a log line: for channels that
    show no protected data (notifications say only that something happened; "who viewed
    my case" shows the log). Reads the record only if a rule on existence needs it."""
    pack = pack or load_pack(case.court.rule_pack)
    record = needs_record(pack, audience, only=("case",))
    facts = case_facts(case, pack, record=record, expunction=needs_expunction(pack, audience))
    return resolve(pack, audience, held_facts(pack, audience, case, facts)).case


def disclose_many(
    audience_of: Callable[[Any], Audience],
    cases: Sequence[Any],
    *,
    channel: str,
    shows: tuple[str, ...],
    narrow: bool = False,
) -> dict[int, CaseView]:
    """``disclose`` for a page of cases (a search result list, a calendar): each case's
    view for its reader (``audience_of(case)``: the reader's roles differ by court), and in
    the same call one multi-row INSERT in the access log, a line for each case whose row
    shows the reader protected data. ``shows``: the classes the page's rows put on screen
    (e.g. ``accused_name`` for a list, ``hearings`` for a calendar); only those are logged.
    Costs one query for the whole page to tell expunged cases from sealed ones, plus two
    for the status events and charges of the cases where a rule for the reader needs them
    (``records_of``; ``narrow``: see ``disclose_pairs``), whatever the number of cases."""
    reads = [(audience_of(c), c) for c in cases]
    views = disclose_pairs(reads, channel=channel, shows=shows, narrow=narrow)
    return {view.case.pk: view for view in views}


def disclose_pairs(
    reads: Sequence[tuple[Audience, Any]],
    *,
    channel: str,
    shows: tuple[str, ...],
    narrow: bool = False,
) -> list[CaseView]:
    """``disclose_many`` for a page where one case may be read by more than one audience
    (a lawyer's own participation and her client's, on "My cases"): a view for each
    (audience, case) pair, in order, and one INSERT in the access log for the page.

    With ``narrow`` (lists that read nothing but the classes ``shows`` of their views, such
    as the due lists), each view hides every class not in ``shows`` (fail closed), and so
    the case's status and offences are read only where a rule for the reader that sets
    ``case`` or one of ``shows`` looks at them: a list of names of the accused costs no
    query per case even for an API token."""
    views, logged = disclose_deferred(reads, channel=channel, shows=shows, narrow=narrow)
    access_records_write(logged, channel=channel)
    return views


def disclose_deferred(
    reads: Sequence[tuple[Audience, Any]],
    *,
    channel: str,
    shows: tuple[str, ...],
    narrow: bool = False,
) -> tuple[list[CaseView], list[ListRead]]:
    """``disclose_pairs`` without writing the access log: the views, and the lines the
    caller must write (``access_records_write``) once the page is shown, and only for
    the cases it showed. For a page that may never reach its reader: an agency's
    webhook is read only when its receiver takes the POST (``notify.agency_hooks``),
    and a failed attempt, retried ten times, is no read at all."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    sealed = [c.pk for _a, c in reads if c.confidentiality == "sealed"]
    expunged = expunged_among(sealed)
    needs = [
        needs_record(load_pack(c.court.rule_pack), a, only=("case", *shows) if narrow else None)
        for a, c in reads
    ]
    # the records the rules look at, read for the whole page at once (two queries)
    records = records_of([c for (_a, c), need in zip(reads, needs, strict=True) if need])
    views: list[CaseView] = []
    logged: list[ListRead] = []
    for (audience, case), need in zip(reads, needs, strict=True):
        pack = load_pack(case.court.rule_pack)
        facts = case_facts(
            case,
            pack,
            record=need,
            expunction=needs_expunction(pack, audience),
            expunged=case.pk in expunged,
            rows=records.get(case.pk),
        )
        facts = held_facts(pack, audience, case, facts)
        shown = resolve(pack, audience, facts)
        if narrow:
            shown = only_classes(shown, shows)
        views.append(CaseView(case=case, audience=audience, shown=shown, facts=facts, pack=pack))
        classes = shown_on_screen(shown, shows)
        if classes and audience.kind != "public":
            logged.append(ListRead(case.pk, case.court.code, audience, classes))
    return views, logged


def only_classes(shown: Shown, shows: tuple[str, ...]) -> Shown:
    """``shown`` with every class but ``case`` and those of ``shows`` hidden."""
    hidden: dict[str, Any] = {c: False for c in BOOL_CLASSES if c != "case" and c not in shows}
    hidden.update({c: "hidden" for c in NAME_CLASSES if c not in shows})
    return replace(shown, **hidden)


def name_classes(participations: Iterable[Any]) -> tuple[str, ...]:
    """The name classes a list naming these participations reads (``CaseView.name_level``):
    the accused's, victims', others', and protected people's where any is protected."""
    found: set[str] = set()
    for p in participations:
        found.add(
            "accused_name"
            if p.role == "accused"
            else "victim_names"
            if p.role in VICTIM_ROLES
            else "other_names"
        )
        if p.protected or p.pseudonym:
            found.add("protected_names")
    return tuple(c for c in NAME_CLASSES if c in found)


def shown_on_screen(shown: Shown, shows: tuple[str, ...]) -> list[str]:
    """The classes of data logged for a row that puts the classes ``shows`` on screen: a
    real name ("names"), hearings, identity documents, dates of birth, free text."""
    if not shown.case:
        return []
    names = any(c in NAME_CLASSES and getattr(shown, c) == "full" for c in shows)
    rest = ("hearings", "identifiers", "birth_dates", "free_text")
    return ["names"] * names + [c for c in rest if c in shows and getattr(shown, c)]


# The audience of a notification: any participant of the case (a message is rendered once
# per language, not per reader, so it shows no more than every participant may see).
ANY_PARTICIPANT = Audience(kind="participant")
