"""The docket feed: every entry an API reader may read, across all the cases of its
courts, in the order of the Merkle log (``integrity/log.py``), page after page.

An agency's system (a prosecution office, a public defence office, a prison) follows
its courts' dockets with it instead of asking for each case in turn: ``GET
/api/v1/feed`` (``api/feed_routes.py``) pulls a page, and the agency's webhook
(``notify/agency_hooks.py``) is pushed the same pages as they fill.

Why the log's order and not the entries' ids: on PostgreSQL an entry may commit after
an entry with a higher id, so "entries with an id above the last one seen" would miss it
for good. The log's positions are given once, without gaps, to committed entries only,
and an entry that committed late is taken in at the next position (``log_append``): a
reader that resumes after the last position it saw misses nothing and is given nothing
twice. The price is a delay: an entry appears once the worker has taken it into the log
(every ``EXPEDIENTE_FEED_SECONDS``, 5 by default; a late one at the next full pass).

Each entry is shown as ``GET /cases/{nuid}/events`` shows it to this reader (the same
``event_out`` under the same disclosure view: a defence office's system reads no victim's
petition text, and no agency's system a staff note's), and a page logs one read per case
whose protected data it shows, as a list of cases does
(``access.disclosure.disclose_many``). A webhook's page is built without logging
(``log=False``) and logs, once its receiver took the POST, the cases of the items it
sent (``feed_log``): a failed attempt is no read. Entries of cases the reader may not
read (another court, a sealed case) are passed over without a trace; the cursor moves
past them all the same.

What the feed never gives again: an entry passed over because the reader could not read
its case then (a case sealed when it was opened, a court the token did not have). The
feed is stateless, so it cannot know which cases a reader has seen; the rule for
clients (docs/api.md) is that an item of a case they have not seen before, and the
``case.unsealed`` item that opens a sealed case to them, mean "read this case's events
from the start" (``GET /cases/{nuid}/events``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from expediente.access.access_log_lists import ListRead, access_records_write
from expediente.access.capabilities import Capability
from expediente.access.disclosure import audiences_by_court, disclose_deferred
from expediente.access.policy import Actor, can
from expediente.api.cursors import cursor_make, cursor_read
from expediente.api.present import event_out
from expediente.docket.models import Case, Event
from expediente.integrity.models import Leaf
from expediente.integrity.store import tree_size

# What an entry's payload may put before the reader: logged for each case of a page
# (``shown_on_screen`` keeps those the reader's view shows).
SHOWS = (
    "accused_name",
    "victim_names",
    "other_names",
    "protected_names",
    "hearings",
    "identifiers",
    "birth_dates",
    "free_text",
)

# How far past the cursor one page looks, per entry asked for: a token of one small
# court among many is answered promptly with fewer entries (and a cursor that moved on)
# rather than after a walk through the whole log.
SCAN_FACTOR = 20

CURSOR = re.compile(r"log:(0|[1-9][0-9]{0,17})")


@dataclass(frozen=True)
class FeedPage:
    items: list[dict[str, Any]]
    next_start: int  # the log position the next page starts at
    more: bool  # the log holds entries from ``next_start`` on already
    log_size: int
    # the access-log line of each case the page shows protected data of, by nuid: written
    # already if the page was built with ``log``, else ``feed_log``'s to write
    reads: dict[str, ListRead] = field(default_factory=dict)


def cursor_decode(cursor: str | None) -> int:
    """The log position a cursor given out by ``cursor_encode`` stands for (0 for none:
    from the start of the log). Anything else is refused naming the field."""
    return int(cursor_read(cursor, CURSOR)[1]) if cursor else 0


def cursor_encode(start: int) -> str:
    return cursor_make(f"log:{start}")


def feed_page(*, actor: Actor, start: int = 0, limit: int = 50, log: bool = True) -> FeedPage:
    """Up to ``limit`` entries this reader may read, from log position ``start`` on.

    The caller has checked that the reader may view cases at all (``case.view``). Reads
    at most ``limit * SCAN_FACTOR`` positions: a page may hold fewer entries than asked
    for, even none, while ``more`` is true; go on from ``next_start`` until ``more`` is
    false. With ``log`` (the pull route: the answer is the read) the cases shown are
    logged now, in one INSERT; without it the caller logs what it showed, once it did
    (``feed_log``)."""
    if start < 0:
        raise ValueError("a log position is 0 or more")
    size = tree_size()  # positions past it are not read now, even if taken in meanwhile
    end = min(start + limit * SCAN_FACTOR, size)
    leaves = Leaf.objects.filter(position__gte=start, position__lt=end).order_by("position")
    if actor.courts:
        leaves = leaves.filter(event__case__court__code__in=sorted(actor.courts))
    rows = list(leaves.values_list("position", "event_id", "event__case_id")[: limit + 1])
    if len(rows) > limit:  # the page is full before the end of the scan: end after it
        rows = rows[:limit]
        end = rows[-1][0] + 1
    cases = _readable_cases({case_id for _p, _e, case_id in rows}, actor)
    audience_of = audiences_by_court(actor)
    found, lines = disclose_deferred(
        [(audience_of(c), c) for c in cases.values()], channel="api", shows=SHOWS
    )
    if log:
        access_records_write(lines, channel="api")
    views = {view.case.pk: view for view in found}
    shown = [row for row in rows if row[2] in views and views[row[2]].visible]
    events = Event.objects.in_bulk([event_id for _p, event_id, _c in shown])
    items = []
    for position, event_id, case_id in shown:
        case = cases[case_id]
        items.append(
            {
                "position": position,
                "case": case.nuid,
                "court": case.court.code,
                "event": event_out(events[event_id], views[case_id]),
            }
        )
    next_start = max(end, start)
    return FeedPage(
        items=items,
        next_start=next_start,
        more=next_start < size,
        log_size=size,
        reads={cases[line.case_id].nuid: line for line in lines},
    )


def feed_log(page: FeedPage, items: list[dict[str, Any]]) -> None:
    """Log, in one INSERT, the reads of a page built without ``log`` that reached its
    reader: a line for each case of ``items`` (the page's, or the part of it sent)
    whose protected data the page shows, as ``feed_page`` would have logged them."""
    sent = {item["case"] for item in items}
    access_records_write([line for nuid, line in page.reads.items() if nuid in sent], channel="api")


def _readable_cases(case_ids: set[int], actor: Actor) -> dict[int, Case]:
    """The cases among these that the reader may view (its courts, sealed ones only for
    the roles that read them: ``access.policy.can``)."""
    found = Case.objects.select_related("court").in_bulk(sorted(case_ids))
    return {pk: c for pk, c in found.items() if can(actor, Capability.CASE_VIEW, case=c)}
