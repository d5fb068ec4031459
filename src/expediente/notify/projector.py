"""The outbox's hook into the write path: registered with ``docket.projection`` so that
``event_record`` queues the notifications of an entry in the same transaction as the
entry itself (DESIGN principle 7: a transactional outbox).

The outbox is not a projection: it records what the court has promised to tell, and
what it sent. So ``reset`` deletes nothing, and replaying the log in a rebuild queues
nothing new: an entry already notified has its ``Notification`` (unique key
``event:<id>``), and an entry that was not notified had no subscriber at the time (a
subscription only covers entries numbered after the case's last entry when it was made,
and is made holding the case, ``rows.hold_case``, so that every entry is recorded either
before it or after it). ``snapshot`` lists
the outbox so ``rebuild --check`` proves it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from typing import Any

from expediente.docket.models import Case, Event
from expediente.notify.models import Notification, Subscription
from expediente.notify.outbox import queue_event
from expediente.rules.schema import Pack

# what the probe gives for each subscription, in order
SUBSCRIPTION_COLUMNS = ("id", "participant", "channel", "address", "language")


# the names of the values of ``snapshot``'s rows, by kind of row (docket/projection.py)
SNAPSHOT_COLUMNS = {"notification": ("kind", "case__nuid", "event_seq")}


class NotifyProjector:
    name = "notify"
    columns = SNAPSHOT_COLUMNS
    # On PostgreSQL the append evaluates this in its insert statement (docket.projection):
    # a case nobody follows costs no round trip, and a followed case's subscriptions come
    # back with the entry's id (apply_found). The same condition and order as
    # queue_event's query; the columns are those of SUBSCRIPTION_COLUMNS.
    probe = (
        "(SELECT json_agg(json_build_array(s.id, s.participant, s.channel, s.address,"
        " s.language) ORDER BY s.id) FROM notify_subscription s"
        " WHERE s.case_id = probe.case_id AND s.active AND s.from_seq < probe.seq)"
    )

    def check(
        self,
        case: Case,
        type_name: str,
        payload: dict[str, Any],
        occurred_at: dt.datetime,
        corrects_seq: int | None = None,
    ) -> None:
        return None

    def apply(self, case: Case, event: Event, pack: Pack) -> None:
        if event.type != "case.opened":
            queue_event(case, event, pack)

    def apply_found(self, case: Case, event: Event, pack: Pack, found: Any) -> None:
        """``apply``, given the subscriptions the probe found (psycopg reads its JSON as
        a list of rows)."""
        if event.type != "case.opened":
            subs = [
                Subscription(case_id=case.pk, **dict(zip(SUBSCRIPTION_COLUMNS, row, strict=True)))
                for row in found
            ]
            queue_event(case, event, pack, subs=subs)

    def reset(self) -> None:
        return None  # the outbox survives a rebuild: see the module's docstring

    def snapshot(self) -> dict[Hashable, tuple[Any, ...]]:
        rows = Notification.objects.values_list("key", *SNAPSHOT_COLUMNS["notification"])
        out: dict[Hashable, tuple[Any, ...]] = {}
        for key, *rest in rows.iterator():
            out[("notification", key)] = tuple(rest)
        return out
