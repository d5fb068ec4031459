"""A walk: the clerk added a note to a case ("NOTA INTERNA: la víctima vive en
Desamparados, tel 8888-1234"). The participants' portal hid it, as it should (a staff
note is the court's internal record, ``access/readable.STAFF_ONLY_TYPES``), but a public
defence office's token read its whole text through ``GET /cases/{nuid}/events`` and the
docket feed, and so did the prosecution's. No agency's system reads a note's text now,
through any route that gives entries (the events list, a case's ``recent_events``, the
feed, an agency's webhook), nor its correction's reason: the entry stays in its place,
its payload ``[…]``, its hashes there so the chain still links. The court's own staff
still read it, and the note's form says who reads it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from expediente.access.disclosure import REDACTED
from expediente.api.present import forget_bodies
from expediente.docket.models import Case
from expediente.integrity.log import log_append
from tests.api.helpers import API
from tests.custody.conftest import staff
from tests.notify.conftest import receiver  # noqa: F401  (a local HTTP receiver)
from tests.notify.test_an_agencys_webhook_is_pushed_its_courts_entries import (
    a_token,
    hook_to,
    push,
)

NOTE = "NOTA INTERNA: la víctima vive en Desamparados, tel 8888-1234"
FIXED = "NOTA INTERNA: la víctima vive en Desamparados, tel 8888-4321"
WHY = "El teléfono 8888-1234 estaba mal copiado"
SECRETS = ("Desamparados", "8888-1234", "8888-4321", "mal copiado")
HEARING = {"hearing": "H1", "kind": "preliminary", "starts_at": "2026-04-02T09:00:00-06:00"}
AGENCIES = ["prosecution", "public_defence", "private_defence", "police", "prison", "other"]


@pytest.fixture(autouse=True)
def _empty_store() -> None:
    forget_bodies()


@pytest.fixture
def noted(accused_case: Case, record: Callable[..., Any]) -> dict[str, int]:
    """The note (entry 5), its correction with a reason (6), and an entry every agency
    reads after them (7)."""
    note = record(accused_case, "note.added", {"text": NOTE})
    fixed = record(
        accused_case,
        "note.added",
        {"text": FIXED},
        corrects_seq=note.event.seq,
        correction_reason=WHY,
    )
    after = record(accused_case, "hearing.scheduled", HEARING)
    return {"note": note.event.seq, "fixed": fixed.event.seq, "after": after.event.seq}


def token(make_client: Callable[..., Any], agency: str) -> Client:
    return make_client(["cases:read"], user=f"api-{agency}", agency=agency)[0]


def leaks(content: bytes | str) -> list[str]:
    text = content.decode() if isinstance(content, bytes) else content
    text = json.loads(json.dumps(text))  # \u escapes read as the characters they are
    return [s for s in SECRETS if s in text or json.dumps(s)[1:-1] in text]


def assert_withheld(entries: dict[int, dict[str, Any]], noted: dict[str, int]) -> None:
    note, fixed, after = (entries[noted[k]] for k in ("note", "fixed", "after"))
    assert note["type"] == fixed["type"] == "note.added"
    assert note["payload"] == fixed["payload"] == {"text": REDACTED}
    assert (note["correction_reason"], fixed["correction_reason"]) == (None, REDACTED)
    assert fixed["corrects"] == note["seq"]
    # the entries keep their place in the chain: each next entry links to them
    assert fixed["prev_hash"] == note["hash"]
    assert after["prev_hash"] == fixed["hash"]


@pytest.mark.parametrize("agency", AGENCIES)
def test_no_agencys_token_reads_a_note_in_the_events_list(make_client, accused_case, noted, agency):
    client = token(make_client, agency)
    r = client.get(f"{API}/cases/{accused_case.nuid}/events?limit=200")
    assert r.status_code == 200, r.content[:300]
    assert leaks(r.content) == []
    assert_withheld({e["seq"]: e for e in r.json()["items"]}, noted)


@pytest.mark.parametrize("agency", AGENCIES)
def test_no_agencys_token_reads_a_note_in_the_case_read_kept_or_not(
    make_client, accused_case, noted, agency
):
    client = token(make_client, agency)
    for _read in ("fresh", "kept"):
        r = client.get(f"{API}/cases/{accused_case.nuid}")
        assert r.status_code == 200, r.content[:300]
        assert leaks(r.content) == []
        assert_withheld({e["seq"]: e for e in r.json()["recent_events"]}, noted)


@pytest.mark.parametrize("agency", AGENCIES)
def test_no_agencys_token_reads_a_note_in_the_feed(make_client, accused_case, noted, agency):
    log_append()
    client = token(make_client, agency)
    r = client.get(f"{API}/feed?limit=200")
    assert r.status_code == 200, r.content[:300]
    assert leaks(r.content) == []
    items = [i["event"] for i in r.json()["items"] if i["case"] == accused_case.nuid]
    assert_withheld({e["seq"]: e for e in items}, noted)


def test_no_agencys_webhook_is_pushed_a_notes_text(accused_case, noted, receiver):  # noqa: F811
    for agency in ("public_defence", "prosecution", "prison"):
        hook_to(receiver, a_token(f"hook-{agency}", agency=agency), f"/{agency}")
    push()
    for agency in ("public_defence", "prosecution", "prison"):
        sent = receiver.received(f"/{agency}")
        assert sent, agency
        assert leaks(b"".join(r.body for r in sent)) == [], agency
        items = [i["event"] for r in sent for i in r.json()["items"]]
        assert_withheld({e["seq"]: e for e in items}, noted)


def test_the_courts_staff_still_read_the_note_and_its_reason(accused_case, court, noted):
    clerk = staff("maria.clerk", court, "clerk")
    page = clerk.get(f"/court/cases/{accused_case.nuid}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert FIXED in text
    assert WHY in text


def test_the_notes_form_says_who_reads_it(accused_case, court):
    clerk = staff("maria.clerk", court, "clerk")
    form = clerk.get(f"/court/cases/{accused_case.nuid}/record/note.added/")
    assert form.status_code == 200
    said = (
        "Only the court&#x27;s staff read this note; it is not shown to the parties or to "
        "other offices&#x27; systems."
    )
    assert said in form.content.decode()


def test_another_entrys_form_says_nothing_of_it(accused_case, court):
    clerk = staff("maria.clerk", court, "clerk")
    form = clerk.get(f"/court/cases/{accused_case.nuid}/record/hearing.scheduled/")
    assert form.status_code == 200
    assert "Only the court" not in form.content.decode()
