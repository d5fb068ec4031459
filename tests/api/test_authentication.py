"""Every route wants a valid bearer token, and says so in RFC 6750's words when it lacks one."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from expediente.access.models import ApiToken, User
from expediente.access.tokens import token_create, token_revoke
from expediente.docket.models import Event
from tests.api.helpers import API, PAST, post_json, problem

ROUTES = [
    ("post", "/cases", {"court": "sj-penal", "procedure": "adult", "occurred_at": PAST}),
    ("get", "/cases/{nuid}", None),
    (
        "post",
        "/cases/{nuid}/participants",
        {"role": "witness", "person": {"given_names": "Eva"}, "occurred_at": PAST},
    ),
    ("post", "/cases/{nuid}/charges", {"accused": "P1", "offence": "CP-208", "occurred_at": PAST}),
    (
        "post",
        "/cases/{nuid}/events",
        {"type": "note.added", "occurred_at": PAST, "payload": {"text": "x"}},
    ),
    ("get", "/cases/{nuid}/events", None),
    ("get", "/courts", None),
    ("get", "/courts/sj-penal/event-types", None),
]


def call(client, route, nuid):
    method, path, body = route
    url = API + path.format(nuid=nuid)
    return client.get(url) if method == "get" else post_json(client, url, body)


@pytest.mark.parametrize("route", ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_every_route_refuses_a_caller_without_a_token(anonymous, accused_case, route):
    before = Event.objects.count()
    r = call(anonymous, route, accused_case.nuid)
    p = problem(r, 401, "unauthenticated")
    assert r["WWW-Authenticate"] == 'Bearer realm="expediente"'
    assert "Authorization: Bearer" in p["detail"]
    assert Event.objects.count() == before


@pytest.mark.parametrize(
    "header",
    [
        "Bearer exp_not-a-token-we-gave",
        "Bearer ",
        "Bearer " + "exp_" + "a" * 300,
        "Basic YWxhZGRpbjpvcGVuc2VzYW1l",
        "exp_without_a_scheme",
    ],
)
def test_a_token_we_never_gave_out_is_refused(accused_case, case_url, header):
    r = Client(HTTP_AUTHORIZATION=header).get(case_url)
    problem(r, 401, "unauthenticated")
    assert r["WWW-Authenticate"].startswith('Bearer realm="expediente"')


def test_a_rejected_token_is_called_invalid_in_the_challenge(accused_case, case_url):
    r = Client(HTTP_AUTHORIZATION="Bearer exp_forged").get(case_url)
    p = problem(r, 401, "unauthenticated")
    assert r["WWW-Authenticate"] == 'Bearer realm="expediente", error="invalid_token"'
    assert "expired or revoked" in p["detail"]


def test_a_revoked_token_is_refused(make_client, accused_case, case_url):
    client, token = make_client(["cases:read"])
    assert client.get(case_url).status_code == 200
    token_revoke(token=token)
    problem(client.get(case_url), 401, "unauthenticated")


def test_an_expired_token_is_refused(make_client, accused_case, case_url):
    client, _ = make_client(["cases:read"], expires_at=timezone.now() - dt.timedelta(minutes=1))
    problem(client.get(case_url), 401, "unauthenticated")


def test_a_token_not_yet_expired_is_accepted(make_client, accused_case, case_url):
    client, _ = make_client(["cases:read"], expires_at=timezone.now() + dt.timedelta(hours=1))
    assert client.get(case_url).status_code == 200


def test_the_token_of_a_deactivated_account_is_refused(make_client, accused_case, case_url):
    client, token = make_client(["cases:read"])
    token.user.is_active = False
    token.user.save()
    problem(client.get(case_url), 401, "unauthenticated")


def test_using_a_token_records_when_it_was_last_used(make_client, accused_case, case_url):
    client, token = make_client(["cases:read"])
    client.get(case_url)
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER"])
def test_the_scheme_is_read_whatever_its_case(accused_case, case_url, scheme):
    """RFC 7235: the scheme is case-insensitive; the token after one space is the rest."""
    owner = User.objects.get_or_create(username="api-schemes", defaults={"is_system": True})[0]
    _, secret = token_create(user=owner, name="schemes", scopes=["cases:read"])
    assert Client(HTTP_AUTHORIZATION=f"{scheme} {secret}").get(case_url).status_code == 200
    problem(Client(HTTP_AUTHORIZATION=f"{scheme}  {secret}").get(case_url), 401, "unauthenticated")


@pytest.fixture
def secret():
    owner = User.objects.get_or_create(username="api-schemes", defaults={"is_system": True})[0]
    return token_create(user=owner, name="schemes", scopes=["cases:read", "cases:write"])[1]


@pytest.mark.parametrize("scheme", ["Token", "token", "Basic", "Bearer:"])
@pytest.mark.parametrize("route", ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_a_valid_token_under_another_scheme_is_told_to_use_bearer(
    accused_case, secret, scheme, route
):
    """``Authorization: Token <a valid token>`` was answered "unknown, expired or revoked":
    the client went looking for a token problem it did not have."""
    before = Event.objects.count()
    r = call(Client(HTTP_AUTHORIZATION=f"{scheme} {secret}"), route, accused_case.nuid)
    p = problem(r, 401, "unauthenticated")
    # RFC 6750 section 3.1: no error code for a request without a Bearer token
    assert r["WWW-Authenticate"] == 'Bearer realm="expediente"'
    assert f"the scheme {scheme!r}" in p["detail"]
    assert "Authorization: Bearer <token>" in p["detail"]
    assert "revoked" not in p["detail"]
    assert Event.objects.count() == before


def test_a_token_without_a_scheme_is_told_to_put_bearer_before_it(accused_case, case_url, secret):
    r = Client(HTTP_AUTHORIZATION=secret).get(case_url)
    p = problem(r, 401, "unauthenticated")
    assert r["WWW-Authenticate"] == 'Bearer realm="expediente"'
    assert "names no scheme" in p["detail"]
    assert "Authorization: Bearer <token>" in p["detail"]


def test_bearer_without_a_token_says_the_token_is_missing(accused_case, case_url):
    r = Client(HTTP_AUTHORIZATION="Bearer").get(case_url)
    p = problem(r, 401, "unauthenticated")
    assert r["WWW-Authenticate"] == 'Bearer realm="expediente", error="invalid_token"'
    assert "no token after Bearer" in p["detail"]
