"""Every route of the live OpenAPI document refuses a caller without permission, the
same way, and writes nothing: no Authorization header, a malformed one, a token that is
unknown, revoked, expired or of a deactivated account (401); a token without the
route's scope (403); a token of another court (the case or court does not
exist for it). A new route is walked too, and fails here until ``tests/api/routes.py``
says which scope it needs.

Where each route's behaviour is proved (routes as /api/v1/openapi.json lists them).
Every route, in the modules named for it: [P] this module (no header, malformed headers,
unknown, revoked and expired tokens and a deactivated account's, 401; a token lacking
the scope, alone or with every other scope, 403; a token of another court; a success
with the scope alone); [B] test_every_route_refuses_bad_input_by_name (a body not JSON
400, of another media type 415, not an object, {}, each required field missing or of
the wrong type, nested ones too, an unknown field, an unusable Idempotency-Key, a key
sent again with another body 409; unknown and odd path ids 404; each query parameter
out of its bounds or choices 422); [N] test_errors_never_500 (random input, no 5xx);
test_routing (wrong method 405, NUL, unknown paths); test_openapi (the document).

Each route, beyond [P], [B] and [N] (modules in tests/api/ unless a folder is named):

POST /cases
  success       test_open_case
  bad input     test_open_case (court unknown or malformed, number taken or blank,
                future or offset-less dates, replay); test_request_bodies (NaN,
                surrogates, UTF-16, 413); test_dates_and_numbers_are_written_out
  permission    test_only_court_staff_or_a_sealing_scope_record_sealing_orders
                (sealed needs cases:seal); access/test_permission_matrix
GET /cases/{nuid}
  success       test_get_case
  bad input     test_get_case, test_a_kept_case_body_is_never_stale (odd ids)
  permission    access/test_permission_matrix (sealed, restricted cases)
POST /cases/{nuid}/participants
  success       test_add_participant
  bad input     test_add_participant (id taken, a person of another court, protected
                not a bool, replay); test_request_bodies;
                test_the_published_schema_says_what_participants_and_charges_take
                (role, id, pseudonym: refused by the published rules, padded taken)
  permission    access/test_permission_matrix
POST /cases/{nuid}/charges
  success       test_add_charge
  bad input     test_add_charge (offence not in the catalogue, accused unknown or not
                accused, id taken, closed case, replay); test_request_bodies;
                test_the_published_schema_says_what_participants_and_charges_take
                (ids, offence, description past their limits)
  permission    access/test_permission_matrix
POST /cases/{nuid}/events
  success       test_append_event
  bad input     test_append_event (type, payload fields, stage 409, stale
                expected_seq 409, corrects unknown, replay, another case's key);
                test_a_hearing_*, test_a_curfew_*, test_far_dates_*,
                test_dates_and_numbers_*; test_request_bodies
  permission    test_only_court_staff_* (sealing orders); access/test_permission_matrix
                (scheduling, correcting)
GET /cases/{nuid}/events
  success       test_list_events
  bad input     test_list_events (limit, a cursor not given out, an empty cursor)
  permission    access/test_permission_matrix
GET /courts
  success       test_courts
  bad input     none possible (no parameters)
  permission    test_courts, access/test_permission_matrix (only the token's courts)
GET /courts/{code}/event-types
  success       test_courts
  bad input     test_courts (unknown and odd codes)
  permission    test_courts
GET /courts/{code}/offences
  success       test_a_client_finds_the_offence_codes_of_a_court
  bad input     the same (unknown court, a query parameter)
  permission    the same (a court outside the token, no scope, no token)
GET /courts/{code}/deadlines
  success       custody/test_the_deadlines_api
  bad input     custody/test_the_deadlines_api (status, cursor)
  permission    custody/test_the_deadlines_api (sealed cases left out)
POST /webhooks
  success       notify/test_an_agencys_webhook_is_pushed_its_courts_entries
  bad input     api/test_webhooks_are_made_listed_and_stopped_through_the_api (http,
                private address, the same address twice, a sixth, bad from, replay)
  permission    api/test_webhooks_are_made_listed_and_stopped_through_the_api
GET /webhooks, DELETE /webhooks/{id}
  success       api/test_webhooks_are_made_listed_and_stopped_through_the_api
  bad input     the same (another token's hook is not found)
  permission    the same
POST /courts/{code}/measures/device-events
  success       measures/test_the_provider_api_records_device_batches_once
  bad input     the same (unknown device, ended measure, a key not the batch id, a
                batch resent with other content: refused item by item)
  permission    measures/test_a_provider_reports_into_a_sealed_juvenile_case_* (it
                reports there and reads nothing)

Before these modules, only GET /cases/{nuid} was tried with malformed, revoked and
expired tokens; deadlines and device-events were not in the no-token list, nor fuzzed;
device-events was never sent a body that is not JSON, not an object or {}, nor a token
of another court; no route's odd court code or deadlines' limit was tried.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from expediente.access.tokens import token_revoke
from expediente.integrity.log import log_append
from tests.api.helpers import problem
from tests.api.routes import (
    FEEDS_ITS_OWN,
    IDS,
    ITS_OWN_HOOKS,
    LISTS_ITS_OWN,
    NOT_FOUND,
    OPERATIONS,
    REQUESTS,
    SCHEMA,
    UNKNOWN_COURT,
    other_scopes,
    request_for,
    rows,
    send,
    with_a_monitored_measure,
)

CHALLENGE = 'Bearer realm="expediente"'
INVALID = 'Bearer realm="expediente", error="invalid_token"'


@pytest.fixture
def world(accused_case, other_court, record):
    """The case every route's path names (sj-penal), with a measure on device DEV-1."""
    return with_a_monitored_measure(accused_case, record)


