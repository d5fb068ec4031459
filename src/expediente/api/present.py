"""Turn docket rows into API bodies (one place, so every route says the same thing).

Bodies are JSON-ready: timestamps are written exactly as the hash chain serialises them
(UTC, microseconds, ``Z``), so a client can recompute an event's hash from what the API
returns. Hot read routes send these bodies as they are (``json_response``) instead of
re-validating them through the response schema, which stays for the OpenAPI document.

A case's body is kept, encoded, per process (``case_body``), under a key that decides
everything in it: the head of the case's hash chain, the details of its people, its rule
pack, the reader's audience and the language. An unchanged case is then served after one
query (``docket.selectors.case_head``); any new entry changes the head and so the key.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Hashable, Iterable, Mapping
from typing import Any, TypeVar

from django.http import HttpResponse
from django.utils.translation import get_language

from expediente.access.disclosure import (
    REDACTED,
    CaseView,
    Shown,
    audience_for,
    disclose,
    log_read,
    needs_record,
    record_facts,
)
from expediente.access.policy import Actor
from expediente.api import kept_bodies
from expediente.custody.confirmations import PETITION_REPEATED
from expediente.docket.errors import NotFound
from expediente.docket.models import Case, Event
from expediente.docket.selectors import (
    CaseHead,
    CaseRead,
    CaseRows,
    EventRow,
    can_read_in_one_query,
    case_get,
    case_head,
    case_read,
    event_tail,
)
from expediente.docket.services import Recorded
from expediente.integrity.chain import timestamp
from expediente.rules.loader import load_pack
from expediente.rules.stages import allowed_types

T = TypeVar("T")


def localized(text: dict[str, str] | None) -> str | None:
    if not text:
        return None
    lang = (get_language() or "es")[:2]
    return text.get(lang) or text.get("es") or text.get("en") or next(iter(text.values()))


def encode(body: Any) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def json_response(body: Any, status: int = 200) -> HttpResponse:
    content = body if isinstance(body, bytes) else encode(body)
    return HttpResponse(content, status=status, content_type="application/json")


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def event_out(
    e: Event | EventRow, view: CaseView | None = None, by_uid: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """An event's body; with ``view``, its payload as that reader may see it (a writer is
    answered with what it wrote; ``by_uid``: the case's participations, if at hand)."""
    return {
        "seq": e.seq,
        "type": e.type,
        "schema_version": e.schema_version,
        "occurred_at": timestamp(e.occurred_at),
        "recorded_at": timestamp(e.recorded_at),
        "actor": e.actor_label,
        "payload": (
            view.payload(e.type, e.payload, by_uid, (e.seq, e.corrects_seq))
            if view is not None
            else e.payload
        ),
        "corrects": e.corrects_seq,
        "correction_reason": reason_out(e.correction_reason, view, e, by_uid),
        "confirmed": confirmed_out(e, view, by_uid),
        "prev_hash": e.prev_hash,
        "hash": e.hash,
    }


def recorded_out(recorded: Recorded) -> dict[str, Any]:
    """The answer to a write that recorded an entry (``RecordedOut``): the entry as
    ``event_out`` writes it for every route that shows one (the events list, a case's
    ``recent_events``, the feed), and the entries that followed from it."""
    return {
        **event_out(recorded.event),
        "follow_ups": [event_out(e) for e in recorded.follow_ups],
    }


def reason_out(
    reason: str | None,
    view: CaseView | None,
    e: Event | EventRow,
    by_uid: Mapping[str, Any] | None = None,
) -> str | None:
    """A correction's reason as this reader may read it. It is free text of the record
    (it may name a witness, or quote what was wrong): shown where the pack shows the
    entry's free text (``CaseView.free_text_read``: the court's staff; agencies' tokens,
    except in the cases the pack closes to them, such as sexual violence, the
    petitions of the side the pack closes to them, and a staff note, which no token
    reads) and to the writer who gave it, in the write's answer; ``[…]``
    to others. None where none was recorded (an entry that corrects nothing, a correction
    recorded before reasons were asked for)."""
    entry = (e.seq, e.corrects_seq)
    if reason is None or view is None or view.free_text_read(e.type, e.payload, by_uid, entry):
        return reason
    return REDACTED


