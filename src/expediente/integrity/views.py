"""The log, published at stable URLs for anyone to copy (docs/integrity.md). Thin: parse,
call ``proofs``, answer JSON (or the signed note as text). Faults are RFC 9457 problem
details naming the parameter and the rule, as the API's are.

- ``/integrity/``: a page for a person: what the signed checkpoints are, how anyone can
  keep and check them, and links to what follows (translated; one query);
- ``/integrity/key``: the public key that signs checkpoints (and the retired ones);
- ``/integrity/checkpoint``: the latest checkpoint's signed note, as text (the C2SP way);
- ``/integrity/checkpoints/latest`` and ``/integrity/checkpoints/<size>``: a checkpoint;
- ``/integrity/checkpoints/?after=<size>``: the next 100 checkpoints, oldest first;
- ``/integrity/consistency?from=<m>&to=<n>``: that the log of ``n`` entries extends the
  log of ``m`` (``n`` a checkpoint's size).

Nothing here names a case: the log's size and roots say how many entries the whole
system holds, and nothing about any of them.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from expediente.api.problems import problem
from expediente.integrity.keys import retired
from expediente.integrity.models import Checkpoint
from expediente.integrity.notes import PublicKey
from expediente.integrity.proofs import (
    PAGE,
    ProofRefused,
    checkpoint_get,
    checkpoint_latest,
    checkpoints_after,
    consistency,
)
from expediente.integrity.published import checkpoint_json, consistency_json, key_json

MAX_SIZE = 2**62


def _json(body: dict[str, Any], *, cache: str = "no-cache") -> JsonResponse:
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Cache-Control"] = cache
    response["Access-Control-Allow-Origin"] = "*"  # anyone may copy it, from anywhere
    return response


def _refused(field: str, message: str) -> HttpResponse:
    return problem(
        400,
        "Bad request",
        message,
        code="integrity",
        errors=[{"field": field, "message": message}],
    )


def _size(request: HttpRequest, name: str, *, required: bool) -> int | None:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        if required:
            raise ProofRefused(name, f"{name}: give a tree size, a whole number")
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 19 or int(raw) > MAX_SIZE:
        raise ProofRefused(name, f"{name}: give a tree size, a whole number, not {raw[:30]!r}")
    return int(raw)


def _missing(what: str) -> HttpResponse:
    return problem(404, "Not found", what, code="not-found")


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """What the checkpoints are and how to keep and check them, in the reader's language,
    with the latest one's size and time when one is signed."""
    return render(request, "integrity/index.html", {"latest": checkpoint_latest()})


@require_safe
def key(request: HttpRequest) -> HttpResponse:
    """The key that signed the latest checkpoint, as that checkpoint records it: the web
    server never reads the private key to publish it, nor creates it (the worker or
    ``expediente checkpoint`` does, signing the first checkpoint)."""
    latest = checkpoint_latest()
    if latest is None:
        return _missing("no checkpoint has been signed yet, so there is no key to publish")
    try:
        body = key_json(PublicKey(latest.origin, bytes(latest.public_key)), retired())
    except ImproperlyConfigured as exc:
        return problem(503, "Not configured", str(exc), code="not-configured")
    return _json(body)


@require_safe
def checkpoint_text(request: HttpRequest) -> HttpResponse:
    latest = checkpoint_latest()
    if latest is None:
        return _missing("no checkpoint has been signed yet")
    response = HttpResponse(latest.note, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def checkpoint_latest_view(request: HttpRequest) -> HttpResponse:
    latest = checkpoint_latest()
    if latest is None:
        return _missing("no checkpoint has been signed yet")
    return _json(checkpoint_json(latest))


@require_safe
def checkpoint_at(request: HttpRequest, size: int) -> HttpResponse:
    found = checkpoint_get(size) if size <= MAX_SIZE else None
    if found is None:
        return _missing(f"no checkpoint has the size {size}")
    return _json(checkpoint_json(found), cache="public, max-age=31536000, immutable")


@require_safe
def checkpoint_list(request: HttpRequest) -> HttpResponse:
    try:
        after = _size(request, "after", required=False) or 0
    except ProofRefused as exc:
        return _refused(exc.field, str(exc))
    page: list[Checkpoint] = checkpoints_after(after)
    body: dict[str, Any] = {"checkpoints": [checkpoint_json(c) for c in page]}
    if len(page) == PAGE:
        body["next"] = f"{request.path}?after={page[-1].size}"
    return _json(body)


@require_safe
def consistency_view(request: HttpRequest) -> HttpResponse:
    try:
        first = _size(request, "from", required=True) or 0
        second = _size(request, "to", required=True) or 0
        path = consistency(first, second)
    except ProofRefused as exc:
        return _refused(exc.field, str(exc))
    return _json(consistency_json(first, second, path), cache="public, max-age=31536000")