def refused(response, status, kind, before):
    """The problem a client reads, after checking that nothing was written."""
    assert rows() == before, "a refused request wrote something"
    return problem(response, status, kind)


def test_every_route_of_the_schema_has_a_request_here():
    assert OPERATIONS, "no routes read from the schema"
    for operation in OPERATIONS:
        request_for(operation)


@pytest.mark.parametrize("operation", OPERATIONS, ids=IDS)
def test_a_token_with_the_scope_succeeds(world, make_client, operation):
    """The requests below are refused for the caller alone: with the scope they pass."""
    wanted = request_for(operation)
    client, _ = make_client([wanted.scope])
    r = send(client, operation, world)
    assert r.status_code == wanted.status, r.content[:500]


@pytest.mark.parametrize("operation", OPERATIONS, ids=IDS)
def test_no_authorization_header_is_told_how_to_authenticate(world, operation):
    before = rows()
    r = send(Client(), operation, world)
    p = refused(r, 401, "unauthenticated", before)
    assert r["WWW-Authenticate"] == CHALLENGE
    assert "Authorization: Bearer <token>" in p["detail"]


HEADERS = {
    "empty": "",
    "scheme alone": "Bearer",
    "scheme and a space": "Bearer ",
    "another scheme": "Basic YWxhZGRpbjpvcGVuc2VzYW1l",
    "no scheme": "exp_without_a_scheme",
    "two spaces": "Bearer  exp_abc",
    "a token we never gave": "Bearer exp_not-a-token-we-gave",
    "a very long token": "Bearer exp_" + "a" * 5000,
}
# an empty header is no header, and another scheme or none is no Bearer token (RFC 6750
# section 3.1: no error code): the client is told how to send one
NOT_BEARER = {"empty", "another scheme", "no scheme"}


@pytest.mark.parametrize("header", list(HEADERS), ids=list(HEADERS))
@pytest.mark.parametrize("operation", OPERATIONS, ids=IDS)
def test_a_malformed_or_unknown_token_is_not_valid(world, operation, header):
    before = rows()
    r = send(Client(HTTP_AUTHORIZATION=HEADERS[header]), operation, world)
    p = refused(r, 401, "unauthenticated", before)
    assert r["WWW-Authenticate"] == (CHALLENGE if header in NOT_BEARER else INVALID)
    assert "Authorization: Bearer <token>" in p["detail"] or "expired or revoked" in p["detail"]


