"""The detention part of a sealed case: what a sealing order must not take from a person
held in the case, nor from those who speak for them.

A sealing order (``case.sealed``) takes the case out of every view outside the court
(disclosure rule ``sealed``). While someone is held in the case, though, they keep the
right to know the grounds of their detention and to take proceedings before a court
(ICCPR art. 9(2), 9(4); American Convention art. 7(4), 7(6); MISSION ¶18). The pack's
disclosure rule ``sealed_detention_own`` (``when: {held: true}``, ``show: {part:
detention}``) keeps, for that person and those who speak for them, the detention part of
the case, and nothing else of it. This module answers the two questions the rule needs
answered from the record, which cannot be data:

- ``held_spoken_for``: whom in the case, held now (an open custody period), does this
  participant speak for? The accused themself; a defence lawyer's clients (every accused
  when the docket records none for her: ``docket/counsel.py``); the person a guardian is
  recorded standing for (``docket/standing.py``). The same relation as the consular
  entries' (``custody.consular.speaks_for``). Empty for anyone else, and once the person
  is released: the rule then stops applying by itself, and so it does when the case is
  unsealed (the rule is for sealed cases only). A person who died in custody
  (``custody.died`` ended their last period) stays among the people held for those who
  spoke for them (not for the person themself): the family keeps the record of the death
  and of the inquiry owed.
- ``DetentionPart``: is this docket entry part of it? The custody and consular
  entries about those people and the court's computation of their sentence's end, the
  petitions the reader or they filed or that concern their detention, with the court's
  answers to them. Nothing else: no other participant's entry, no hearing, no
  charge.

What the reader then sees of the case (``access/disclosure.CaseView``: no other class of
data; the people spoken for named) and which petitions they may file
(``petitions.offer``: the detention petitions) is decided where the rest of it is.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from django.db.models import Q

from expediente.custody.consular import speaks_for
from expediente.custody.models import CustodyPeriod
from expediente.custody.periods import DIED_IN_CUSTODY
from expediente.docket.counsel import clients_of
from expediente.docket.models import Case, Participation
from expediente.docket.standing import Standing, standings
from expediente.rules.schema import Pack

DETENTION_PREFIXES = ("custody.", "consular.")
# entries of the pack's ``custody`` group outside those prefixes: the court's computation
# of the day a sentence ends (which sets the deadline on the held person's clock)
DETENTION_TYPES = frozenset({"sentence.computed"})
PETITION_FILED = "petition.filed"
PETITION_DECIDED = "petition.decided"


def held_spoken_for(
    case: Case, participant: str, *, closed_by: int | None = None
) -> frozenset[str]:
    """The people held in ``case`` now whom ``participant`` (a participant id) speaks
    for: two queries (the participation, the open custody periods). With ``closed_by``
    (an entry's number), also whoever that entry released: the custody projection has
    closed the period before the entry's messages are queued, and the release is the
    detention part's last entry for them."""
    me = Participation.objects.filter(case_id=case.pk, uid=participant).first()
    if me is None:
        return frozenset()
    open_now = Q(ended_at__isnull=True)
    if closed_by is not None:
        open_now |= Q(end_seq=closed_by)
    # a death in custody ends the person's last period: those who spoke for them keep
    # the record of it (the death, the inquiry owed); the person themself does not
    open_now |= Q(end_type=DIED_IN_CUSTODY) & ~Q(participation__uid=me.uid)
    held = CustodyPeriod.objects.filter(open_now, case_id=case.pk)
    clients = clients_of(me)
    return frozenset(
        uid
        for uid in held.values_list("participation__uid", flat=True)
        if speaks_for(
            uid,
            participant=me.uid,
            role=me.role,
            stands_for=me.stands_for or "",
            acts_for=clients,
        )
    )


class DetentionPart:
    """Which entries of ``case`` are in the detention part for one reader: ``reader`` (a
    participant id) and ``held`` (``held_spoken_for``). Read the entries in order: an
    answer is in it when the petition it answers was. A petition about a detention filed
    by someone else is in it when it is a request of the held person's side (their
    defence's, their guardian's) about one of them (``petitions.detention.whose``); a
    victim's petition about the same detention is not. The case's standings are read once
    (one query, the first time such a filing is met), or given as ``known``, shared by
    the readers of one entry."""

    def __init__(
        self,
        reader: str,
        held: Collection[str],
        *,
        case: Case,
        known: Mapping[str, Standing] | None = None,
    ) -> None:
        self.reader = reader
        self.held = frozenset(held)
        self.case = case
        self._known = known
        self._petitions: set[int] = set()

    def has(self, seq: int, event_type: str, payload: Mapping[str, Any] | None) -> bool:
        p = payload or {}
        if event_type.startswith(DETENTION_PREFIXES) or event_type in DETENTION_TYPES:
            return str(p.get("person") or "") in self.held
        if event_type == PETITION_FILED:
            if str(p.get("petitioner") or "") in self.held | {self.reader} or self._concerns(p):
                self._petitions.add(seq)
                return True
            return False
        if event_type == PETITION_DECIDED:
            return _int(p.get("petition")) in self._petitions
        return False

    def _concerns(self, payload: Mapping[str, Any]) -> bool:
        """Is this filing a request of the held side about the detention of someone held
        whom the reader speaks for?"""
        if not self.held:
            return False
        from expediente.petitions.detention import ABOUT_DETENTION, whose

        if payload.get("kind") not in ABOUT_DETENTION:
            return False
        if self._known is None:
            self._known = standings(self.case)
        found = whose(self.case, dict(payload), known=self._known)
        return found.accused_side and found.person in self.held


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def readers_of_entry(case: Case, event: Any, readers: Collection[str]) -> set[str]:
    """Which of ``readers`` (participant ids) read ``event`` (an entry of the sealed
    ``case``) as the pack's rules give the case to each (``access/disclosure``): for the
    messages about a new entry, which in a sealed case reach only them
    (``notify/outbox._who_may_read``). A reader given the detention part reads the
    entries in it (counting whoever this very entry released: ``held_spoken_for``); an
    answer to a petition is in it when the petition was (one query for its filing). A
    reader given the whole case (an expunged case's own accused and defence: rule
    ``expunged_own_record``) reads every entry the portal shows them."""
    from expediente.access.disclosure import participant_audience, view_unlogged

    roles = dict(
        Participation.objects.filter(case_id=case.pk, uid__in=list(readers)).values_list(
            "uid", "role"
        )
    )
    filed: list[tuple[int, str, Mapping[str, Any] | None]] = []
    asked = _int((event.payload or {}).get("petition"))
    if event.type == PETITION_DECIDED and asked is not None:
        filed = list(
            case.events.filter(seq=asked, type=PETITION_FILED).values_list("seq", "type", "payload")
        )
    out = set()
    known: dict[str, Standing] | None = None
    for uid, role in roles.items():
        audience = participant_audience(participant=uid, role=role, actor=None)
        view = view_unlogged(audience, case, closed_by=event.seq)
        if not view.visible:
            continue
        if view.shown.part != "detention":
            out.add(uid)
            continue
        if known is None:
            known = standings(case)
        part = DetentionPart(uid, view.facts.held, case=case, known=known)
        for seq, event_type, payload in filed:
            part.has(seq, event_type, payload)
        if part.has(event.seq, event.type, event.payload):
            out.add(uid)
    return out


def readers_of_alert(case: Case, person: str, readers: Collection[str]) -> set[str]:
    """Which of ``readers`` (participant ids) may be told of a deadline alert about
    ``person`` (a participant id, "" for the whole case) in the sealed ``case``: a reader
    given the detention part, when ``person`` is one of the people held she speaks for
    (the deadline is on their clock); a reader given the whole case (rule
    ``expunged_own_record``), always. Nobody else: a sealed case does not exist for them.
    A few queries per reader (alerts are few)."""
    from expediente.access.disclosure import participant_audience, view_unlogged

    roles = dict(
        Participation.objects.filter(case_id=case.pk, uid__in=list(readers)).values_list(
            "uid", "role"
        )
    )
    out = set()
    for uid, role in roles.items():
        view = view_unlogged(participant_audience(participant=uid, role=role, actor=None), case)
        if not view.visible:
            continue
        if view.shown.part != "detention" or (person and person in view.facts.held):
            out.add(uid)
    return out


def kept_for(case: Case, pack: Pack) -> list[str]:
    """The people held in ``case`` now (participant ids, in the order they were added)
    whose detention part the pack's rules keep outside the court once the case is sealed
    (a rule on ``held`` showing the part ``detention``): what the court is told when it
    seals the case, and on its case page while it is sealed. One query, none when the
    pack keeps nothing."""
    keeps = any(
        rule.when.held and rule.show.case and rule.show.part == "detention"
        for rule in pack.disclosure.values()
    )
    if not keeps:
        return []
    held = CustodyPeriod.objects.filter(case_id=case.pk, ended_at__isnull=True)
    uids = held.order_by("participation__added_seq").values_list("participation__uid", flat=True)
    return list(dict.fromkeys(uids))
