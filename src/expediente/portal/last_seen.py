""" "New since your last visit" at /my/: how many entries arrived in each case since the
account last opened that case's page, and which entries of the page they are.

Each opening of a case page at /my/ remembers, on the link it was opened through
(``portal.LinkVisit``), the last entry of the case the page read. The account's last
visit to a case is the latest of its links' (a public defender follows the case through
her own participation and her client's: opening either is a visit). A case never opened
has no last visit, and its first visit counts nothing as new: the account had never
seen the case, not seen all of it.

Only entries the account may see count: those a participant's page shows
(``case_view.PARTICIPANTS_SEE``: not the staff's internal notes), in a case the rules
show it (the caller counts only the cases it lists).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, F, Q
from django.db.models.functions import Greatest

from expediente.access.models import ParticipantLink
from expediente.docket.models import Event
from expediente.portal.case_view import STAFF_ONLY_TYPES, Item
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


def new_counts(seen: dict[int, int]) -> dict[int, int]:
    """For each case with a last visit, how many entries the account may see were
    recorded after it (one query, whatever the number of cases)."""
    if not seen:
        return {}
    q = Q(pk__in=[])
    for case_id, seq in seen.items():
        q |= Q(case_id=case_id, seq__gt=seq)
    rows = (
        Event.objects.filter(q)
        .exclude(type__in=STAFF_ONLY_TYPES)
        .values("case_id")
        .annotate(n=Count("id"))
        .values_list("case_id", "n")
    )
    return dict(rows)


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