def _revoked(make_client, scope):
    client, token = make_client([scope])
    token_revoke(token=token)
    return client


def _expired(make_client, scope):
    return make_client([scope], expires_at=timezone.now() - dt.timedelta(seconds=1))[0]


def _deactivated(make_client, scope):
    client, token = make_client([scope])
    token.user.is_active = False
    token.user.save()
    return client


SPENT = {"revoked": _revoked, "expired": _expired, "of a deactivated account": _deactivated}


@pytest.mark.parametrize("spent", list(SPENT.values()), ids=list(SPENT))
@pytest.mark.parametrize("operation", OPERATIONS, ids=IDS)
def test_a_token_no_longer_valid_is_refused(world, make_client, operation, spent):
    client = spent(make_client, request_for(operation).scope)
    before = rows()
    r = send(client, operation, world)
    p = refused(r, 401, "unauthenticated", before)
    assert r["WWW-Authenticate"] == INVALID
    assert "unknown, expired or revoked" in p["detail"]


def _lacking(scope):
    """Every other scope together, and each alone."""
    others = other_scopes(scope)
    return [others, *([s] for s in others)]


LACKING = [
    (operation, scopes)
    for operation in OPERATIONS
    if operation in REQUESTS  # a route without one fails the test above
    for scopes in _lacking(request_for(operation).scope)
]


@pytest.mark.parametrize(
    ("operation", "scopes"),
    LACKING,
    ids=[f"{IDS[OPERATIONS.index(o)]} with {'+'.join(s)}" for o, s in LACKING],
)
def test_a_token_without_the_scope_is_forbidden(world, make_client, operation, scopes):
    client, _ = make_client(scopes)
    before = rows()
    r = send(client, operation, world)
    p = refused(r, 403, "forbidden", before)
    # it names the scope a client can ask for, not only the internal permission
    assert f"this token lacks the scope {request_for(operation).scope}," in p["detail"]


@pytest.mark.parametrize("operation", OPERATIONS, ids=IDS)
def test_a_token_of_another_court_finds_nothing_here(world, make_client, other_court, operation):
    """With its scope, but limited to Cartago: San José's case and court do not exist
    for it, and it is told no more than about a case or court that does not exist."""
    wanted = request_for(operation)
    client, _ = make_client([wanted.scope], courts=[other_court.code])
    before = rows()
    r = send(client, operation, world)
    if wanted.another_court == LISTS_ITS_OWN:
        assert r.status_code == 200
        assert [c["code"] for c in json.loads(r.content)] == [other_court.code]
        return
    if wanted.another_court == FEEDS_ITS_OWN:
        log_append()  # the world's entries in the log: the feed reads them, and not to it
        r = send(client, operation, world)
        assert r.status_code == 200
        body = json.loads(r.content)
        assert body["log_size"] > 0
        assert body["items"] == []
        return
    if wanted.another_court == ITS_OWN_HOOKS:  # a token's hooks are its own, in any court
        assert r.status_code == wanted.status, r.content[:300]
        return
    if wanted.another_court == UNKNOWN_COURT:
        p = refused(r, 422, "invalid", before)
        assert p["errors"] == [{"field": "court", "message": "unknown court"}]
        return
    assert wanted.another_court == NOT_FOUND
    p = refused(r, 404, "not-found", before)
    assert p["detail"] in (f"no case {world!r}", "no court 'sj-penal'")
    assert "errors" not in p


def test_the_schema_says_every_route_needs_the_bearer_token():
    """What the tests above prove is what the document promises a client."""
    for path, ops in SCHEMA["paths"].items():
        for method, op in ops.items():
            assert op.get("security"), f"{method.upper()} {path} says it needs no token"
