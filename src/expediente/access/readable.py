"""Which docket entries a participant reads outside the court: one answer for the three
places that show a participant the case's history, so that they cannot disagree.

- the history on their portal page (``portal/case_view._timeline``);
- the count of entries new since their last visit at /my/ (``portal/last_seen.new_counts``):
  an entry the page leaves out, counted, makes the number wrong and hints that
  something is kept back;
- the messages about a new entry (``notify/outbox.queue_event``): a message about an
  entry the page leaves out tells what the page keeps back.

Entries are of three kinds (``who_reads``):

- the staff's internal notes (``note.added``): no participant reads them;
- a consular entry (``consular.rights_informed``, ``consular.post_notified``): it says
  that the person it names is a foreign national, so it is read only by those
  ``custody.consular.may_read_entry`` lets read it (that rule is custody's: it is
  called here, never copied);
- every other entry: every participant of the case.

What of an entry a reader sees (names, free text, a measure's details) is decided
elsewhere (``access/disclosure.CaseView``, ``portal/case_view._details``), and so is
whether the case exists for them at all (a sealed case: ``access/disclosure.disclose``),
and, in a sealed case read only for the detention of someone held, which entries are in
that part (``access/detention_part.DetentionPart``, applied after this module's answer).
This module answers only whether the entry is there for them.

A reader is a ``docket.standing.Standing``: the participant's id, role in the case and,
for a guardian, whom she stands for (her side of the case), and for a defence lawyer, the
accused the docket records her acting for (``docket/counsel.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from expediente.custody.consular import is_consular_entry, may_read_entry
from expediente.docket.standing import Standing

Who = Literal["everyone", "nobody", "some"]

# entries no participant reads: the staff's notes are internal
STAFF_ONLY_TYPES: frozenset[str] = frozenset({"note.added"})


def who_reads(event_type: str) -> Who:
    """Who reads entries of this type outside the court: ``everyone`` in the case,
    ``nobody``, or ``some`` (it depends on the reader and on the entry: ask
    ``may_read``). Lets a caller skip reading the readers when the answer is the same for
    all."""
    if event_type in STAFF_ONLY_TYPES:
        return "nobody"
    if is_consular_entry(event_type):
        return "some"
    return "everyone"


def may_read(reader: Standing, event_type: str, payload: Mapping[str, Any] | None) -> bool:
    """May this participant read this entry outside the court: on their portal page, in
    the count of what is new, in a message about it?"""
    who = who_reads(event_type)
    if who != "some":
        return who == "everyone"
    return may_read_entry(
        event_type,
        dict(payload or {}),
        participant=reader.participant,
        role=reader.role,
        stands_for=reader.ward,
        acts_for=reader.acts_for,
    )
