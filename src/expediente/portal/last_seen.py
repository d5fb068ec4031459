""" "New since your last visit" at /my/: how many entries arrived in each case since the
account last opened that case's page, and which entries of the page they are.

Each opening of a case page at /my/ remembers, on the link it was opened through
(``portal.LinkVisit``), the last entry of the case the page read. The account's last
visit to a case is the latest of its links' (a public defender follows the case through
her own participation and her client's: opening either is a visit). A case never opened
has no last visit, and its first visit counts nothing as new: the account had never
seen the case, not seen all of it.

Only entries the account may read count: those the case page it opens shows, as the
participation it opens the case through reads them (``access.readable.may_read``: not
the staff's internal notes, nor a consular entry but to those its rule names), in a
case the rules show it (the caller counts only the cases it lists).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Sequence
from functools import reduce

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, F, Q
from django.db.models.functions import Greatest

from expediente.access.detention_part import PETITION_FILED, DetentionPart
from expediente.access.models import ParticipantLink
from expediente.access.readable import may_read, who_reads
from expediente.docket.models import Event
from expediente.docket.standing import Standing
from expediente.portal.case_view import Item
from expediente.portal.models import LinkVisit


def last_seen(links: Iterable[ParticipantLink]) -> dict[int, int]:
    """The last entry seen of each case, over the given links (read with
    ``select_related("visit")``), for the cases with a visit."""
    seen: dict[int, int] = {}
    for link in links:
        try:
            seq = link.visit.last_seen_seq
        except ObjectDoesNotExist:
            continue
        seen[link.case_id] = max(seq, seen.get(link.case_id, 0))
    return seen


def new_counts(
    seen: dict[int, int],
    readers: dict[int, Standing],
    parts: dict[int, DetentionPart] | None = None,
) -> dict[int, int]:
    """For each case with a last visit, how many entries recorded after it the case's
    reader (``readers``: the participation the account opens the case through) may read;
    a case with none is left out. One query whatever the number of cases (the new entries
    counted by case and type), and a second only when some of them are entries that not
    every participant reads (a consular entry: ``access.readable.who_reads``), for
    those entries alone. ``parts``: the cases a reader reads only the detention part of
    (a sealed case, ``access/detention_part.py``), counted as its page shows them (one
    query each)."""
    if not seen:
        return {}
    parts = {c: part for c, part in (parts or {}).items() if c in seen}
    counted = {c: _part_count(c, seen[c], part, readers.get(c)) for c, part in parts.items()}
    seen = {c: seq for c, seq in seen.items() if c not in parts}
    after = Q(pk__in=[])
    for case_id, seq in seen.items():
        after |= Q(case_id=case_id, seq__gt=seq)
    rows = (
        Event.objects.filter(after)
        .values("case_id", "type")
        .annotate(n=Count("id"))
        .values_list("case_id", "type", "n")
    )
    counts: dict[int, int] = {}
    some: list[Q] = []  # the (case, type) pairs whose entries are read one by one
    for case_id, event_type, n in rows:
        who = who_reads(event_type)
        if who == "everyone":
            counts[case_id] = counts.get(case_id, 0) + n
        elif who == "some" and case_id in readers:
            some.append(Q(case_id=case_id, type=event_type, seq__gt=seen[case_id]))
    if some:
        entries = Event.objects.filter(reduce(operator.or_, some)).values_list(
            "case_id", "type", "payload"
        )
        for case_id, event_type, payload in entries:
            if may_read(readers[case_id], event_type, payload):
                counts[case_id] = counts.get(case_id, 0) + 1
    counts.update(counted)
    return {case_id: n for case_id, n in counts.items() if n}


def _part_count(case_id: int, after: int, part: DetentionPart, reader: Standing | None) -> int:
    """How many entries after ``after`` the detention part shows (with the petitions
    filed before, which an answer after it may answer)."""
    rows = (
        Event.objects.filter(case_id=case_id)
        .filter(Q(seq__gt=after) | Q(type=PETITION_FILED))
        .order_by("seq")
        .values_list("seq", "type", "payload")
    )
    return sum(
        1
        for seq, event_type, payload in rows
        if part.has(seq, event_type, payload)
        and seq > after
        and (reader is None or may_read(reader, event_type, payload))
    )


def case_page_seen(*, link: ParticipantLink, up_to: int, now: dt.datetime) -> int | None:
    """Remember that the account read the case through ``link`` up to entry ``up_to``;
    the last entry it had seen of the case before (through any of its links), None on
    its first visit. A page read before another that read more (two tabs) does not
    take the mark back."""
    before = LinkVisit.objects.filter(
        link__user_id=link.user_id, link__case_id=link.case_id
    ).values_list("last_seen_seq", flat=True)
    previous = max(before, default=None)
    _visit, created = LinkVisit.objects.get_or_create(
        link=link, defaults={"last_seen_seq": up_to, "seen_at": now}
    )
    if not created:
        LinkVisit.objects.filter(link=link).update(
            last_seen_seq=Greatest(F("last_seen_seq"), up_to), seen_at=now
        )
    return previous


def mark_new(timeline: Sequence[Item], previous: int | None) -> int:
    """Mark the page's entries recorded after the last visit; how many there are."""
    if previous is None:
        return 0
    new = [item for item in timeline if item.seq > previous]
    for item in new:
        item.new = True
    return len(new)