def confirmed_out(
    e: Event | EventRow, view: CaseView | None, by_uid: Mapping[str, Any] | None = None
) -> list[str]:
    """The warnings the entry's recorder read and confirmed that it needed, as this reader
    may read them: ``petition_repeated`` says the same text was filed while another
    awaited an answer, so only a reader of the entry's free text (``reason_out``'s) is
    told it, as a refusal tells nothing of petitions' texts to a system that may not read
    them; the others say what its dates say."""
    names = list(e.confirmed or ())
    if PETITION_REPEATED not in names or view is None:
        return names
    if view.free_text_read(e.type, e.payload, by_uid, (e.seq, e.corrects_seq)):
        return names
    return [n for n in names if n != PETITION_REPEATED]


def case_view(case: Case, actor: Actor) -> CaseView:
    """The API reader's view of a case (access/disclosure.py), logged if it shows
    protected data."""
    view = disclose(audience_for(actor, case.court.code), case, channel="api")
    if not view.visible:
        raise NotFound(f"no case {case.nuid!r}")
    return view


def sealed_out(case: Case) -> dict[str, Any]:
    """What a case opened sealed tells an opener who may not read it (``SealedCaseOut``)."""
    return {
        "nuid": case.nuid,
        "number": case.number,
        "court": case.court.code,
        "procedure": case.procedure,
        "confidentiality": case.confidentiality,
        "opened_at": timestamp(case.opened_at),
    }


CHARGE_KEYS = (
    "charge",
    "accused",
    "offence",
    "offence_label",
    "iccs",
    "attempted",
    "firearm",
    "violence_against_women",
    "cyber",
)


def case_out(case: Case, view: CaseView, *, recent: int = 20) -> dict[str, Any]:
    """The case's API body, read through the ORM (see ``case_body`` for the hot route)."""
    participations = case.participations.select_related("person").order_by("added_seq")
    charges = [
        [
            c.uid,
            c.accused.uid,
            c.offence_code,
            c.offence_label,
            c.iccs,
            c.attempted,
            c.firearm,
            c.violence_against_women,
            c.cyber,
        ]
        for c in case.charges.select_related("accused").order_by("filed_seq")
    ]
    return _body(case, view, participations, charges, event_tail(case=case, limit=recent))


def _body(
    case: Case,
    view: CaseView,
    participations: Iterable[Any],
    charges: Iterable[list[Any]],
    events: Iterable[Event | EventRow],
) -> dict[str, Any]:
    pack = view.pack
    stage = pack.stage(case.stage)
    participations = list(participations)
    by_uid = {p.uid: p for p in participations}
    return {
        "nuid": case.nuid,
        "number": case.number,
        "court": case.court.code,
        "procedure": case.procedure,
        "confidentiality": case.confidentiality,
        "stage": {
            "id": stage.id,
            "label": localized(stage.label),
            "explain": localized(stage.explain),
        },
        "stage_since": timestamp(case.stage_since),
        "opened_at": timestamp(case.opened_at),
        "police_report": case.police_report if view.shown.identifiers else "",
        "last_seq": case.last_seq,
        "head_hash": case.head_hash,
        "participants": [
            {
                "participant": p.uid,
                "role": p.role,
                "pseudonym": p.pseudonym,
                "protected": p.protected,
                "person": view.person(p),
                "stands_for": view.stands_for(p, by_uid),
                "acts_for": view.acts_for(p, by_uid),
            }
            for p in participations
        ],
        "charges": [dict(zip(CHARGE_KEYS, c, strict=True)) for c in charges],
        "allowed_event_types": allowed_types(pack, stage=case.stage, procedure=case.procedure),
        "recent_events": [event_out(e, view, by_uid) for e in events],
    }


# The ORM path's (SQLite's) kept bodies, by everything that decides them (``_key``).
case_bodies: kept_bodies.Kept[bytes] = kept_bodies.Kept(size=2000)
_shown: kept_bodies.Kept[Shown] = kept_bodies.Kept(size=2000)  # what each shows, for the log


def forget_bodies() -> None:
    """Empty this process's store of case bodies (tests and benchmarks)."""
    for store in (case_bodies, _shown):
        store.clear()
    kept_bodies.forget()


def audience(actor: Actor, head: CaseHead) -> Hashable:
    """What decides which parts of a case this reader is shown: the disclosure audience
    (access/disclosure.py: staff roles in the court, or the token's scopes) and the
    channel, so a body kept for one kind of reader is never served to another."""
    return (actor.channel, audience_for(actor, head.court_code).key)


