"""Shared fixtures: a Costa Rican court, personas, and helpers to open cases.

Personas (as in healthchecks' alice/bob/charlie): ``clerk`` (may read and write in
every court), ``reader`` (read only), ``outsider`` (write scope limited to another
court: every case here is a 404 for it), ``nobody`` (a valid token without the scope).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from hypothesis import settings as hypothesis_settings

from expediente.access.models import User
from expediente.access.policy import Actor
from expediente.access.tokens import token_create
from expediente.custody.confirmations import NAMES, ORDER_PAST_MAXIMUM, confirmed, is_confirmed
from expediente.docket.models import Case, Court, Jurisdiction
from expediente.docket.services import case_open, event_record

# Property tests check what is computed, not how fast: Hypothesis's default 200 ms per
# example failed a test of how a moment is written while the machine was loaded (CI runs
# on a busy machine). Speed belongs to bench/.
hypothesis_settings.register_profile("expediente", deadline=None)
hypothesis_settings.load_profile("expediente")

NOW = dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC)
# The moment a page is read in tests that place events before NOW and fix dates months
# after it (a detention order's term, its legal maximum, a measure's last day): such a
# test fixes the view's clock here, so what is overdue, due soon or pending does not
# change with the day the suite runs. Nine months after NOW: a review due in June is
# overdue, a maximum a year after NOW is months away.
LATER = dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.UTC)


def order_term() -> dt.date:
    """The last day a detention order states in tests told from the present (an order
    made days ago): 31 December of next year on San José's clock, 2027-12-31 when they
    were written. Whatever day they run, it comes after an order made before today
    and after the legal maximum a year from it, so the order's own term reads last."""
    today = timezone.now().astimezone(ZoneInfo("America/Costa_Rica")).date()
    return dt.date(today.year + 1, 12, 31)


