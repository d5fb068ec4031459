"""``expediente import``: the API's write requests, read from a file instead of HTTP.

A court moving its cases from another system, or an agency sending what it recorded
offline, writes one JSON object per line (JSON Lines, UTF-8). Each line is one request
of the API (docs/api.md, /api/v1/docs), with three fields of its own:

* ``op``: ``open`` (``POST /cases``), ``participant`` (``POST /cases/{nuid}/participants``),
  ``charge`` (``POST /cases/{nuid}/charges``) or ``event`` (``POST /cases/{nuid}/events``);
* ``key``: the line's idempotency key, required: the other system's identifier of the
  record, so that a second run recognises what is already in and records it once;
* ``case`` (not for ``open``): the case's national identifier, or
  ``{"court": "<code>", "number": "<court number>"}`` for a case opened earlier in the
  same file.

The other fields are the request's body, validated by the API's schemas, and every line
goes through the docket's one write path, as the API's requests do (``writes.py``), in
its own transaction. A line that is refused changes nothing; the refusal names the line,
its key, the failing field and the rule, and the import goes on with the next line. An
interruption (Ctrl-C) loses at most the line being recorded; running the same file
again skips the lines already in (same key, same body) and records the rest.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import IO, Any

from django.conf import settings
from pydantic import ValidationError

from expediente.access.capabilities import Capability
from expediente.access.models import User
from expediente.access.policy import Actor, can
from expediente.api import writes
from expediente.api.parser import BodyError, loads
from expediente.api.problems import field_errors
from expediente.api.schemas import CaseOpenIn, ChargeIn, EventIn, In, ParticipantIn
from expediente.docket import errors
from expediente.docket.models import Case
from expediente.docket.selectors import case_get
from expediente.docket.services import Recorded

OPS: dict[str, type[In]] = {
    "open": CaseOpenIn,
    "participant": ParticipantIn,
    "charge": ChargeIn,
    "event": EventIn,
}
OWN_FIELDS = ("op", "key", "case")
BOM = b"\xef\xbb\xbf"


def longest_line() -> int:
    """The longest line read, in bytes: the API's limit on a request's body."""
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2_621_440)


def importer(user: User, *, courts: list[str] | None = None, seal: bool = False) -> Actor:
    """Who an import records as: ``user`` (named on every entry), with the API's
    ``cases:write`` scope, in ``courts`` only when given, and ``cases:seal`` (sealing,
    unsealing and expunction orders) only when ``seal``."""
    scopes = {"cases:write"} | ({"cases:seal"} if seal else set())
    return Actor(
        user=user,
        scopes=frozenset(scopes),
        courts=frozenset(courts or ()),
        channel="import",
    )


class Refused(Exception):
    """A line the import could not record: what and why, as the API would answer."""

    def __init__(self, title: str, detail: str, errors: list[dict[str, str]] | None = None):
        super().__init__(detail)
        self.title = title
        self.detail = detail
        self.errors = errors or []


@dataclass(frozen=True)
class Refusal:
    """A refused line, for the operator: its number, its key, and the API's answer."""

    line: int
    key: str | None
    title: str
    detail: str
    errors: list[dict[str, str]]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        key = f" (key {self.key!r})" if self.key is not None else ""
        fields = "".join(f"\n    {e['field']}: {e['message']}" for e in self.errors)
        return f"line {self.line}{key}: {self.title}: {self.detail}{fields}"


@dataclass
class Tally:
    """What an import did so far: it is read after an interruption too."""

    read: int = 0  # lines with a record (blank lines are skipped)
    recorded: int = 0
    already: int = 0  # recorded by an earlier run (same key, same body)
    refused: int = 0
    done: int = 0  # the number of the last line dealt with (recorded, found in, refused)
    opened: int = 0  # cases opened (among the recorded lines)


def count_lines(stream: IO[bytes]) -> int:
    """How many lines the file has (the last one may lack its newline)."""
    lines, last = 0, b""
    for chunk in iter(lambda: stream.read(1 << 20), b""):
        lines += chunk.count(b"\n")
        last = chunk
    return lines + (1 if last and not last.endswith(b"\n") else 0)


