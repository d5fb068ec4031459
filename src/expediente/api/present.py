"""Turn docket rows into API bodies (one place, so every route says the same thing).

Bodies are JSON-ready: timestamps are written exactly as the hash chain serialises them
(UTC, microseconds, ``Z``), so a client can recompute an event's hash from what the API
returns. Hot read routes send these bodies as they are (``json_response``) instead of
re-validating them through the response schema, which stays for the OpenAPI document.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.http import HttpResponse
from django.utils.translation import get_language

from expediente.docket.models import Case, Event
from expediente.docket.selectors import event_tail
from expediente.integrity.chain import timestamp
from expediente.rules.loader import load_pack
from expediente.rules.stages import allowed_types


def localized(text: dict[str, str] | None) -> str | None:
    if not text:
        return None
    lang = (get_language() or "es")[:2]
    return text.get(lang) or text.get("es") or text.get("en") or next(iter(text.values()))


def json_response(body: Any, status: int = 200) -> HttpResponse:
    return HttpResponse(
        json.dumps(body, ensure_ascii=False, separators=(",", ":")),
        status=status,
        content_type="application/json",
    )


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def event_out(e: Event) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "type": e.type,
        "schema_version": e.schema_version,
        "occurred_at": timestamp(e.occurred_at),
        "recorded_at": timestamp(e.recorded_at),
        "actor": e.actor_label,
        "payload": e.payload,
        "corrects": e.corrects_seq,
        "prev_hash": e.prev_hash,
        "hash": e.hash,
    }


def case_out(case: Case, *, recent: int = 20) -> dict[str, Any]:
    pack = load_pack(case.court.rule_pack)
    stage = pack.stage(case.stage)
    participations = case.participations.select_related("person").order_by("added_seq")
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
        "police_report": case.police_report,
        "last_seq": case.last_seq,
        "head_hash": case.head_hash,
        "participants": [
            {
                "participant": p.uid,
                "role": p.role,
                "pseudonym": p.pseudonym,
                "protected": p.protected,
                "person": {
                    "kind": p.person.kind,
                    "name": p.person.display_name,
                    "sex": p.person.sex,
                    "date_of_birth": _date(p.person.date_of_birth),
                    "id_number": p.person.id_number,
                    "nationality": p.person.nationality,
                },
            }
            for p in participations
        ],
        "charges": [
            {
                "charge": c.uid,
                "accused": c.accused.uid,
                "offence": c.offence_code,
                "offence_label": c.offence_label,
                "iccs": c.iccs,
                "attempted": c.attempted,
                "firearm": c.firearm,
                "violence_against_women": c.violence_against_women,
                "cyber": c.cyber,
            }
            for c in case.charges.select_related("accused").order_by("filed_seq")
        ],
        "allowed_event_types": allowed_types(pack, stage=case.stage, procedure=case.procedure),
        "recent_events": [event_out(e) for e in event_tail(case=case, limit=recent)],
    }
