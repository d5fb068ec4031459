"""Who may do what, to cases of every confidentiality: the policy function and the real
entry points (workspace pages and forms, API routes) must give the same answers.

The expected answers are written out here, independently of ``access/capabilities.py``:
a change to a role or a scope makes this matrix fail until it is updated on purpose.

* A case an actor may not see does not exist for it: 404, and nothing is written.
* A case it may see, but an action it may not take: 403, and nothing is written.
* An allowed action works: the page answers 200, a form records one entry and goes back
  to the case page (302), an API route answers 200 or 201.

The world (two courts, three cases in the first, staff signed in with password and
TOTP code, API tokens) is built once for the module inside a transaction that is rolled
back at the end; each test runs in a savepoint of its own, so what one test records is
gone for the next.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.access.capabilities import Capability
from expediente.access.models import Membership, User
from expediente.access.policy import Actor, can
from expediente.access.tokens import token_create
from expediente.docket.models import Case, Court, Event, Jurisdiction
from expediente.docket.services import case_open, event_record
from tests.court.conftest import PASSWORD, code_for

OPENED = dt.datetime(2026, 1, 5, 15, 0, tzinfo=dt.UTC)
LATER = "2026-01-10T10:00"  # on the court's clock, as the forms take it
LATER_API = "2026-01-10T16:00:00Z"
HOME, OTHER = "sj-penal", "cartago-penal"
CONFIDENTIALITIES = ("public", "restricted", "sealed")

# --- the expected answers, written out ---------------------------------------------------

VIEW, OPEN, RECORD, CORRECT, SCHEDULE, CALENDAR, COURTS, CODES, DEVICE, SEAL, STATS, DETAINED = (
    "case.view",
    "case.open",
    "event.record",
    "event.correct",
    "hearing.schedule",
    "calendar.view",
    "court.list",
    "codes.issue",
    "measure.device_report",
    "case.seal",
    "stats.compute",  # any period and courts of one's own, not for publication
    # a detention petition recorded by the portal's own account (narrower than RECORD):
    # it passes a sealed case only on the portal's channel, never for an API token
    "petition.file_detention",
)
ROLE_GRANTS = {
    "clerk": {VIEW, OPEN, RECORD, CORRECT, SCHEDULE, CALENDAR, COURTS, CODES, SEAL, STATS},
    "judge": {VIEW, RECORD, CORRECT, SCHEDULE, CALENDAR, COURTS, CODES, SEAL, STATS},
    "court_admin": {CALENDAR, COURTS},
}
SCOPE_GRANTS = {
    "cases:read": {VIEW, COURTS},
    "cases:write": {OPEN, RECORD, CORRECT, SCHEDULE, DETAINED},  # not sealing orders
    "cases:seal": {SEAL},  # only on purpose: a court's own system recording the orders
    "measures:device": {DEVICE},  # a monitoring provider posts device events, nothing else
}
SEES_SEALED = {"judge"}  # and no API token
# The one cell a sealed case opens to a token: a monitoring provider (this scope alone)
# still reports device events there, so that a juvenile's measure goes on being
# supervised after the case is sealed (issue 7 item 4); it reads nothing there.
REPORTS_INTO_SEALED = {("measures:device",): DEVICE}


@dataclass(frozen=True)
class Persona:
    """Someone acting: staff with roles per court, or an API token."""

    name: str
    roles: dict[str, str] = field(default_factory=dict)  # court code -> role
    scopes: tuple[str, ...] = ()
    token_courts: tuple[str, ...] = ()  # empty: every court
    superuser: bool = False
    # a token's kind of institution: it decides what of a case the token reads
    # (disclosure), never what it may do, so it changes no cell of the matrix
    agency: str = "other"

    @property
    def is_token(self) -> bool:
        return bool(self.scopes)

    def grants(self, court: str) -> set[str]:
        if self.is_token:
            if self.token_courts and court not in self.token_courts:
                return set()
            return set().union(*(SCOPE_GRANTS[s] for s in self.scopes))
        role = self.roles.get(court)
        return set(ROLE_GRANTS[role]) if role else set()

    def may(self, capability: str, *, court: str, confidentiality: str | None = None) -> bool:
        reporter = REPORTS_INTO_SEALED.get(self.scopes) == capability and not self.roles
        if (
            confidentiality == "sealed"
            and not reporter
            and (self.is_token or self.roles.get(court) not in SEES_SEALED)
        ):
            return False
        return capability in self.grants(court)

    def anywhere(self, capability: str) -> bool:
        return any(self.may(capability, court=c) for c in (HOME, OTHER))


STAFF = [
    Persona("clerk", roles={HOME: "clerk"}),
    Persona("judge", roles={HOME: "judge"}),
    Persona("court_admin", roles={HOME: "court_admin"}),
    Persona("clerk_of_another_court", roles={OTHER: "clerk"}),
    Persona("judge_of_another_court", roles={OTHER: "judge"}),
    Persona("system_admin", superuser=True),
    Persona("no_membership"),
]
TOKENS = [
    Persona("token_read", scopes=("cases:read",)),
    Persona("token_write", scopes=("cases:write",)),
    Persona("token_read_write", scopes=("cases:read", "cases:write")),
    Persona("token_of_another_court", scopes=("cases:read", "cases:write"), token_courts=(OTHER,)),
    Persona("token_monitoring_provider", scopes=("measures:device",)),
    Persona("token_public_defence", scopes=("cases:read", "cases:write"), agency="public_defence"),
    Persona("token_police", scopes=("cases:read",), agency="police"),
    Persona(
        "token_prison_of_another_court",
        scopes=("cases:read",),
        token_courts=(OTHER,),
        agency="prison",
    ),
]
PERSONAS = {p.name: p for p in STAFF + TOKENS}


def test_the_matrix_names_every_capability_there_is():
    assert {c.value for c in Capability} == set().union(
        *ROLE_GRANTS.values(), *SCOPE_GRANTS.values()
    )


# --- the world, built once ----------------------------------------------------------------


@dataclass
class World:
    courts: dict[str, Court]
    cases: dict[str, Case]  # by confidentiality, all in HOME
    actors: dict[str, Actor]  # by persona name
    web: dict[str, Client]  # staff personas, signed in
    api: dict[str, Client]  # token personas
    note_seq: int  # a note in every case, to correct


def _signed_in(user: User) -> Client:
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.post("/court/sign-in/", {"username": user.username, "password": PASSWORD})
    response = client.post("/court/sign-in/code/", {"code": code_for(device)})
    assert response.status_code == 302, f"{user.username} could not sign in"
    return client


def _build() -> World:
    cr = Jurisdiction.objects.create(code="cr", name="Costa Rica", rule_pack="cr")
    courts = {
        code: Court.objects.create(
            jurisdiction=cr,
            code=code,
            name=name,
            office_code=office,
            timezone="America/Costa_Rica",
            rule_pack="cr",
        )
        for code, name, office in (
            (HOME, "Juzgado Penal de San José", "0042"),
            (OTHER, "Juzgado Penal de Cartago", "0345"),
        )
    }
    # the court's own registry system, sitting as judge so that it may write sealed cases too
    registry_user = User.objects.create(username="registry", is_system=True)
    registry = Actor(
        user=registry_user,
        scopes=Actor.system(registry_user).scopes,
        roles=((HOME, "judge"),),
        channel="system",
    )
    cases: dict[str, Case] = {}
    note_seq = 0
    for confidentiality in CONFIDENTIALITIES:
        procedure = "juvenile" if confidentiality == "restricted" else "adult"
        recorded = case_open(
            court=courts[HOME],
            actor=registry,
            procedure=procedure,
            confidentiality=None if confidentiality == "restricted" else confidentiality,
            occurred_at=OPENED,
            police_report=f"OIJ-{confidentiality}",
        )
        case = recorded.event.case
        person = {"given_names": "José", "family_names": f"Pérez {confidentiality}", "sex": "male"}
        for type_name, payload in (
            ("participant.added", {"role": "accused", "person": person}),
            ("note.added", {"text": "Primera nota"}),
        ):
            note_seq = event_record(
                case=case,
                type=type_name,
                payload=payload,
                actor=registry,
                occurred_at=OPENED + dt.timedelta(days=1),
            ).event.seq
        case.refresh_from_db()
        assert case.confidentiality == confidentiality
        cases[confidentiality] = case

    actors: dict[str, Actor] = {}
    web: dict[str, Client] = {}
    for persona in STAFF:
        user = User.objects.create_user(
            persona.name,
            password=PASSWORD,
            is_superuser=persona.superuser,
            is_staff=persona.superuser,
        )
        for code, role in persona.roles.items():
            Membership.objects.create(user=user, court=courts[code], role=role)
        actors[persona.name] = Actor.staff(user)
        web[persona.name] = _signed_in(user)
    api: dict[str, Client] = {}
    for persona in TOKENS:
        owner = User.objects.create(username=persona.name, is_system=True)
        token, secret = token_create(
            user=owner,
            name=persona.name,
            scopes=list(persona.scopes),
            courts=list(persona.token_courts),
            agency=persona.agency,
        )
        actors[persona.name] = Actor(
            user=owner,
            scopes=frozenset(token.scopes),
            courts=frozenset(token.courts),
            agency=token.agency,
        )
        api[persona.name] = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return World(courts, cases, actors, web, api, note_seq)


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        yield _build()
        transaction.set_rollback(True)


@pytest.fixture
def w(world: World, db: None) -> World:
    """The world, in this test's own savepoint; cases re-read (a test may have recorded)."""
    for case in world.cases.values():
        case.refresh_from_db()
    return world


