"""Hypothesis strategies for hash chains: JSON payloads, aware datetimes, whole chains."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from hypothesis import strategies as st

from expediente.integrity.chain import GENESIS, ChainedEvent

MAX_INT = 2**53

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-MAX_INT, MAX_INT)
    | st.text(st.characters(exclude_categories=["Cs"]), max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
payloads = st.dictionaries(st.text(min_size=1, max_size=10), json_values, max_size=6)

offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
instants = st.datetimes(
    min_value=dt.datetime(1950, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)
)
aware_datetimes = st.builds(lambda t, tz: t.astimezone(tz), instants, offsets)
hashes = st.binary(min_size=32, max_size=32).map(bytes.hex)
type_names = st.sampled_from(
    ["case.opened", "participant.added", "charge.filed", "custody.arrested", "note.added"]
)
nuids = st.builds(
    "{:02d}-{:06d}-{:04d}-PE".format,
    st.integers(0, 99),
    st.integers(1, 999_999),
    st.integers(0, 9999),
)


@st.composite
def events(
    draw: st.DrawFn, *, seq: int | None = None, prev_hash: str | None = None
) -> ChainedEvent:
    number = draw(st.integers(1, 10_000)) if seq is None else seq
    return ChainedEvent(
        case=draw(nuids),
        seq=number,
        type=draw(type_names),
        schema_version=draw(st.integers(1, 5)),
        occurred_at=draw(aware_datetimes),
        recorded_at=draw(aware_datetimes),
        actor=draw(st.text(min_size=1, max_size=30)),
        payload=draw(payloads),
        corrects=draw(st.none() | st.integers(1, max(1, number - 1))),
        prev_hash=draw(hashes) if prev_hash is None else prev_hash,
        reason=draw(st.none() | st.text(max_size=20)),
    )


small_payloads = st.dictionaries(
    st.sampled_from(["person", "reason", "hearing", "text", "months"]), json_scalars, max_size=3
)


@st.composite
def chains(
    draw: st.DrawFn, *, min_size: int = 1, max_size: int = 10
) -> list[tuple[ChainedEvent, str]]:
    """A well-formed chain of one case: seqs 1..n, each linked to the hash before it."""
    size = draw(st.integers(min_size, max_size))
    start = draw(instants)
    out: list[tuple[ChainedEvent, str]] = []
    prev = GENESIS
    for seq in range(1, size + 1):
        when = start + dt.timedelta(hours=draw(st.integers(0, 10_000)))
        event = ChainedEvent(
            case="26-000001-0042-PE",
            seq=seq,
            type=draw(st.sampled_from(["note.added", "custody.arrested", "hearing.held"])),
            schema_version=1,
            occurred_at=when,
            recorded_at=when + dt.timedelta(microseconds=draw(st.integers(0, 10**9))),
            actor=draw(st.sampled_from(["clerk", "demo", "api:42"])),
            payload=draw(small_payloads),
            corrects=draw(st.none() | st.integers(1, seq)) if seq > 1 else None,
            prev_hash=prev,
        )
        prev = event.hash()
        out.append((event, prev))
    return out


def _other_payload(payload: Any) -> dict[str, Any]:
    changed = dict(payload)
    if changed:
        key = sorted(changed)[0]
        changed[key] = [changed[key]]  # the same value, wrapped: still a different document
    else:
        changed["x"] = None
    return changed


def _other_corrects(corrects: int | None) -> int | None:
    return 1 if corrects is None else (None if corrects % 2 else corrects + 1)


# field name -> a function giving a value that is certainly different
MUTATIONS = {
    "case": lambda v: v + "X",
    "seq": lambda v: v + 1,
    "type": lambda v: v + "x",
    "schema_version": lambda v: v + 1,
    "occurred_at": lambda v: v + dt.timedelta(microseconds=1),
    "recorded_at": lambda v: v - dt.timedelta(microseconds=1),
    "actor": lambda v: v + " ",
    "payload": _other_payload,
    "corrects": _other_corrects,
    "prev_hash": lambda v: ("1" if v[0] == "0" else "0") + v[1:],
    # a reason given, changed by a space, or taken away
    "reason": lambda v: "why" if v is None else (None if len(v) % 2 else v + " "),
}


def mutate(event: ChainedEvent, field: str) -> ChainedEvent:
    return dataclasses.replace(event, **{field: MUTATIONS[field](getattr(event, field))})
