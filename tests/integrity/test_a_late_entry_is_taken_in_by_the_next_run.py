"""On PostgreSQL an entry's id is given when it is inserted, not when it commits: an
append still in progress can commit after a later id was already taken into the log.
The log takes in "every entry not yet in it", not "ids after the last one", so such an
entry is taken in by the next run, at the end of the log (whose order is its own)."""

from __future__ import annotations

from expediente.docket.models import Event
from expediente.integrity import log
from expediente.integrity.models import Checkpoint, Leaf


def test_an_entry_invisible_to_one_run_is_taken_in_by_the_next(docket, monkeypatch, checkpoint):
    ids = list(Event.objects.order_by("pk").values_list("pk", flat=True))
    late = ids[2]  # its transaction had not committed when the first run looked
    seen = log._missing

    def not_yet_committed(after: int, limit: int):  # type: ignore[no-untyped-def]
        return [row for row in seen(after, limit) if row[0] != late]

    monkeypatch.setattr(log, "_missing", not_yet_committed)
    checkpoint()
    assert Leaf.objects.count() == 6
    assert not Leaf.objects.filter(event_id=late).exists()

    monkeypatch.setattr(log, "_missing", seen)
    checkpoint()
    assert Leaf.objects.get(event_id=late).position == 6
    assert list(Checkpoint.objects.values_list("size", flat=True)) == [6, 7]