def shows_the_case(response: Any, case: Case) -> bool:
    """Whether the answer shows what is in the case (its police report, its timeline);
    the number asked for may be echoed back, which tells nothing."""
    body = response.content.decode()
    return case.police_report in body or "Primera nota" in body


def written() -> tuple[int, int]:
    return Event.objects.count(), Case.objects.count()


# --- 1. the policy function ---------------------------------------------------------------


@pytest.mark.parametrize("confidentiality", CONFIDENTIALITIES)
@pytest.mark.parametrize("persona", PERSONAS.values(), ids=list(PERSONAS))
def test_the_policy_answers_as_the_matrix_for_a_case(w, persona, confidentiality):
    actor, case = w.actors[persona.name], w.cases[confidentiality]
    answers = {c.value: can(actor, c, case=case) for c in Capability}
    expected = {
        c.value: persona.may(c.value, court=HOME, confidentiality=confidentiality)
        for c in Capability
    }
    assert answers == expected


@pytest.mark.parametrize("court", [HOME, OTHER])
@pytest.mark.parametrize("persona", PERSONAS.values(), ids=list(PERSONAS))
def test_the_policy_answers_as_the_matrix_for_a_court(w, persona, court):
    actor = w.actors[persona.name]
    answers = {c.value: can(actor, c, court_code=court) for c in Capability}
    assert answers == {c.value: persona.may(c.value, court=court) for c in Capability}