def case_body(nuid: str, actor: Actor) -> bytes:
    """The encoded body of this case for this reader (``case_out``): kept from an earlier
    request if the case has not changed since it was rendered, else rendered (and kept)
    now. A kept body is logged as read like a fresh one (access/disclosure.py).

    On PostgreSQL a kept body is confirmed, and its read logged, by the process's
    confirmer (api/kept_bodies.py), in one statement shared with the other reads waiting
    at that moment. Otherwise one query (``docket.selectors.case_read``) gives the case's
    head and people and, unless the kept body is still exact, everything the body shows;
    then one ``INSERT`` into the access log. Elsewhere (SQLite) the head comes first and
    the body is read through the ORM."""
    if not can_read_in_one_query():
        return _case_body_orm(case_head(nuid=nuid, actor=actor), actor)
    body = kept_bodies.kept_body(nuid, actor)
    if body is not None:
        return body
    kept = kept_bodies.kept_for(nuid, actor)
    read = case_read(nuid=nuid, actor=actor, known_head=kept.head_hash if kept else None)
    if kept is not None and _still(kept, read):
        _log_kept(read.head, actor, kept.shown)
        return kept.body
    if read.rows is None:  # the head is known here, but for another reader or language
        read = case_read(nuid=nuid, actor=actor, known_head=None)
    assert read.rows is not None
    case = read.case()
    view = _view(case, read.rows, actor)
    body = encode(_body(case, view, read.participants(), read.rows.charges, read.rows.events))
    head = read.head
    kept_bodies.keep(  # one query, one snapshot: the body matches its head
        nuid,
        actor,
        kept_bodies.KeptBody(
            case_id=head.case_id,
            court_code=head.court_code,
            confidentiality=head.confidentiality,
            head_hash=head.head_hash,
            rule_pack=head.rule_pack,
            people_digest=read.people_digest,
            body=body,
            shown=view.shown,
        ),
    )
    return body


def _still(kept: kept_bodies.KeptBody, read: CaseRead) -> bool:
    """Is ``kept`` exact for the case as ``read`` found it?"""
    head = read.head
    return (
        kept.case_id == head.case_id
        and kept.head_hash == head.head_hash
        and kept.rule_pack == head.rule_pack
        and kept.people_digest == read.people_digest
        and kept.confidentiality == head.confidentiality
    )


def _key(head: CaseHead, actor: Actor) -> Hashable:
    return (head.head_hash, head.people, head.rule_pack, audience(actor, head), get_language())


def _log_kept(head: CaseHead, actor: Actor, shown: Shown) -> None:
    reader = audience_for(actor, head.court_code)
    log_read(
        case_id=head.case_id,
        court_code=head.court_code,
        audience=reader,
        channel="api",
        shown=shown,
    )


def _view(case: Case, rows: CaseRows, actor: Actor) -> CaseView:
    """``case_view`` with the facts the disclosure rules need taken from ``rows`` instead of
    two more queries (access/disclosure.py: ``case_facts``)."""
    reader = audience_for(actor, case.court.code)
    pack = load_pack(case.court.rule_pack)
    facts = None
    if needs_record(pack, reader):
        charges = [(c[2], bool(c[7])) for c in rows.charges]  # offence, violence against women
        facts = record_facts(
            pack,
            procedure=case.procedure,
            confidentiality=case.confidentiality,
            stage=case.stage,
            status_events=list(rows.status_events),
            charges=charges,
        )
    view = disclose(reader, case, channel="api", facts=facts, pack=pack)
    if not view.visible:
        raise NotFound(f"no case {case.nuid!r}")
    return view


def _case_body_orm(head: CaseHead, actor: Actor) -> bytes:
    key = _key(head, actor)
    body = case_bodies.get(key)
    shown = _shown.get(key)
    if body is not None and shown is not None:
        _log_kept(head, actor, shown)
        return body
    case = case_get(nuid=head.nuid, actor=actor)
    view = case_view(case, actor)
    body = encode(case_out(case, view))
    if case.head_hash == head.head_hash:  # not if an entry was recorded in between
        case_bodies.put(key, body)
        _shown.put(key, view.shown)
    return body
