"""An agency's webhook (``notify.agency_hooks``) is POSTed the docket feed as it fills, by
a real local HTTP receiver's account: every entry its token may read, in the log's
order, signed with the hook's secret; a page the receiver refuses is sent again, the
same page under the same delivery id, until it is taken, then the next; entries of
another court, of a sealed case, or petition text the agency may not read never reach
it; a revoked token's hook (or one that lost cases:read) ends and is sent nothing more,
and so does a deleted one. The worker's feed turn does all this on its own."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone, translation

from expediente.access.access_log import AccessRecord
from expediente.access.disclosure import participant_audience, view_unlogged
from expediente.access.models import ApiToken, User
from expediente.access.policy import Actor
from expediente.access.tokens import token_create, token_revoke
from expediente.api.feed import cursor_encode
from expediente.docket.models import Case
from expediente.docket.services import case_open
from expediente.integrity.log import log_append
from expediente.integrity.models import Leaf
from expediente.integrity.store import tree_size
from expediente.notify import agency_hooks
from expediente.notify.agency_hooks import _claim, hook_create, hook_end, hooks_deliver
from expediente.notify.models import AgencyHook, AgencyHookAttempt
from expediente.notify.worker import run
from expediente.portal.who_viewed import viewings
from tests.api.test_an_agencys_token_reads_only_the_petitions_its_rules_allow import (  # noqa: F401
    ACCUSED_ASKS,
    VICTIM_ASKS,
    VICTIMS_REASONS,
    petitions,
)
from tests.conftest import NOW
from tests.notify.conftest import Receiver, stop_after


def a_token(name: str, *, courts: list[str] | None = None, agency: str = "other") -> ApiToken:
    owner = User.objects.get_or_create(username=name, defaults={"is_system": True})[0]
    return token_create(user=owner, name=name, scopes=["cases:read"], courts=courts, agency=agency)[
        0
    ]


def hook_to(receiver: Receiver, token: ApiToken, path: str = "/agency") -> AgencyHook:
    return hook_create(token=token, url=f"{receiver.url}{path}", from_="start")[0]


def push(**kw: Any) -> agency_hooks.HookTally:
    """The worker's feed turn, in two steps: the entries into the log, then the hooks."""
    log_append()
    return hooks_deliver(worker="test", **kw)


def pages(receiver: Receiver, path: str = "/agency") -> list[dict[str, Any]]:
    return [r.json() for r in receiver.received(path)]


def positions(receiver: Receiver, path: str = "/agency") -> list[int]:
    return [item["position"] for page in pages(receiver, path) for item in page["items"]]


def later(minutes: float) -> Any:
    return lambda: timezone.now() + dt.timedelta(minutes=minutes)


def test_the_receiver_gets_every_entry_in_the_logs_order_signed(accused_case, receiver):
    hook = hook_to(receiver, a_token("fiscalia"))
    tally = push()
    assert tally.sent == 1
    expected = list(Leaf.objects.order_by("position").values_list("position", flat=True))
    assert positions(receiver) == expected == list(range(tree_size()))
    [request] = receiver.received("/agency")
    timestamp = request.headers["X-Expediente-Timestamp"]
    mac = hmac.new(hook.secret.encode(), timestamp.encode() + b"." + request.body, hashlib.sha256)
    assert request.headers["X-Expediente-Signature"] == f"v1={mac.hexdigest()}"
    assert request.headers["X-Expediente-Delivery"] == f"hook:{hook.pk}:0-{tree_size()}"
    page = request.json()
    assert (page["hook"], page["more"]) == (hook.pk, False)
    assert page["next_cursor"] == cursor_encode(tree_size())
    assert {item["case"] for item in page["items"]} == {accused_case.nuid}
    assert page["items"][0]["event"]["type"] == "case.opened"
    hook.refresh_from_db()
    assert (hook.next_start, hook.failures, hook.last_error) == (tree_size(), 0, "")
    assert hook.last_sent_at is not None
    # nothing new: nothing sent, and the hook is not even claimed
    assert push().sent == 0
    assert len(receiver.received("/agency")) == 1


