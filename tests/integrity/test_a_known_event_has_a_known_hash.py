"""One event's canonical bytes and SHA-256, written out by hand, so an auditor can check them.

The JSON below was typed by hand from the rules in chain.py's docstring (sorted keys, no
whitespace, UTF-8, UTC timestamps with microseconds); the digest was computed from that
literal alone, with Python's hashlib and with coreutils' sha256sum, which agree.
"""

import datetime as dt
import hashlib

from expediente.integrity.chain import GENESIS, ChainedEvent, verify_chain

CANONICAL = (
    '{"actor":"clerk","case":"26-000001-0042-PE","corrects":null,'
    '"occurred_at":"2026-03-02T15:00:00.000000Z",'
    '"payload":{"court":"sj-penal","summary":"Robo a la señora Pérez"},'
    '"prev_hash":"0000000000000000000000000000000000000000000000000000000000000000",'
    '"recorded_at":"2026-03-02T15:00:01.500000Z",'
    '"schema_version":1,"seq":1,"type":"case.opened","v":1}'
)
SHA256 = "9b15b717b34f77096c1dae949fcfb32e94b7e11f8952246de2315c639e396af9"

EVENT = ChainedEvent(
    case="26-000001-0042-PE",
    seq=1,
    type="case.opened",
    schema_version=1,
    # 09:00 in Costa Rica (UTC-6) is 15:00 UTC
    occurred_at=dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=-6))),
    recorded_at=dt.datetime(2026, 3, 2, 15, 0, 1, 500_000, tzinfo=dt.UTC),
    actor="clerk",
    payload={"summary": "Robo a la señora Pérez", "court": "sj-penal"},
    corrects=None,
    prev_hash=GENESIS,
)


def test_the_literal_digest_is_the_sha256_of_the_literal_json():
    assert hashlib.sha256(CANONICAL.encode("utf-8")).hexdigest() == SHA256
    assert len(CANONICAL.encode("utf-8")) == 349  # ñ and é take two bytes each


def test_the_event_serialises_to_exactly_the_hand_written_bytes():
    assert EVENT.canonical() == CANONICAL.encode("utf-8")


def test_the_event_hashes_to_the_pinned_digest():
    assert EVENT.hash() == SHA256


def test_a_chain_of_that_one_event_verifies_with_the_pinned_digest():
    assert verify_chain([(EVENT, SHA256)]) is None
    assert verify_chain([(EVENT, SHA256.replace("9b", "9c", 1))]) is not None
