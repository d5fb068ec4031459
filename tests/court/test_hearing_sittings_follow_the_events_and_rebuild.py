"""The calendar's sittings are a projection: recorded with each hearing event, with
corrections applied, and rebuilt from the events to exactly the same rows."""

import datetime as dt

from expediente.court.models import Sitting
from expediente.docket.rebuild import rebuild, snapshot

SET_ON = dt.datetime(2026, 2, 1, 15, tzinfo=dt.UTC)


def rows(case):
    return list(
        Sitting.objects.filter(case=case)
        .order_by("set_by_seq")
        .values_list("hearing", "starts_at", "courtroom", "status", "reason")
    )


def at(day, hour):
    return dt.datetime(2026, 2, day, hour, tzinfo=dt.UTC)


def test_a_scheduled_hearing_is_a_sitting_on_its_day(accused_case, record):
    payload = {"hearing": "H1", "kind": "trial", "starts_at": "2026-02-20T15:30:00Z"}
    record(accused_case, "hearing.scheduled", payload, occurred_at=SET_ON)
    assert rows(accused_case) == [("H1", at(20, 15).replace(minute=30), "", "scheduled", "")]


def test_moving_holding_and_correcting_are_all_reflected(accused_case, record):
    first = record(
        accused_case,
        "hearing.scheduled",
        {
            "hearing": "H1",
            "kind": "trial",
            "starts_at": "2026-02-20T15:00:00Z",
            "courtroom": "Sala 2",
        },
        occurred_at=SET_ON,
    ).event
    record(
        accused_case,
        "hearing.rescheduled",
        {"hearing": "H1", "starts_at": "2026-02-25T15:00:00Z", "reason": "La jueza está enferma"},
        occurred_at=SET_ON,
    )
    record(accused_case, "hearing.held", {"hearing": "H1"}, occurred_at=at(25, 18))
    record(
        accused_case,
        "hearing.scheduled",
        {
            "hearing": "H1",
            "kind": "trial",
            "starts_at": "2026-02-20T15:00:00Z",
            "courtroom": "Sala 3",
        },
        occurred_at=SET_ON,
        corrects_seq=first.seq,
    )
    assert rows(accused_case) == [
        ("H1", at(20, 15), "Sala 3", "moved", "La jueza está enferma"),
        ("H1", at(25, 15), "Sala 3", "held", ""),
    ]


def test_a_rebuild_gives_exactly_the_same_sittings(accused_case, open_case, record):
    # "not brought" needs someone held (court/hearing_projection.py)
    record(accused_case, "custody.arrested", {"person": "P1"})
    record(
        accused_case,
        "hearing.scheduled",
        {"hearing": "H1", "kind": "trial", "starts_at": "2026-02-20T15:00:00Z"},
        occurred_at=SET_ON,
    )
    record(
        accused_case,
        "hearing.not_held",
        {"hearing": "H1", "reason": "transport_failed"},
        occurred_at=at(20, 16),
    )
    other = open_case()
    record(
        other,
        "hearing.scheduled",
        {"hearing": "H1", "kind": "preliminary", "starts_at": "2026-03-01T15:00:00Z"},
        occurred_at=SET_ON,
    )
    before = snapshot()["court.sittings"]
    assert len(before) == 2
    assert rebuild(check=True).differences == []
    Sitting.objects.all().delete()
    rebuild()
    assert snapshot()["court.sittings"] == before
