"""Rewriting what an event says, behind the application's back, is found and named."""

from expediente.docket.models import Event
from expediente.integrity.chain import ChainedEvent


def test_a_changed_payload_is_reported_with_the_case_and_seq(docket, tamper, verify):
    case, _ = docket
    with tamper():
        changed = Event.objects.filter(case=case, seq=3).update(
            payload={"role": "victim", "participant": "P2", "person": {"given_names": "Otra"}}
        )
    assert changed == 1
    result = verify()
    assert result.error is not None
    assert str(result.error) == "1 case chain(s) broken"
    assert result.error.returncode == 1
    assert result.broken == [
        f"BROKEN case {case.nuid} seq 3: stored hash does not match the event's content"
    ]


def test_a_changed_actor_or_time_is_found_too(docket, tamper, verify):
    case, other = docket
    first = Event.objects.get(case=other, seq=2)
    with tamper():
        Event.objects.filter(case=case, seq=2).update(actor_label="someone else")
        Event.objects.filter(pk=first.pk).update(occurred_at=first.occurred_at.replace(year=2020))
    result = verify()
    assert str(result.error) == "2 case chain(s) broken"
    assert sorted(result.broken) == sorted(
        [
            f"BROKEN case {case.nuid} seq 2: stored hash does not match the event's content",
            f"BROKEN case {other.nuid} seq 2: stored hash does not match the event's content",
        ]
    )


def test_a_rewrite_that_recomputes_the_hash_is_caught_at_the_next_event(docket, tamper, verify):
    case, _ = docket
    original = Event.objects.get(case=case, seq=4)
    payload = {**original.payload, "offence": "CP-213"}
    forged = ChainedEvent(
        case=case.nuid,
        seq=4,
        type=original.type,
        schema_version=original.schema_version,
        occurred_at=original.occurred_at,
        recorded_at=original.recorded_at,
        actor=original.actor_label,
        payload=payload,
        corrects=original.corrects_seq,
        prev_hash=original.prev_hash,
    )
    with tamper():
        Event.objects.filter(pk=original.pk).update(payload=payload, hash=forged.hash())
    result = verify()
    assert result.broken == [
        f"BROKEN case {case.nuid} seq 5: prev_hash does not match the previous event"
    ]
