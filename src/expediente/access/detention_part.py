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
  unsealed (the rule is for sealed cases only).
- ``in_detention_part``: is this docket entry part of it? The custody and consular
  entries about those people, and the petitions the reader or they filed, with the
  court's answers to them. Nothing else: no other participant's entry, no hearing, no
  charge.

What the reader then sees of the case (``access/disclosure.CaseView``: no other class of
data; the people spoken for named) and which petitions they may file
(``petitions.offer``: the detention petitions) is decided where the rest of it is.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from expediente.custody.consular import speaks_for
from expediente.custody.models import CustodyPeriod
from expediente.docket.counsel import clients_of
from expediente.docket.models import Case, Participation

DETENTION_PREFIXES = ("custody.", "consular.")
PETITION_FILED = "petition.filed"
PETITION_DECIDED = "petition.decided"


def held_spoken_for(case: Case, participant: str) -> frozenset[str]:
    """The people held in ``case`` now whom ``participant`` (a participant id) speaks
    for: two queries (the participation, the open custody periods)."""
    me = Participation.objects.filter(case_id=case.pk, uid=participant).first()
    if me is None:
        return frozenset()
    held = CustodyPeriod.objects.filter(case_id=case.pk, ended_at__isnull=True)
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
    """Which entries of a case are in the detention part for one reader: ``reader`` (a
    participant id) and ``held`` (``held_spoken_for``). Read the entries in order: an
    answer is in it when the petition it answers was."""

    def __init__(self, reader: str, held: Collection[str]) -> None:
        self.reader = reader
        self.held = frozenset(held)
        self._petitions: set[int] = set()

    def has(self, seq: int, event_type: str, payload: Mapping[str, Any] | None) -> bool:
        p = payload or {}
        if event_type.startswith(DETENTION_PREFIXES):
            return str(p.get("person") or "") in self.held
        if event_type == PETITION_FILED:
            if str(p.get("petitioner") or "") in self.held | {self.reader}:
                self._petitions.add(seq)
                return True
            return False
        if event_type == PETITION_DECIDED:
            return _int(p.get("petition")) in self._petitions
        return False


def in_detention_part(
    reader: str, held: Collection[str], entries: list[tuple[int, str, Mapping[str, Any] | None]]
) -> set[int]:
    """The entry numbers of ``entries`` (seq, type, payload; in order) in the detention
    part for ``reader``."""
    part = DetentionPart(reader, held)
    return {seq for seq, event_type, payload in entries if part.has(seq, event_type, payload)}


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
