"""The leak matrix: for every audience, through every channel it can use, on every case
class, nothing that should be hidden appears (names, identity documents, dates of
birth, police report numbers, free text), and a case that should not exist for the
reader does not (not even its number).

The expectations are written here from the issue's words, not read from the rule pack,
so a wrong rule in the pack fails the matrix. The last tests wire one channel around
the redaction function and show that the matrix then fails.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

from expediente.access.disclosure import Audience
from expediente.access.participant_codes import code_issue
from expediente.access.policy import Actor
from expediente.api.present import case_bodies
from expediente.docket.models import Case
from expediente.notify.rendering import render_event
from expediente.portal.public.export import public_export
from expediente.rules.loader import load_pack
from tests.court.pages.conftest import signed_in, staff
from tests.privacy.conftest import CLASSES, HEARING_DAY, Secrets, secrets_for

pytestmark = pytest.mark.django_db

Reader = Callable[[Case], "str | None"]  # the text a reader gets, or None: "no such case"


# ------------------------------------------------------------------ what each may see


SEALED = ("sealed", "expunged")  # an expunged case is sealed for good


def expected(audience: str, tag: str) -> tuple[bool, set[str]]:
    """(does the case exist for this audience, what of it may appear)."""
    s = secrets_for(tag)
    if audience == "public":
        exists = tag in ("charged", "convicted", "acquitted", "sexual")
        return exists, ({s.accused} if tag == "convicted" else set())
    if audience == "judge":
        return True, set(s.everything)
    if audience == "clerk":
        return tag not in SEALED, set(s.everything)
    if audience == "agency":
        allowed = {s.accused, s.ids[0], s.birth_dates[0], s.police_report}
        if tag != "sexual":
            allowed |= {s.victim, s.ids[1], s.birth_dates[1], *s.free_text}
        return tag not in SEALED, allowed
    if audience in ("accused", "victim"):
        allowed = {s.accused}
        if tag != "sexual" or audience == "victim":
            allowed.add(s.victim)
        # the person an expunction order concerns still follows their own case
        return tag != "sealed" and (tag != "expunged" or audience == "accused"), allowed
    if audience == "notified":
        return tag not in SEALED, set()
    raise AssertionError(audience)


def leaks(audience: str, read: Reader, cases: dict[str, Case]) -> list[str]:
    """Everything the reader got that it should not have, as readable lines."""
    found = []
    for tag in CLASSES:
        case = cases[tag]
        text = read(case) or ""
        exists, allowed = expected(audience, tag)
        s: Secrets = secrets_for(tag)
        if not exists and (case.number in text or case.nuid in text):
            found.append(f"{audience}/{tag}: the case itself ({case.number})")
        for secret in s.everything:
            if secret not in allowed and secret in text:
                found.append(f"{audience}/{tag}: {secret!r}")
        if exists and read(case) is None:
            found.append(f"{audience}/{tag}: the case is missing")
    return found


# ------------------------------------------------------------------ the channels


def api_case(client: Client) -> Reader:
    def read(case: Case) -> str | None:
        response = client.get(f"/api/v1/cases/{case.nuid}")
        return response.content.decode() if response.status_code == 200 else None

    return read


def api_events(client: Client) -> Reader:
    def read(case: Case) -> str | None:
        response = client.get(f"/api/v1/cases/{case.nuid}/events?limit=200")
        return response.content.decode() if response.status_code == 200 else None

    return read


def court_page(client: Client) -> Reader:
    def read(case: Case) -> str | None:
        response = client.get(f"/court/cases/{case.nuid}/")
        return response.content.decode() if response.status_code == 200 else None

    return read


def portal_page(judge: Actor, participant: str) -> Reader:
    def read(case: Case) -> str | None:
        _, code = code_issue(case=case, participant=participant, actor=judge, language="en")
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.post("/follow/", {"case_number": case.nuid, "code": code})
        response = client.get("/follow/case/")
        return response.content.decode() if response.status_code == 200 else None

    return read


def public_lookup(client: Client) -> Reader:
    def read(case: Case) -> str | None:
        response = client.get("/public/", {"court": case.court.code, "number": case.number})
        return response.content.decode() if response.status_code == 200 else None

    return read


def public_calendar(client: Client) -> Reader:
    def read(case: Case) -> str | None:
        response = client.get(
            f"/public/calendar/{case.court.code}/", {"day": HEARING_DAY.isoformat()}
        )
        assert response.status_code == 200
        body = response.content.decode()
        return body if case.number in body else None

    return read


def public_export_file(folder: Path) -> Reader:
    def read(case: Case) -> str | None:
        path, _ = public_export(
            court=case.court,
            folder=folder,
            name="export.jsonl",
            now=dt.datetime.now(dt.UTC),
            progress=lambda *_: None,
        )
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        mine = [line for line in lines if line["number"] == case.number]
        return json.dumps(mine, ensure_ascii=False) if mine else None

    return read


def notification(case: Case) -> str | None:
    event = case.events.order_by("-seq").first()
    assert event is not None
    message = render_event(case, event, load_pack(case.court.rule_pack), "en")
    return message["subject"] + "\n" + message["body"]


# ------------------------------------------------------------------ the matrix


@pytest.fixture(autouse=True)
def _fresh_bodies() -> None:
    case_bodies.clear()


def test_agencies_through_the_api_case(cases, api_reader):
    assert leaks("agency", api_case(api_reader), cases) == []


def test_agencies_through_the_api_events(cases, api_reader):
    assert leaks("agency", api_events(api_reader), cases) == []


def test_a_clerk_through_the_court_page(cases, court):
    staff("clerk.matriz", court, "clerk")
    assert leaks("clerk", court_page(signed_in("clerk.matriz")), cases) == []


def test_a_judge_through_the_court_page(cases, court):
    staff("jueza.matriz", court, "judge")
    assert leaks("judge", court_page(signed_in("jueza.matriz")), cases) == []


def test_a_clerk_through_the_search_list(cases, court):
    staff("clerk.lista", court, "clerk")
    client = signed_in("clerk.lista")

    def read(case: Case) -> str | None:
        body = client.get("/court/cases/", {"q": case.number}).content.decode()
        return body if case.nuid in body else None

    assert leaks("clerk", read, cases) == []


def test_a_clerk_through_the_court_calendar(cases, court):
    staff("clerk.agenda", court, "clerk")
    client = signed_in("clerk.agenda")

    def read(case: Case) -> str | None:
        day = {"court": court.code, "date": HEARING_DAY.isoformat()}
        body = client.get("/court/calendar/", day).content.decode()
        return body if case.nuid in body else None

    assert leaks("clerk", read, cases) == []


@pytest.mark.parametrize(("audience", "participant"), [("accused", "P1"), ("victim", "P2")])
def test_participants_through_their_portal_page(cases, judge, audience, participant):
    assert leaks(audience, portal_page(judge, participant), cases) == []


def test_participants_through_notifications(cases):
    assert leaks("notified", notification, cases) == []


def test_the_public_through_the_case_lookup(cases):
    assert leaks("public", public_lookup(Client(HTTP_ACCEPT_LANGUAGE="en")), cases) == []


def test_the_public_through_the_court_calendar(cases):
    assert leaks("public", public_calendar(Client(HTTP_ACCEPT_LANGUAGE="en")), cases) == []


def test_the_public_through_the_bulk_export(cases, tmp_path):
    assert leaks("public", public_export_file(tmp_path), cases) == []


# ------------------------------------------------------------------ the matrix can fail


def test_the_matrix_catches_an_api_route_wired_around_the_redaction(cases, api_reader, monkeypatch):
    everything = Audience(kind="staff", roles=frozenset({"judge"}))
    monkeypatch.setattr("expediente.api.present.audience_for", lambda actor, court: everything)
    found = leaks("agency", api_case(api_reader), cases)
    assert "agency/sexual: 'Beatriz VictSexual'" in found
    assert "agency/charged: 'Lucía TestiCharged'" in found


def test_the_matrix_catches_a_public_page_wired_around_the_redaction(cases, monkeypatch):
    everything = Audience(kind="staff", roles=frozenset({"judge"}))
    monkeypatch.setattr("expediente.portal.public.lookup.PUBLIC", everything)
    found = leaks("public", public_lookup(Client(HTTP_ACCEPT_LANGUAGE="en")), cases)
    assert "public/juvenile: the case itself (2026-000005)" in found
    assert "public/charged: 'Aurelio ReoCharged'" in found
