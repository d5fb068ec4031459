"""Review: three places show a participant the case's history, and they disagreed. The
case page left out the staff's notes and, but for the person it names and the defence,
the consular entries; the count of what is new on /my/ left out the notes but counted
the consular entries (a victim's lawyer read "2 new" above a page that marked one, which
also hinted that something was kept from her); and the messages told every subscriber of
a note ("Case …: Note"). One rule now answers for the three (``access/readable.py``): what
a reader's page marks as new is what /my/ counts for her and what she is told of.

A juvenile's case: P1 the accused young person, P2 his guardian (recorded as standing for
him), P3 his public defender, P4 the victim, P5 the victim's lawyer, P6 a guardian
recorded as standing for the victim. Each has an account linked to their participation
and an inbox subscription; each has opened the case once. Then a staff note, the entry
saying P1 was told of his right to consular notification, and a hearing are recorded."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from expediente.access.participant_codes import link_by_clerk
from expediente.notify.models import Delivery
from expediente.notify.subscriptions import subscribe
from tests.portal.conftest import hearing_day, lawyer_client, table_rows, text_of
from tests.portal.test_a_guardian_is_addressed_as_the_guardian import (  # noqa: F401
    juvenile_case,
)
from tests.portal.test_a_lawyer_sees_what_is_new_since_her_last_visit import marked

TOLD = "Told of the right to consular notification"
HEARING = "Hearing scheduled"
# what a message is about (its entry's type), as the page heads the entry
LABELS = {"note.added": "Note", "consular.rights_informed": TOLD, "hearing.scheduled": HEARING}


def now() -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=1)


@pytest.fixture
def news(juvenile_case, record, court_clerk) -> tuple[Any, dict[str, Client]]:  # noqa: F811
    case = juvenile_case
    person = {"given_names": "Marta", "family_names": "Rojas Vargas", "sex": "unknown"}
    record(case, "participant.added", {"role": "guardian", "person": person})  # P6
    record(case, "participant.stands_for", {"guardian": "P2", "stands_for": "P1"})
    record(case, "participant.stands_for", {"guardian": "P6", "stands_for": "P4"})
    clients = {}
    for uid in ("P1", "P2", "P3", "P4", "P5", "P6"):
        client, user = lawyer_client(f"account.{uid.lower()}")
        link_by_clerk(
            case=case,
            participant=uid,
            username=user.username,
            actor=court_clerk,
            namesake_confirmed=True,
        )
        assert client.get(f"/my/cases/{case.nuid}/{uid}/").status_code == 200  # a first visit
        subscribe(
            participation=case.participations.get(uid=uid),
            channel="inbox",
            address="",
            language="en",
            consent=True,
            consent_text_version="2026-03",
        )
        clients[uid] = client
    record(case, "note.added", {"text": "Llamar a la defensa."}, occurred_at=now())
    record(case, "consular.rights_informed", {"person": "P1", "requested": True}, occurred_at=now())
    starts = (hearing_day() + dt.timedelta(days=1)).isoformat()
    hearing = {"hearing": "H2", "kind": "trial", "starts_at": starts, "courtroom": "Sala 1"}
    record(case, "hearing.scheduled", hearing, occurred_at=now())
    return case, clients


def counted(client: Client) -> int:
    """The number /my/ gives the case: "2 new since your last visit", or none."""
    cell = table_rows(client.get("/my/").content.decode())[1][0]
    found = re.search(r"(\d+) new since your last visit", cell)
    assert found or "Nothing new since your last visit" in cell, cell
    return int(found.group(1)) if found else 0


def told(case: Any, uid: str) -> list[str]:
    """What the reader was sent messages about, oldest first, as the page heads it."""
    sent = Delivery.objects.filter(subscription__case=case, subscription__participant=uid)
    return [
        LABELS[t]
        for t in sent.order_by("notification__event_seq").values_list(
            "notification__what", flat=True
        )
    ]


def read(case: Any, client: Client, uid: str) -> tuple[int, list[str], list[str]]:
    """What /my/ counts as new for the reader, what she was told of, and what her page
    then marks as new (the count first: opening the page is a visit)."""
    count = counted(client)
    page = client.get(f"/my/cases/{case.nuid}/{uid}/").content.decode()
    return count, told(case, uid), marked(page)


def test_the_accused_and_his_defence_are_counted_and_told_the_consular_entry(news):
    case, clients = news
    for uid in ("P1", "P3"):
        assert read(case, clients[uid], uid) == (2, [TOLD, HEARING], [TOLD, HEARING]), uid


def test_the_victims_side_is_neither_counted_nor_told_the_consular_entry(news):
    case, clients = news
    for uid in ("P4", "P5", "P6"):
        assert read(case, clients[uid], uid) == (1, [HEARING], [HEARING]), uid
        assert "consul" not in text_of(clients[uid].get("/my/").content.decode()).lower()


def test_the_accuseds_guardian_is_counted_and_told_what_her_page_marks(news):
    # whom a consular entry reaches is custody's rule (``custody.consular.may_read_entry``,
    # which may come to name the guardian of the person held): whatever it says, her
    # count and her messages are what her page marks
    case, clients = news
    count, messages, page = read(case, clients["P2"], "P2")
    assert messages == page
    assert count == len(page)
    assert page in ([HEARING], [TOLD, HEARING])
