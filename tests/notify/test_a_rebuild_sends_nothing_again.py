"""The outbox is not a projection: rebuilding the projections from the log queues no
notification again, and ``rebuild --check`` finds the outbox unchanged."""

import datetime as dt

from expediente.docket.rebuild import rebuild
from expediente.notify.models import Delivery, Notification
from tests.conftest import NOW


def test_rebuild_queues_nothing_new_and_check_finds_no_difference(accused_case, follow, record):
    record(
        accused_case,
        "hearing.scheduled",
        {
            "hearing": "H0",
            "kind": "preliminary",
            "starts_at": "2026-04-09T09:00:00-06:00",
        },
    )  # before anyone subscribed: never to be sent, not even by a rebuild
    follow(accused_case, "P2", "email", "ana@example.org")
    follow(accused_case, "P2", "inbox")
    record(
        accused_case,
        "hearing.scheduled",
        {
            "hearing": "H1",
            "kind": "preliminary",
            "starts_at": "2026-04-10T09:00:00-06:00",
        },
        occurred_at=NOW - dt.timedelta(days=1),
    )
    before = sorted(Delivery.objects.values_list("key", "status"))
    assert len(before) == 2

    assert rebuild(check=True).differences == []
    rebuild()

    assert Notification.objects.count() == 1
    assert sorted(Delivery.objects.values_list("key", "status")) == before
    assert rebuild(check=True).differences == []