def pytest_report_header(config: pytest.Config) -> str:
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (run with DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _public_figures_afresh() -> Any:
    """Each test starts with no public figures kept from another test's data
    (expediente/recent.py); they are kept within a test as on a server."""
    from expediente.recent import Recent

    Recent.clear_all()
    yield
    Recent.clear_all()


@pytest.fixture(autouse=True, scope="session")
def _log_key_of_the_test_run(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Checkpoints signed in tests use a key of the test run's own, never var/'s."""
    from django.conf import settings

    folder = tmp_path_factory.mktemp("integrity")
    settings.EXPEDIENTE_LOG_KEY_FILE = folder / "checkpoint-key.pem"
    settings.EXPEDIENTE_LOG_RETIRED_KEYS = folder / "retired-keys.txt"


@pytest.fixture
def jurisdiction(db: None) -> Jurisdiction:
    return Jurisdiction.objects.create(code="cr", name="Costa Rica", rule_pack="cr")


@pytest.fixture
def court(jurisdiction: Jurisdiction) -> Court:
    return Court.objects.create(
        jurisdiction=jurisdiction,
        code="sj-penal",
        name="Juzgado Penal de San José",
        office_code="0042",
        timezone="America/Costa_Rica",
        rule_pack="cr",
    )


@pytest.fixture
def other_court(jurisdiction: Jurisdiction) -> Court:
    return Court.objects.create(
        jurisdiction=jurisdiction,
        code="cartago-penal",
        name="Juzgado Penal de Cartago",
        office_code="0345",
        timezone="America/Costa_Rica",
        rule_pack="cr",
    )


def _user(name: str, **extra: Any) -> User:
    return User.objects.create(username=name, is_system=True, **extra)


@pytest.fixture
def clerk(db: None) -> Actor:
    return Actor(user=_user("clerk"), scopes=frozenset({"cases:read", "cases:write"}))


@pytest.fixture
def reader(db: None) -> Actor:
    return Actor(user=_user("reader"), scopes=frozenset({"cases:read"}))


@pytest.fixture
def outsider(db: None, other_court: Court) -> Actor:
    return Actor(
        user=_user("outsider"),
        scopes=frozenset({"cases:read", "cases:write"}),
        courts=frozenset({other_court.code}),
    )


@pytest.fixture
def open_case(court: Court, clerk: Actor) -> Callable[..., Case]:
    def make(procedure: str = "adult", **kwargs: Any) -> Case:
        kwargs.setdefault("occurred_at", NOW - dt.timedelta(days=30))
        actor = clerk
        if kwargs.get("confidentiality") == "sealed":  # opening it sealed is a sealing order
            actor = Actor(user=clerk.user, scopes=clerk.scopes | {"cases:seal"})
        recorded = case_open(court=court, actor=actor, procedure=procedure, **kwargs)
        return recorded.event.case

    return make


@pytest.fixture
def case(open_case: Callable[..., Case]) -> Case:
    return open_case()


@pytest.fixture
def judge_in_court(court: Court) -> Actor:
    """A judge of ``court``, signed in: who orders (and may record) a case sealed or
    expunged; the API personas may not (access/capabilities.py, ``CASE_SEAL``)."""
    from expediente.access.models import Membership

    user = User.objects.create(username="juez.del.tribunal")
    Membership.objects.create(user=user, court=court, role="judge", active=True)
    return Actor.staff(user)


@pytest.fixture
def record(clerk: Actor) -> Callable[..., Any]:
    """record(case, type, payload, **kw): event_record as the clerk, at a past time.

    A detention order is recorded as the judge gave it: a term past the legal maximum
    read and confirmed (``confirmations.ORDER_PAST_MAXIMUM``), as most tests set up a
    history about something else; ``confirm=[]`` records with nothing confirmed (the
    tests of that confirmation). Confirmations of an enclosing ``confirmed`` block hold."""

    def rec(case: Case, type_name: str, payload: dict[str, Any] | None = None, **kw: Any) -> Any:
        kw.setdefault("occurred_at", NOW - dt.timedelta(days=29))
        kw.setdefault("actor", clerk)
        if kw.get("corrects_seq") is not None:  # every correction says why
            kw.setdefault("correction_reason", "Mistyped when first recorded")
        names = {n for n in NAMES if is_confirmed(n)} | set(kw.pop("confirm", [ORDER_PAST_MAXIMUM]))
        with confirmed(names):
            return event_record(case=case, type=type_name, payload=payload or {}, **kw)

    return rec


PERSON = {
    "given_names": "José",
    "family_names": "Pérez Mora",
    "sex": "male",
    "date_of_birth": "1990-05-01",
    "id_number": "1-0234-0567",
}


@pytest.fixture
def accused_case(case: Case, record: Callable[..., Any]) -> Case:
    """A case with an accused (P1) charged with theft (C1), and a victim (P2)."""
    record(case, "participant.added", {"role": "accused", "person": PERSON})
    record(
        case,
        "participant.added",
        {
            "role": "victim",
            "person": {"given_names": "Ana", "family_names": "Rojas Vargas", "sex": "female"},
        },
    )
    record(case, "charge.filed", {"accused": "P1", "offence": "CP-208"})
    case.refresh_from_db()
    return case


# API personas: tokens and clients


def _client(user: str, scopes: list[str], courts: list[str] | None = None) -> Client:
    owner = User.objects.get_or_create(username=user, defaults={"is_system": True})[0]
    _, secret = token_create(user=owner, name=f"{user} token", scopes=scopes, courts=courts)
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


@pytest.fixture
def api_clerk(court: Court) -> Client:
    return _client("api-clerk", ["cases:read", "cases:write"])


@pytest.fixture
def api_reader(court: Court) -> Client:
    return _client("api-reader", ["cases:read"])


@pytest.fixture
def api_outsider(court: Court, other_court: Court) -> Client:
    return _client("api-outsider", ["cases:read", "cases:write"], [other_court.code])


@pytest.fixture
def anonymous(db: None) -> Client:
    return Client()


@pytest.fixture
def is_postgres() -> bool:
    return connection.vendor == "postgresql"
