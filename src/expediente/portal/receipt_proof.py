"""The proof on a petition's receipt page (the petitioner's, and her lawyer's on /my/):
where its entry stands in the signed record, the inclusion proof to download
(``?proof=json``, optionally ``&size=<checkpoint>``), and, for a case the public may see,
a link to the public check with the receipt's number and fingerprint. The receipt views
call these after their own checks of who may read the petition."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import urlencode

from django.http import HttpResponse
from django.urls import reverse

from expediente.access.disclosure import PUBLIC, disclose
from expediente.api.problems import problem
from expediente.docket.models import Event
from expediente.integrity.proofs import ProofRefused, inclusion, standing
from expediente.integrity.published import inclusion_json
from expediente.petitions.models import Petition


def _entry_id(petition: Petition) -> int:
    return int(
        Event.objects.filter(case_id=petition.case_id, seq=petition.filed_seq)
        .values_list("pk", flat=True)
        .get()
    )


def check_url(petition: Petition) -> str:
    query = urlencode({"receipt": petition.receipt, "fingerprint": petition.fingerprint})
    return f"{reverse('portal:public_receipt')}?{query}"


def proof_context(petition: Petition, *, now: dt.datetime) -> dict[str, Any]:
    public = disclose(PUBLIC, petition.case, channel="public").visible
    return {
        "proof": standing(_entry_id(petition), now=now),
        "proof_check_url": check_url(petition) if public else "",
    }


def wants_proof(params: Any) -> bool:
    return params.get("proof") == "json"


def proof_download(petition: Petition, size: str | None) -> HttpResponse:
    """The inclusion proof as a JSON file, against the latest checkpoint or the one of
    ``size``; a problem (404, 400 naming ``size``) when there is none to give."""
    return proof_response(_entry_id(petition), petition.receipt, size)


def proof_response(event_id: int, receipt: str, size: str | None) -> HttpResponse:
    if size is not None and (not (size.isascii() and size.isdigit()) or len(size) > 18):
        message = "size: give the tree size of a checkpoint, a whole number"
        return problem(
            400,
            "Bad request",
            message,
            code="integrity",
            errors=[{"field": "size", "message": message}],
        )
    try:
        found = inclusion(event_id, size=int(size) if size is not None else None)
    except ProofRefused as exc:
        return problem(
            400,
            "Bad request",
            str(exc),
            code="integrity",
            errors=[{"field": exc.field, "message": str(exc)}],
        )
    if found is None:
        return problem(
            404,
            "Not found",
            "this entry is not yet in a checkpoint: ask again after the next one",
            code="not-found",
        )
    response = HttpResponse(
        json.dumps(inclusion_json(found, receipt=receipt), indent=1, ensure_ascii=False),
        content_type="application/json",
    )
    name = f"proof-{receipt}-{found.checkpoint.size}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
