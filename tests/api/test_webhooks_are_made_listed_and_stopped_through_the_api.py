"""An agency's system registers its webhook through the API (POST /webhooks), is shown its
secret once, lists its hooks with how their sending goes (GET /webhooks), and stops one
(DELETE /webhooks/{id}). An address the webhook check refuses, the same address twice,
a sixth hook or a bad ``from`` is refused naming the field, and nothing is written.
What a hook is sent: tests/notify/test_an_agencys_webhook_is_pushed_its_courts_entries."""

from __future__ import annotations

import json
import re

import pytest

from expediente.api.feed import cursor_encode
from expediente.integrity.log import log_append
from expediente.integrity.store import tree_size
from expediente.notify.models import AgencyHook
from tests.api.helpers import API, fields, message, post_json, problem
from tests.api.routes import rows

URL = "https://93.184.215.14/expediente/hook"  # a public address, never sent anything here


@pytest.fixture
def agency(make_client):
    return make_client(["cases:read"], user="fiscalia", agency="prosecution")


def make(client, url=URL, **body):
    return post_json(client, f"{API}/webhooks", {"url": url, **body})


def test_a_new_hook_answers_its_secret_once_and_starts_now(agency, accused_case):
    client, _token = agency
    log_append()
    r = make(client)
    assert r.status_code == 201, r.content[:300]
    made = json.loads(r.content)
    assert re.fullmatch(r"[0-9a-f]{64}", made["secret"])
    assert made["url"] == URL
    assert made["active"] is True
    # "now": what the log holds already is not sent, only what comes after
    assert tree_size() > 0
    assert made["next_cursor"] == cursor_encode(tree_size())
    listed = json.loads(client.get(f"{API}/webhooks").content)
    assert [h["id"] for h in listed] == [made["id"]]
    assert "secret" not in listed[0]
    assert made["secret"] not in json.dumps(listed)


def test_from_start_sends_the_whole_log(agency, accused_case):
    client, _token = agency
    log_append()
    made = json.loads(make(client, **{"from": "start"}).content)
    assert made["next_cursor"] == cursor_encode(0)


def test_sent_again_with_its_key_it_answers_the_same_hook_and_secret(agency):
    client, _token = agency
    first = post_json(client, f"{API}/webhooks", {"url": URL}, key="hook-1")
    assert first.status_code == 201
    before = rows()
    again = post_json(client, f"{API}/webhooks", {"url": URL}, key="hook-1")
    assert again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert json.loads(again.content)["secret"] == json.loads(first.content)["secret"]
    assert rows() == before


def test_a_key_sent_twice_is_refused_and_no_hook_is_made(agency):
    # a header sent twice reaches the application joined by a comma ("h1,h2"): a retry
    # under h1 alone would have made a second hook with a second secret
    client, _token = agency
    before = rows()
    refused = problem(post_json(client, f"{API}/webhooks", {"url": URL}, key="h1,h2"), 400)
    assert fields(refused) == ["Idempotency-Key"]
    assert rows() == before
    assert not AgencyHook.objects.exists()


REFUSED = {
    "not https": ("http://93.184.215.14/hook", "must start with https://"),
    "a private address": ("https://10.1.2.3/hook", "private or local network address"),
    "the loopback": ("https://127.0.0.1:8443/hook", "private or local network address"),
    "a user name": ("https://user:pw@93.184.215.14/hook", "without a user name"),
    "blank": ("   ", "Enter the address"),
    # urlsplit raised ValueError on these: a 500
    "a bracket left open": ("https://[::1/", "as https://host/path"),
    "not an IPv6 address": ("https://[zz]/hook", "as https://host/path"),
}


@pytest.mark.parametrize(("url", "says"), list(REFUSED.values()), ids=list(REFUSED))
def test_an_address_the_webhook_check_refuses_is_named(agency, url, says):
    client, _token = agency
    before = rows()
    p = problem(make(client, url), 422, "invalid")
    assert fields(p) == ["url"]
    assert says in message(p, "url")
    assert rows() == before


def test_the_same_address_twice_is_refused_naming_url(agency):
    client, _token = agency
    assert make(client).status_code == 201
    before = rows()
    p = problem(make(client, f"  {URL} "), 422, "invalid")  # the same, once stripped
    assert fields(p) == ["url"]
    assert "already has a webhook to this address" in message(p, "url")
    assert rows() == before


def test_another_token_may_use_the_same_address(agency, make_client):
    assert make(agency[0]).status_code == 201
    other, _ = make_client(["cases:read"], user="defensa", agency="public_defence")
    assert make(other).status_code == 201


def test_a_sixth_hook_is_refused_naming_url(agency):
    client, _token = agency
    for n in range(5):
        assert make(client, f"{URL}/{n}").status_code == 201
    before = rows()
    p = problem(make(client, f"{URL}/5"), 422, "invalid")
    assert fields(p) == ["url"]
    assert "at most 5 webhooks" in message(p, "url")
    assert rows() == before


def test_a_deleted_hook_makes_room_and_its_address_may_be_used_again(agency):
    client, _token = agency
    ids = [json.loads(make(client, f"{URL}/{n}").content)["id"] for n in range(5)]
    assert client.delete(f"{API}/webhooks/{ids[0]}").status_code == 204
    assert make(client, f"{URL}/0").status_code == 201


@pytest.mark.parametrize("start", ["yesterday", "", "NOW", 0])
def test_a_from_that_is_neither_now_nor_start_is_named(agency, start):
    client, _token = agency
    before = rows()
    p = problem(make(client, **{"from": start}), 422, "invalid")
    assert fields(p) == ["from"]
    assert rows() == before


def test_delete_stops_it_and_the_list_says_why(agency):
    client, _token = agency
    made = json.loads(make(client).content)
    r = client.delete(f"{API}/webhooks/{made['id']}")
    assert r.status_code == 204
    assert r.content == b""
    [listed] = json.loads(client.get(f"{API}/webhooks").content)
    assert (listed["active"], listed["ended_because"]) == (False, "deleted")
    assert listed["ended_at"] is not None
    assert client.delete(f"{API}/webhooks/{made['id']}").status_code == 204  # harmless twice


def test_another_tokens_hook_is_not_found_and_stays(agency, make_client):
    client, _token = agency
    made = json.loads(make(client).content)
    other, _ = make_client(["cases:read"], user="defensa", agency="public_defence")
    before = rows()
    p = problem(other.delete(f"{API}/webhooks/{made['id']}"), 404, "not-found")
    assert "errors" not in p
    assert json.loads(other.get(f"{API}/webhooks").content) == []
    assert AgencyHook.objects.get(pk=made["id"]).active
    assert rows() == before


def test_a_token_without_cases_read_may_not_have_one(make_client):
    writer, _ = make_client(["cases:write"], user="api-writer")
    before = rows()
    p = problem(make(writer), 403, "forbidden")
    assert "cases:read" in p["detail"]
    assert rows() == before
