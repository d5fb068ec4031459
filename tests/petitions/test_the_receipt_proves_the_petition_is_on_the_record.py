"""The receipt's number names the court, the year, the case and the entry; its
fingerprint is the start of that entry's hash, which ``expediente verify`` recomputes
from the entry's content: the receipt matches the record as it was filed."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.core.management import call_command

from expediente.integrity.chain import ChainedEvent


def test_the_receipt_number_and_fingerprint_match_the_verified_entry(detained, file):  # type: ignore[no-untyped-def]
    filed = file(detained, ago=5)
    petition, event = filed.petition, filed.event
    year = petition.filed_at.astimezone(ZoneInfo(detained.court.timezone)).year
    assert petition.receipt == f"SJ-PENAL-{year}-{detained.number}-{event.seq}"
    recomputed = ChainedEvent(
        case=detained.nuid,
        seq=event.seq,
        type=event.type,
        schema_version=event.schema_version,
        occurred_at=event.occurred_at,
        recorded_at=event.recorded_at,
        actor=event.actor_label,
        payload=event.payload,
        corrects=event.corrects_seq,
        prev_hash=event.prev_hash,
    ).hash()
    assert recomputed == event.hash
    assert recomputed.startswith(petition.fingerprint)
    assert len(petition.fingerprint) == 12
    call_command("verify")  # every chain holds (exits non-zero on a broken link)


def test_the_receipt_year_is_the_court_s_year(open_case, record, file):  # type: ignore[no-untyped-def]
    # 1 January 2026 03:00 UTC is still 31 December 2025 in San José
    import datetime as dt

    from tests.conftest import NOW, PERSON

    opened = dt.datetime(2025, 12, 20, 15, 0, tzinfo=dt.UTC)  # before the new year
    case = open_case(occurred_at=opened)
    record(case, "participant.added", {"role": "accused", "person": PERSON}, occurred_at=opened)
    ago = (NOW - dt.datetime(2026, 1, 1, 3, 0, tzinfo=dt.UTC)).total_seconds() / 3600
    filed = file(case, ago=ago, kind="information_request")
    assert filed.petition.receipt.startswith("SJ-PENAL-2025-")
