"""Reading the portal's pages the way a person sees them: headings and table rows."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from expediente.access.models import Membership, User
from expediente.access.participant_codes import code_issue
from expediente.access.policy import Actor
from expediente.docket.models import Case
from tests.conftest import order_term


def page(client: Client, path: str = "/", language: str | None = None) -> str:
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = client.get(path, **headers)
    assert response.status_code == 200
    return response.content.decode()


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def headings(body: str) -> list[str]:
    return [text_of(h) for h in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", body, re.S)]


def table_rows(body: str) -> list[list[str]]:
    """Each row of the page's table, header row first, as the text of its cells."""
    rows = re.findall(r"<tr(?:\s[^>]*)?>(.*?)</tr>", body, re.S)
    return [
        [text_of(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)] for row in rows
    ]


# ----------------------------------------------------------------------------- the portal
# A detained man's case, told from the present: José (P1) arrested 20 days ago and
# held in pretrial detention until ``order_term()``, a victim (P2), a protected witness
# (P3, pseudonym "Testigo A"), a public defender (P4); a preliminary hearing in six days
# at 09:30 in San José. Codes are issued by a clerk of the court through the real service.


CR = ZoneInfo("America/Costa_Rica")


def inbox_for(case: Case, *uids: str) -> None:
    """Each of these participants follows ``case`` in the portal's inbox, in English."""
    from expediente.docket.models import Participation
    from expediente.notify.subscriptions import subscribe

    for uid in uids:
        subscribe(
            participation=Participation.objects.get(case=case, uid=uid),
            channel="inbox",
            address="",
            language="en",
            consent=True,
            consent_text_version="test",
        )


def days_ago(days: int, hour: int = 10) -> dt.datetime:
    day = (timezone.now() - dt.timedelta(days=days)).astimezone(CR).date()
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=CR)


def hearing_day() -> dt.datetime:
    day = (timezone.now() + dt.timedelta(days=6)).astimezone(CR).date()
    return dt.datetime.combine(day, dt.time(9, 30), tzinfo=CR)


def make_clerk(court: Any) -> Actor:
    user = User.objects.create_user("ana.clerk", password="una-clave-larga-2026")
    Membership.objects.create(user=user, court=court, role="clerk")
    return Actor.staff(user)


@pytest.fixture
def court_clerk(court: Any) -> Actor:
    return make_clerk(court)


@pytest.fixture
def detained_case(accused_case: Case, record: Callable[..., Any]) -> Case:
    return make_detained_case(accused_case, record)


def make_detained_case(case: Case, record: Callable[..., Any]) -> Case:
    record(
        case,
        "participant.added",
        {
            "role": "witness",
            "pseudonym": "Testigo A",
            "protected": True,
            "person": {"given_names": "Lucía", "family_names": "Secreta Mora", "sex": "female"},
        },
    )
    record(
        case,
        "participant.added",
        {
            "role": "public_defender",
            "person": {"given_names": "Rosa", "family_names": "Defensora Solís", "sex": "female"},
        },
    )
    p1 = {"person": "P1"}
    record(case, "custody.arrested", p1, occurred_at=days_ago(20, 8))
    record(case, "custody.placed_before_judge", p1, occurred_at=days_ago(20, 20))
    record(case, "custody.hearing_requested", p1, occurred_at=days_ago(19, 9))
    record(
        case,
        "custody.pretrial_ordered",
        {**p1, "until": order_term().isoformat(), "grounds": "Peligro de fuga", "facility": "CAI"},
        occurred_at=days_ago(19, 11),
    )
    record(
        case,
        "hearing.scheduled",
        {
            "hearing": "H1",
            "kind": "preliminary",
            "starts_at": hearing_day().isoformat(),
            "courtroom": "Sala 3",
        },
        occurred_at=days_ago(2),
    )
    case.refresh_from_db()
    return case


def schedule_review(record: Callable[..., Any], case: Case, hearing: str = "H2") -> Any:
    """Record an entry every participant reads, and so is told of: a review hearing
    ``hearing`` (an id not yet used in the case) scheduled a week from now. (Not a staff
    note: no participant reads one, and nobody is told of it: ``access/readable.py``.)"""
    starts = hearing_day() + dt.timedelta(days=1)
    payload = {"hearing": hearing, "kind": "review", "starts_at": starts.isoformat()}
    return record(case, "hearing.scheduled", payload)


@pytest.fixture
def issue(court_clerk: Actor) -> Callable[..., str]:
    """issue(case, participant, language="es"): a new code, as printed."""
    return make_issuer(court_clerk)


def make_issuer(court_clerk: Actor) -> Callable[..., str]:
    def make(case: Case, participant: str, language: str = "es", **kw: Any) -> str:
        _, code = code_issue(
            case=case, participant=participant, actor=court_clerk, language=language, **kw
        )
        return code

    return make


LAWYER_PASSWORD = "otra-clave-larga-2026"


def lawyer_client(username: str = "rosa.defensora") -> tuple[Client, User]:
    """A lawyer's browser, signed in at /my/sign-in/ with a password and then the same
    second step (TOTP) as staff."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.court.conftest import code_for

    user = User.objects.create_user(username, password=LAWYER_PASSWORD, first_name="Rosa")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    first = client.post("/my/sign-in/", {"username": username, "password": LAWYER_PASSWORD})
    assert first.status_code == 302, "the password step failed"
    second = client.post(first["Location"], {"code": code_for(device)})
    assert second.status_code == 302, "the second step failed"
    assert second["Location"] == "/my/"
    return client, user
