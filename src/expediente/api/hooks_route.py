"""Routes: a token's webhooks, to be pushed the docket feed as it fills (POST, GET
/webhooks, DELETE /webhooks/{id}); the service is ``notify/agency_hooks.py``, the pages
are those of GET /feed (``api/feed.py``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from ninja import Header, Router, Schema
from ninja.responses import Status
from pydantic import Field

from expediente.access.capabilities import Capability
from expediente.access.models import ApiToken
from expediente.access.policy import Actor, can
from expediente.api.auth import lacks_scope
from expediente.api.cases import one_key
from expediente.api.feed import cursor_encode
from expediente.api.present import json_response
from expediente.api.schemas import In, refuse_query_parameters
from expediente.notify.agency_hooks import hook_create, hook_end, hooks_of
from expediente.notify.models import AgencyHook

router = Router(tags=["webhooks"])

HookKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        default=None,
        description="Retry-safe key: the same key and body answer the hook first made, its "
        "secret included (a lost answer would otherwise lose the secret).",
    ),
]


class HookIn(In):
    url: str = Field(
        min_length=1,
        max_length=500,
        description="Where to POST the pages: https, on a public address",
    )
    from_: Literal["now", "start"] = Field(
        default="now",
        alias="from",
        description="now: the entries taken into the log from now on; start: the whole "
        "log this token may read, from its first entry",
    )


class HookOut(Schema):
    id: int
    url: str
    active: bool
    created_at: dt.datetime
    ended_at: dt.datetime | None = None
    ended_because: str = Field(
        description="Why it ended: deleted, token_ended (revoked, expired or its account "
        "closed), scope_lost (the token no longer holds cases:read); empty while active"
    )
    next_cursor: str = Field(
        description="Where its next page starts: GET /feed with it reads what is still to be sent"
    )
    failures: int = Field(description="Failed sends of the page now being sent, in a row")
    failing_since: dt.datetime | None = None
    last_error: str
    last_sent_at: dt.datetime | None = None


class HookMadeOut(HookOut):
    secret: str = Field(
        description="The key of the X-Expediente-Signature HMAC: keep it, it is shown only "
        "now (and to a retry with the same Idempotency-Key)"
    )


def _token(request: HttpRequest) -> ApiToken:
    """The request's token, once it may read cases: only what it reads is pushed."""
    actor = request.auth  # type: ignore[attr-defined]
    assert isinstance(actor, Actor)
    refuse_query_parameters(request)
    if not can(actor, Capability.CASE_VIEW):
        raise lacks_scope(Capability.CASE_VIEW)
    token = request.api_token  # type: ignore[attr-defined]
    assert isinstance(token, ApiToken)
    return token


def _moment(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def hook_out(hook: AgencyHook) -> dict[str, Any]:
    """A hook's state as the API shows it (``HookOut``; its moments as the events'
    are written, ISO 8601 with their offset)."""
    return {
        "id": hook.pk,
        "url": hook.url,
        "active": hook.active,
        "created_at": _moment(hook.created_at),
        "ended_at": _moment(hook.ended_at),
        "ended_because": hook.ended_because,
        "next_cursor": cursor_encode(hook.next_start),
        "failures": hook.failures,
        "failing_since": _moment(hook.failing_since),
        "last_error": hook.last_error,
        "last_sent_at": _moment(hook.last_sent_at),
    }


@router.post(
    "/webhooks",
    response={200: HookMadeOut, 201: HookMadeOut},
    summary="Be sent every entry this token may read, as the feed fills",
    description=(
        "Register a URL to be POSTed the pages of `GET /feed` as entries are taken into "
        "the log, signed with the `secret` answered here (only here). At most 5 hooks a "
        "token, one per address. Needs `cases:read`: a hook is sent what the token may "
        "read when each page is sent. See docs/api.md, 'Following your courts' dockets'."
    ),
)
def create_webhook(
    request: HttpRequest, body: HookIn, idempotency_key: HookKey = None
) -> HttpResponse:
    key = one_key(idempotency_key)  # a header sent twice is refused, as on every write
    token = _token(request)
    with translation.override("en"):  # the API's words are English, as its other refusals
        hook, created = hook_create(
            token=token, url=body.url, from_=body.from_, idempotency_key=key
        )
    response = json_response({**hook_out(hook), "secret": hook.secret}, 201 if created else 200)
    if not created:
        response.headers["Idempotent-Replayed"] = "true"
    return response


@router.get(
    "/webhooks",
    response=list[HookOut],
    summary="This token's webhooks and how their sending goes",
    description=(
        "The active hooks, and those ended in the last 30 days with why. A hook that "
        "fails keeps its place: `failures`, `failing_since` and `last_error` say what "
        "its address answers. The secret is not shown again. Needs `cases:read`."
    ),
)
def list_webhooks(request: HttpRequest) -> HttpResponse:
    token = _token(request)
    return json_response([hook_out(h) for h in hooks_of(token)])


@router.delete(
    "/webhooks/{id}",
    response={204: None},
    summary="Stop a webhook",
    description="Nothing more is sent to it. Another token's hook is not found. Needs "
    "`cases:read`.",
)
def delete_webhook(request: HttpRequest, id: str) -> Status[None]:
    hook_end(token=_token(request), hook_id=id)
    return Status(204, None)