def test_an_inactive_account_may_do_nothing_even_as_judge(w):
    judge = w.actors["judge"]
    judge.user.is_active = False
    try:
        assert not any(can(judge, c, case=w.cases["public"]) for c in Capability)
    finally:
        judge.user.is_active = True


# --- 2. the workspace ---------------------------------------------------------------------

# action -> (capabilities it needs, how to ask for it)
WEB_ACTIONS: dict[str, tuple[str, ...]] = {
    "view the case page": (VIEW,),
    "add a participant": (VIEW, RECORD),
    "file a charge": (VIEW, RECORD),
    "record a note": (VIEW, RECORD),
    "schedule a hearing": (VIEW, RECORD, SCHEDULE),
    "correct an entry": (VIEW, RECORD, CORRECT),
}


def _form(case: Case, fields: dict[str, str]) -> dict[str, str]:
    return {
        "idempotency_key": str(uuid.uuid4()),
        "expected_seq": str(case.last_seq + 1),
        "occurred_at": LATER,
        **fields,
    }


def web_request(client: Client, action: str, case: Case, note_seq: int) -> Any:
    base = f"/court/cases/{case.nuid}"
    if action == "view the case page":
        return client.get(f"{base}/")
    if action == "add a participant":
        person = {"role": "victim", "kind": "natural", "given_names": "Ana", "sex": "female"}
        return client.post(f"{base}/participants/add/", _form(case, person))
    if action == "file a charge":
        return client.post(
            f"{base}/charges/add/", _form(case, {"accused": "P1", "offence": "CP-208"})
        )
    if action == "record a note":
        return client.post(f"{base}/record/note.added/", _form(case, {"text": "Otra nota"}))
    if action == "schedule a hearing":
        hearing = {"hearing": "H1", "kind": "trial", "starts_at": "2026-12-10T09:30"}
        return client.post(f"{base}/record/hearing.scheduled/", _form(case, hearing))
    if action == "correct an entry":
        return client.post(
            f"{base}/events/{note_seq}/correct/",
            _form(case, {"text": "Nota corregida", "correction_reason": "Typed wrong"}),
        )
    raise AssertionError(action)