def verifies(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """What a receiver does (docs/api.md): recompute v1=HMAC-SHA256(secret, timestamp +
    "." + body) from what it got, and compare in constant time."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return hmac.compare_digest(signature, f"v1={mac.hexdigest()}")


def test_a_signature_verifies_only_with_the_secret_the_timestamp_and_the_body_sent(
    accused_case, receiver
):
    hook = hook_to(receiver, a_token("fiscalia"))
    push()
    [request] = receiver.received("/agency")
    timestamp = request.headers["X-Expediente-Timestamp"]
    signature = request.headers["X-Expediente-Signature"]
    assert verifies(hook.secret, timestamp, request.body, signature)
    assert not verifies("0" * 64, timestamp, request.body, signature)  # another secret
    assert not verifies(hook.secret, str(int(timestamp) + 1), request.body, signature)
    changed = request.body.replace(accused_case.nuid.encode(), b"X" * len(accused_case.nuid))
    assert changed != request.body
    assert not verifies(hook.secret, timestamp, changed, signature)


def test_a_long_log_goes_in_pages_one_after_the_other_in_one_turn(
    accused_case, record, receiver, monkeypatch
):
    monkeypatch.setattr(agency_hooks, "PAGE", 2)
    for n in range(3):
        record(accused_case, "note.added", {"text": f"Nota {n}"})
    hook = hook_to(receiver, a_token("fiscalia"))
    tally = push()
    sent = pages(receiver)
    assert tally.sent == len(sent) == (tree_size() + 1) // 2
    assert [p["more"] for p in sent] == [True] * (len(sent) - 1) + [False]
    assert positions(receiver) == list(range(tree_size()))
    ids = [r.headers["X-Expediente-Delivery"] for r in receiver.received("/agency")]
    assert ids[:2] == [f"hook:{hook.pk}:0-2", f"hook:{hook.pk}:2-4"]


def test_a_refused_page_is_sent_again_under_the_same_id_then_the_next(
    accused_case, record, receiver
):
    hook = hook_to(receiver, a_token("fiscalia"))
    receiver.answers = [500]
    assert push().retried == 1
    hook.refresh_from_db()
    first_end = tree_size()
    assert (hook.failures, hook.next_start) == (1, 0)
    assert hook.failing_since is not None
    assert "HTTP 500" in hook.last_error
    assert hook.next_attempt_at > timezone.now() + dt.timedelta(seconds=25)  # backoff
    assert push().sent == 0  # not before its time
    # an entry recorded meanwhile does not change the page being retried
    record(accused_case, "note.added", {"text": "Llegó tarde"})
    assert push(clock=later(5)).sent == 2
    tried = [r.headers["X-Expediente-Delivery"] for _status, r in receiver.tried]
    assert tried == [
        f"hook:{hook.pk}:0-{first_end}",
        f"hook:{hook.pk}:0-{first_end}",
        f"hook:{hook.pk}:{first_end}-{tree_size()}",
    ]
    assert [status for status, _r in receiver.tried] == [500, 200, 200]
    assert positions(receiver) == list(range(tree_size()))  # each entry once, in order
    hook.refresh_from_db()
    assert (hook.failures, hook.failing_since, hook.last_error) == (0, None, "")
    log = list(AgencyHookAttempt.objects.filter(hook=hook).values_list("outcome", "start"))
    assert log == [("retry", 0), ("sent", 0), ("sent", first_end)]


def test_a_receiver_that_keeps_failing_is_never_given_up_on(accused_case, receiver):
    hook = hook_to(receiver, a_token("fiscalia"))
    receiver.answers = [503] * 12
    for n in range(12):
        push(clock=later(60 * n))
    hook.refresh_from_db()
    assert hook.active
    assert (hook.failures, hook.next_start) == (12, 0)
    receiver.answers = []
    push(clock=later(60 * 24))
    hook.refresh_from_db()
    assert (hook.failures, hook.next_start) == (0, tree_size())


@pytest.fixture
def elsewhere(
    accused_case, other_court, open_case, clerk, record, judge_in_court
) -> dict[str, Case]:
    """A case of Cartago's court, and a sealed case of San José's, each with entries."""
    cartago = case_open(
        court=other_court, actor=clerk, procedure="adult", occurred_at=NOW - dt.timedelta(days=3)
    ).event.case
    record(cartago, "note.added", {"text": "En Cartago"})
    sealed = open_case(confidentiality="sealed")
    record(sealed, "note.added", {"text": "Sellado"}, actor=judge_in_court)
    return {"cartago": cartago, "sealed": sealed}


def test_another_courts_entries_and_a_sealed_cases_never_reach_it(
    accused_case, elsewhere, receiver
):
    hook_to(receiver, a_token("fiscalia-sj", courts=["sj-penal"]))
    push()
    cases = {item["case"] for page in pages(receiver) for item in page["items"]}
    assert cases == {accused_case.nuid}
    raw = b"".join(r.body for r in receiver.received("/agency"))
    assert b"Cartago" not in raw
    assert b"Sellado" not in raw
    assert elsewhere["sealed"].nuid.encode() not in raw


def test_a_page_with_nothing_it_may_read_moves_it_on_without_a_post(
    accused_case, other_court, receiver
):
    hook = hook_to(receiver, a_token("fiscalia-cartago", courts=[other_court.code]))
    assert push().passed == 1
    assert receiver.tried == []
    hook.refresh_from_db()
    assert hook.next_start == tree_size()


@pytest.mark.usefixtures("petitions")
def test_a_public_defence_hook_gets_no_victims_petition_text(accused_case, receiver):
    hook_to(receiver, a_token("defensa", agency="public_defence"), "/defence")
    hook_to(receiver, a_token("fiscalia", agency="prosecution"), "/prosecution")
    push()
    defence = b"".join(r.body for r in receiver.received("/defence"))
    prosecution = b"".join(r.body for r in receiver.received("/prosecution"))
    assert json.dumps(ACCUSED_ASKS, ensure_ascii=False)[1:-1].encode() in defence
    for secret in (VICTIM_ASKS, VICTIMS_REASONS):
        words = json.dumps(secret, ensure_ascii=False)[1:-1].encode()
        assert words not in defence
        assert words in prosecution


def _token_revoked(token: ApiToken) -> None:
    token_revoke(token=token)


def _token_expired(token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())


def _account_closed(token: ApiToken) -> None:
    User.objects.filter(pk=token.user_id).update(is_active=False)


def _scope_lost(token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk).update(scopes=["cases:write"])


ENDS = {
    "revoked": (_token_revoked, "token_ended"),
    "expired": (_token_expired, "token_ended"),
    "its account closed": (_account_closed, "token_ended"),
    "cases:read withdrawn": (_scope_lost, "scope_lost"),
}


@pytest.mark.parametrize(("spend", "because"), list(ENDS.values()), ids=list(ENDS))
def test_a_spent_tokens_hook_ends_and_is_sent_nothing_more(
    accused_case, record, receiver, spend, because
):
    token = a_token("fiscalia")
    hook = hook_to(receiver, token)
    push()
    assert len(receiver.tried) == 1
    spend(token)
    record(accused_case, "note.added", {"text": "Después"})
    assert push().ended == 1
    assert len(receiver.tried) == 1
    hook.refresh_from_db()
    assert (hook.active, hook.ended_because) == (False, because)
    assert push(clock=later(60)).sent == 0


def test_a_deleted_hook_is_sent_nothing_more(accused_case, record, receiver):
    token = a_token("fiscalia")
    hook = hook_to(receiver, token)
    push()
    hook_end(token=token, hook_id=hook.pk)
    record(accused_case, "note.added", {"text": "Después"})
    assert push().sent == 0
    assert len(receiver.tried) == 1


def test_a_hook_claimed_by_a_live_worker_is_not_sent_by_another(accused_case, receiver):
    hook = hook_to(receiver, a_token("fiscalia"))
    log_append()
    _claim_token, ids = _claim(worker="other", batch=10, now=timezone.now())
    assert ids == [hook.pk]
    assert hooks_deliver(worker="test").sent == 0  # its lease holds
    assert hooks_deliver(worker="test", clock=later(10)).sent == 1  # the lease ran out


def test_the_workers_feed_turn_takes_new_entries_in_and_sends_them(
    accused_case, record, receiver, clerk: Actor
):
    hook_to(receiver, a_token("fiscalia"))
    assert tree_size() == 0  # nothing taken into the log yet
    lines: list[str] = []
    run(feed_every=0.01, poll=0.01, stop=stop_after(3), log=lines.append, worker="w")
    assert positions(receiver) == list(range(tree_size()))
    assert tree_size() == accused_case.last_seq
    assert any("agencies' webhooks: 1 page(s) sent" in line for line in lines), lines


def test_a_fault_building_one_hooks_page_delays_that_hook_only(accused_case, receiver, monkeypatch):
    broken = hook_to(receiver, a_token("fiscalia"), "/broken")
    fine = hook_to(receiver, a_token("defensa", agency="public_defence"), "/fine")
    real = agency_hooks.feed_page

    def feed_page(*, actor: Actor, **kw: Any) -> Any:
        if actor.user.username == "fiscalia":
            raise RuntimeError("a page that cannot be built")
        return real(actor=actor, **kw)

    monkeypatch.setattr(agency_hooks, "feed_page", feed_page)
    lines: list[str] = []
    log_append()
    tally = hooks_deliver(worker="test", log=lines.append)
    assert (tally.sent, tally.retried) == (1, 1)
    assert positions(receiver, "/fine") == list(range(tree_size()))
    broken.refresh_from_db()
    fine.refresh_from_db()
    assert (broken.failures, broken.next_start, broken.active) == (1, 0, True)
    assert fine.next_start == tree_size()
    # the agency is told there was a fault, not the court's internals: those are the
    # worker's log's
    assert broken.last_error == agency_hooks.BUILD_FAULT
    [said] = [line for line in lines if f"webhook {broken.pk}" in line]
    assert "RuntimeError: a page that cannot be built" in said
    attempt = AgencyHookAttempt.objects.get(hook=broken)
    assert "RuntimeError" not in attempt.error


def test_the_agency_reads_a_generic_error_for_a_fault_of_the_courts(
    accused_case, receiver, monkeypatch
):
    owner = User.objects.create(username="fiscalia", is_system=True)
    token, secret = token_create(user=owner, name="fiscalia", scopes=["cases:read"])
    hook = hook_to(receiver, token)

    def feed_page(**_kw: Any) -> Any:
        raise RuntimeError("relation docket_event at /srv/expediente does not exist")

    monkeypatch.setattr(agency_hooks, "feed_page", feed_page)
    push(log=lambda _line: None)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    [shown] = [h for h in client.get("/api/v1/webhooks").json() if h["id"] == hook.pk]
    assert shown["failures"] == 1
    assert shown["last_error"] == "the court could not build this page; it will try again"
    assert "docket_event" not in json.dumps(shown)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_workers_at_once_send_each_page_once_and_in_order(
    accused_case, record, receiver, monkeypatch
):
    monkeypatch.setattr(agency_hooks, "PAGE", 2)
    for n in range(5):
        record(accused_case, "note.added", {"text": f"Nota {n}"})
    hooks = [hook_to(receiver, a_token(f"agencia-{n}"), f"/h{n}") for n in range(5)]
    log_append()
    barrier = threading.Barrier(3)

    def work(name: str) -> None:
        barrier.wait()
        hooks_deliver(worker=name, batch=2)
        connection.close()

    threads = [threading.Thread(target=work, args=(f"w{n}",)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for n, hook in enumerate(hooks):
        ids = [r.headers["X-Expediente-Delivery"] for r in receiver.received(f"/h{n}")]
        assert len(ids) == len(set(ids)), ids  # no page twice
        assert positions(receiver, f"/h{n}") == list(range(tree_size()))  # all, in order
        hook.refresh_from_db()
        assert hook.next_start == tree_size()


def reads_by(token: ApiToken) -> list[int]:
    """The cases the access log says this token's account read, a line each."""
    lines = AccessRecord.objects.filter(user_id=token.user_id).order_by("pk")
    return list(lines.values_list("case_id", flat=True))


def test_failed_attempts_log_no_read_and_a_success_one_per_case_sent(
    accused_case, elsewhere, receiver
):
    token = a_token("fiscalia", agency="prosecution")
    hook_to(receiver, token)
    receiver.answers = [500, 503, 404]
    for n in range(3):
        push(clock=later(60 * n))
    assert len(receiver.tried) == 3
    assert reads_by(token) == []  # three POSTs the receiver refused: nobody read anything
    assert push(clock=later(60 * 24)).sent == 1
    sent = {item["case"] for page in pages(receiver) for item in page["items"]}
    assert sent == {accused_case.nuid, elsewhere["cartago"].nuid}
    assert sorted(reads_by(token)) == sorted([accused_case.pk, elsewhere["cartago"].pk])
    lines = AccessRecord.objects.filter(user_id=token.user_id)
    assert {line.channel for line in lines} == {"api"}
    assert len({line.at for line in lines}) == 1  # one INSERT for the page


def test_the_victim_sees_one_read_by_the_prosecution_after_ten_failures_then_a_success(
    accused_case, receiver
):
    token = a_token("fiscalia", agency="prosecution")
    hook_to(receiver, token)
    receiver.answers = [500] * 10
    for n in range(11):
        push(clock=later(60 * n))
    assert [status for status, _r in receiver.tried] == [500] * 10 + [200]
    victim = participant_audience(participant="P2", role="victim", actor=None)
    with translation.override("en"):
        rows, _older = viewings(view_unlogged(victim, accused_case))
    by_systems = [row for row in rows if row.channel == "another institution's system"]
    assert [(row.who, row.count) for row in by_systems] == [("The prosecution's system", 1)]


def test_the_address_is_checked_before_the_page_is_built(
    accused_case, receiver, monkeypatch, settings
):
    token = a_token("fiscalia")
    hook = hook_to(receiver, token)
    built: list[int] = []
    real = agency_hooks.feed_page

    def feed_page(**kw: Any) -> Any:
        built.append(kw["start"])
        return real(**kw)

    monkeypatch.setattr(agency_hooks, "feed_page", feed_page)
    settings.NOTIFY_WEBHOOK_ALLOW_LOOPBACK = False
    assert push().retried == 1
    assert (built, receiver.tried, reads_by(token)) == ([], [], [])
    hook.refresh_from_db()
    assert (
        hook.last_error == "refused to send: address: The webhook address must start with https://."
    )
    settings.NOTIFY_WEBHOOK_ALLOW_LOOPBACK = True
    assert push(clock=later(5)).sent == 1
    assert built == [0]


def test_a_retry_cut_back_to_its_page_logs_only_the_cases_it_sent(
    accused_case, open_case, record, receiver
):
    token = a_token("fiscalia")
    hook_to(receiver, token)
    receiver.answers = [500]
    push()
    first_end = tree_size()
    other = open_case()  # after the failed page: not in its retry
    record(other, "note.added", {"text": "Después"})
    log_append()
    receiver.answers = [200, 500]  # the retry is taken; the next page is refused
    push(clock=later(5))
    assert {item["case"] for item in pages(receiver)[0]["items"]} == {accused_case.nuid}
    assert pages(receiver)[0]["next_cursor"] == cursor_encode(first_end)
    assert reads_by(token) == [accused_case.pk]


def broken_feed_page(**_kw: Any) -> Any:
    raise RuntimeError("a page that cannot be built")


def test_a_fault_building_a_retry_keeps_its_page_and_delivery_id(
    accused_case, record, receiver, monkeypatch
):
    hook = hook_to(receiver, a_token("fiscalia"))
    receiver.answers = [500]
    push()
    first_end = tree_size()
    record(accused_case, "note.added", {"text": "Llegó después"})
    real = agency_hooks.feed_page
    monkeypatch.setattr(agency_hooks, "feed_page", broken_feed_page)
    assert push(clock=later(5), log=lambda _line: None).retried == 1
    hook.refresh_from_db()
    assert (hook.failures, hook.next_start, hook.pending_end) == (2, 0, first_end)
    monkeypatch.setattr(agency_hooks, "feed_page", real)
    assert push(clock=later(60)).sent == 2
    tried = [r.headers["X-Expediente-Delivery"] for _status, r in receiver.tried]
    assert tried == [
        f"hook:{hook.pk}:0-{first_end}",
        f"hook:{hook.pk}:0-{first_end}",
        f"hook:{hook.pk}:{first_end}-{tree_size()}",
    ]


def test_a_case_sealed_between_a_failed_attempt_and_its_retry_is_not_sent(
    accused_case, open_case, record, receiver, judge_in_court
):
    token = a_token("fiscalia")
    hook = hook_to(receiver, token)
    other = open_case()
    record(other, "note.added", {"text": "Nota del otro caso"})
    receiver.answers = [500]
    push()
    [(_status, refused)] = receiver.tried
    assert accused_case.nuid in {item["case"] for item in refused.json()["items"]}
    record(accused_case, "case.sealed", {"grounds": "Protección"}, actor=judge_in_court)
    push(clock=later(5))
    [retry] = receiver.received("/agency")[:1]
    assert retry.headers["X-Expediente-Delivery"] == refused.headers["X-Expediente-Delivery"]
    assert {item["case"] for item in retry.json()["items"]} == {other.nuid}
    assert accused_case.nuid.encode() not in b"".join(r.body for r in receiver.received())
    assert reads_by(token) == [other.pk]
    hook.refresh_from_db()
    assert hook.next_start == tree_size()


def test_a_court_taken_from_the_token_between_attempts_is_not_sent(
    accused_case, elsewhere, receiver
):
    token = a_token("fiscalia")
    hook_to(receiver, token)
    receiver.answers = [500]
    push()
    [(_status, refused)] = receiver.tried
    cartago = elsewhere["cartago"].nuid
    assert cartago in {item["case"] for item in refused.json()["items"]}
    ApiToken.objects.filter(pk=token.pk).update(courts=["sj-penal"])
    assert push(clock=later(5)).sent == 1
    [retry] = receiver.received("/agency")
    assert retry.headers["X-Expediente-Delivery"] == refused.headers["X-Expediente-Delivery"]
    assert {item["court"] for item in retry.json()["items"]} == {"sj-penal"}
    assert cartago.encode() not in retry.body
    assert reads_by(token) == [accused_case.pk]