def lines_of(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """The file's lines without their ends; None for a line longer than ``limit``
    bytes (read past, never held in memory whole)."""
    first = True
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # the rest of the long line
                line = stream.readline(1 << 20)
            yield None
            continue
        if first:
            line = line.removeprefix(BOM)  # written by some spreadsheet programs
            first = False
        yield line.rstrip(b"\r\n")


def import_lines(
    stream: IO[bytes],
    actor: Actor,
    tally: Tally,
    *,
    total: int,
    progress: Callable[[int, int], None],
    refused: Callable[[Refusal], None],
) -> Tally:
    """Record each line of ``stream`` as ``actor``, counting in ``tally`` (which the
    caller keeps, so that it knows where an interruption stopped)."""
    limit = longest_line()
    for number, raw in enumerate(lines_of(stream, limit), start=1):
        if raw is not None and not raw.strip():
            tally.done = number
            progress(number, total)
            continue
        tally.read += 1
        key: str | None = None
        try:
            if raw is None:
                raise Refused(
                    "Line too long",
                    f"the line is longer than {limit:,} bytes, the API's limit on a request",
                )
            record = _record_of(raw)
            key = record.get("key") if isinstance(record.get("key"), str) else None
            recorded = import_record(record, actor)
        except Refused as exc:
            tally.refused += 1
            refused(Refusal(number, key, exc.title, exc.detail, exc.errors))
        else:
            if recorded.created:
                tally.recorded += 1
                if recorded.event.type == "case.opened":
                    tally.opened += 1
            else:
                tally.already += 1
        tally.done = number
        progress(number, total)
    return tally


def _record_of(raw: bytes) -> dict[str, Any]:
    try:
        record = loads(raw)
    except BodyError as exc:
        raise Refused(exc.title, exc.detail.replace("the body", "the line", 1)) from exc
    if not isinstance(record, dict):
        raise Refused(
            "Invalid input",
            "the line must be one JSON object",
            [{"field": "line", "message": "must be a JSON object"}],
        )
    return record


def import_record(record: dict[str, Any], actor: Actor) -> Recorded:
    """Record one line's request, or raise ``Refused`` naming what is wrong."""
    op = record.get("op")
    if op not in OPS:
        raise Refused(
            "Invalid input",
            f"op must be one of {', '.join(OPS)}",
            [{"field": "op", "message": f"must be one of {', '.join(OPS)}"}],
        )
    key = record.get("key")
    if not isinstance(key, str):
        rule = "is required" if key is None else "must be a text"
        raise Refused(
            "Invalid input",
            "every line needs a key: your system's identifier for the record, so that "
            "running the file again records it only once",
            [{"field": "key", "message": f"{rule}: 1 to 200 printable characters"}],
        )
    body = {name: value for name, value in record.items() if name not in OWN_FIELDS}
    try:
        parsed = OPS[op].model_validate(body)
    except ValidationError as exc:
        raise Refused(
            "Invalid input",
            f"the line does not match the schema of op {op!r}",
            field_errors(exc.errors()),
        ) from exc
    try:
        if op == "open":
            if "case" in record:
                raise errors.InvalidInput(
                    "an open line opens its case: it names no case",
                    errors=[{"field": "case", "message": "is not a field of op 'open'"}],
                )
            assert isinstance(parsed, CaseOpenIn)
            return writes.open_case(parsed, actor, key)
        case = _case(record.get("case"), actor)
        if isinstance(parsed, ParticipantIn):
            return writes.add_participant(case, parsed, actor, key)
        if isinstance(parsed, ChargeIn):
            return writes.add_charge(case, parsed, actor, key)
        assert isinstance(parsed, EventIn)
        # the other system's file carries its own follow-up entries (a revocation's
        # arrest line): brought again, the second would be refused as already recorded
        return writes.append_event(case, parsed, actor, key, follow_ups=False)
    except errors.DocketError as exc:
        for e in exc.errors:  # the key travels in the line, not in a header
            if e["field"] == "Idempotency-Key":
                e["field"] = "key"
        raise Refused(exc.title, exc.message.replace("Idempotency-Key", "key"), exc.errors) from exc


def _case(ref: Any, actor: Actor) -> Case:
    """The case a line names (its national identifier, or its court and number), if
    the actor may record in it; else NotFound, as the API answers."""
    if isinstance(ref, str) and ref:
        try:
            return case_get(nuid=ref, actor=actor, capability=Capability.EVENT_RECORD)
        except errors.NotFound as exc:
            raise errors.NotFound(
                exc.message, errors=[{"field": "case", "message": "no such case for this account"}]
            ) from exc
    if (
        isinstance(ref, dict)
        and set(ref) == {"court", "number"}
        and all(isinstance(v, str) and v and "\x00" not in v for v in ref.values())
    ):
        case = (
            Case.objects.select_related("court")
            .filter(court__code=ref["court"], number=ref["number"])
            .first()
        )
        if case is None or not can(actor, Capability.EVENT_RECORD, case=case):
            raise errors.NotFound(
                f"no case {ref['number']!r} in court {ref['court']!r}",
                errors=[{"field": "case", "message": "no such case for this account"}],
            )
        return case
    raise errors.InvalidInput(
        "case names the case: its national identifier, or "
        '{"court": "<code>", "number": "<court number>"}',
        errors=[{"field": "case", "message": "is required: a nuid or a court and number"}],
    )


def refusal_line(refusal: Refusal) -> str:
    """A refusal as one line of the ``--errors`` file (JSON Lines)."""
    return json.dumps(refusal.as_json(), ensure_ascii=False) + "\n"