@pytest.mark.parametrize("confidentiality", CONFIDENTIALITIES)
@pytest.mark.parametrize("action", list(WEB_ACTIONS))
@pytest.mark.parametrize("persona", STAFF, ids=[p.name for p in STAFF])
def test_the_workspace_answers_as_the_matrix(w, persona, action, confidentiality):
    case = w.cases[confidentiality]
    before = written()
    response = web_request(w.web[persona.name], action, case, w.note_seq)
    needs = WEB_ACTIONS[action]
    may = {c: persona.may(c, court=HOME, confidentiality=confidentiality) for c in needs}
    if not persona.roles:
        expected = 403  # not a member of any court: the same page whatever is asked for
    elif not may[VIEW]:
        expected = 404
    elif not all(may.values()):
        expected = 403
    else:
        expected = 200 if action == "view the case page" else 302
    assert response.status_code == expected, response.content.decode()[:300]
    if expected == 302:
        assert response["Location"] == f"/court/cases/{case.nuid}/"
        assert written() == (before[0] + 1, before[1])
    else:
        assert written() == before
    if expected in (403, 404):
        assert not shows_the_case(response, case), "a refusal must not show the case"


@pytest.mark.parametrize("persona", STAFF, ids=[p.name for p in STAFF])
def test_opening_a_case_from_the_workspace_answers_as_the_matrix(w, persona):
    before = written()
    form = {
        "idempotency_key": str(uuid.uuid4()),
        "court": HOME,
        "procedure": "adult",
        "occurred_at": LATER,
    }
    response = w.web[persona.name].post("/court/cases/new/", form)
    if persona.may(OPEN, court=HOME):
        assert response.status_code == 302
        assert written() == (before[0] + 1, before[1] + 1)
    else:
        assert written() == before
        if not persona.roles or not persona.anywhere(OPEN):
            assert response.status_code == 403
        else:  # may open cases in another court: the form says this court is not one of them
            assert response.status_code == 200
            assert "Choose one of your courts from the list." in response.content.decode()


@pytest.mark.parametrize("persona", STAFF, ids=[p.name for p in STAFF])
def test_the_search_lists_exactly_the_cases_the_matrix_lets_one_see(w, persona):
    response = w.web[persona.name].get("/court/cases/", {"q": "Jose Perez"})
    if not persona.roles:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    html = response.content.decode()
    listed = {c for c, case in w.cases.items() if case.number in html}
    expected = {c for c in CONFIDENTIALITIES if persona.may(VIEW, court=HOME, confidentiality=c)}
    assert listed == expected


@pytest.mark.parametrize("persona", STAFF, ids=[p.name for p in STAFF])
def test_the_calendar_shows_only_courts_the_matrix_allows(w, persona):
    response = w.web[persona.name].get("/court/calendar/", {"court": HOME})
    if not persona.roles:
        assert response.status_code == 403
    elif not persona.anywhere(CALENDAR):
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        shown = w.courts[HOME].name in response.content.decode()
        assert shown == persona.may(CALENDAR, court=HOME)


# --- 3. the API ---------------------------------------------------------------------------

# action -> (the capability the route asks of the token, whether it is about one case)
API_ACTIONS: dict[str, tuple[str, ...]] = {
    "read the case": (VIEW,),
    "list its events": (VIEW,),
    "add a participant": (RECORD,),
    "file a charge": (RECORD,),
    "record a note": (RECORD,),
    "schedule a hearing": (RECORD, SCHEDULE),
    "correct an entry": (RECORD, CORRECT),
}


def api_request(client: Client, action: str, case: Case, note_seq: int) -> Any:
    base = f"/api/v1/cases/{case.nuid}"

    def post(url: str, body: dict[str, Any]) -> Any:
        body = {"occurred_at": LATER_API, **body}
        return client.post(url, json.dumps(body), content_type="application/json")

    if action == "read the case":
        return client.get(base)
    if action == "list its events":
        return client.get(f"{base}/events")
    if action == "add a participant":
        person = {"given_names": "Ana", "family_names": "Rojas", "sex": "female"}
        return post(f"{base}/participants", {"role": "victim", "person": person})
    if action == "file a charge":
        return post(f"{base}/charges", {"accused": "P1", "offence": "CP-208"})
    if action == "record a note":
        return post(f"{base}/events", {"type": "note.added", "payload": {"text": "Otra"}})
    if action == "schedule a hearing":
        hearing = {"hearing": "H1", "kind": "trial", "starts_at": "2026-12-10T15:30:00Z"}
        return post(f"{base}/events", {"type": "hearing.scheduled", "payload": hearing})
    if action == "correct an entry":
        body = {
            "type": "note.added",
            "payload": {"text": "Corregida"},
            "corrects": note_seq,
            "correction_reason": "The note was typed wrong",
        }
        return post(f"{base}/events", body)
    raise AssertionError(action)


@pytest.mark.parametrize("confidentiality", CONFIDENTIALITIES)
@pytest.mark.parametrize("action", list(API_ACTIONS))
@pytest.mark.parametrize("persona", TOKENS, ids=[p.name for p in TOKENS])
def test_the_api_answers_as_the_matrix(w, persona, action, confidentiality):
    case = w.cases[confidentiality]
    before = written()
    response = api_request(w.api[persona.name], action, case, w.note_seq)
    needs = API_ACTIONS[action]
    route_needs = needs[0]  # the scope a route asks for before it looks for the case
    may = {c: persona.may(c, court=HOME, confidentiality=confidentiality) for c in needs}
    reads = action in ("read the case", "list its events")
    if not persona.anywhere(route_needs):
        expected = 403  # the token lacks the scope: the same answer for any case
    elif not may[route_needs]:
        expected = 404  # a case this token may not use does not exist for it
    elif not all(may.values()):
        expected = 403
    else:
        expected = 200 if reads else 201
    assert response.status_code == expected, response.content.decode()[:300]
    if expected == 201:
        assert written() == (before[0] + 1, before[1])
    else:
        assert written() == before
    if expected == 404:
        assert not shows_the_case(response, case), "a refusal must not show the case"


@pytest.mark.parametrize("persona", TOKENS, ids=[p.name for p in TOKENS])
def test_opening_a_case_through_the_api_answers_as_the_matrix(w, persona):
    before = written()
    body = {"court": HOME, "procedure": "adult", "occurred_at": LATER_API}
    response = w.api[persona.name].post(
        "/api/v1/cases", json.dumps(body), content_type="application/json"
    )
    if persona.may(OPEN, court=HOME):
        assert response.status_code == 201
        assert written() == (before[0] + 1, before[1] + 1)
        return
    assert written() == before
    if persona.anywhere(OPEN):  # a court this token may not act in is an unknown court
        assert response.status_code == 422
        assert response.json()["errors"] == [{"field": "court", "message": "unknown court"}]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("persona", TOKENS, ids=[p.name for p in TOKENS])
def test_the_court_list_shows_only_courts_the_matrix_allows(w, persona):
    response = w.api[persona.name].get("/api/v1/courts")
    if not persona.anywhere(COURTS):
        assert response.status_code == 403
        return
    assert response.status_code == 200
    listed = {c["code"] for c in response.json()}
    assert listed == {c for c in (HOME, OTHER) if persona.may(COURTS, court=c)}


def test_signed_in_staff_without_a_token_get_nothing_from_the_api(w):
    response = w.web["judge"].get(f"/api/v1/cases/{w.cases['public'].nuid}")
    assert response.status_code == 401
