"""Custody fixtures: moments on the court's clock, shorthands for custody events, and
signed-in staff (a judge and a clerk of this court, a clerk of another court).

Events happen before ``NOW`` (2 March 2026, 09:00 in San José), as ``at(days, hour)``
says: ``at(10)`` is ten days earlier at 10:00 San José time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.access.models import Membership, User
from expediente.custody.models import CustodyPeriod, Deadline
from expediente.docket.models import Case, Event
from tests.conftest import NOW
from tests.court.conftest import PASSWORD, code_for, sign_in

CR = ZoneInfo("America/Costa_Rica")


@pytest.fixture
def at() -> Callable[..., dt.datetime]:
    """at(days, hour=10, minute=0): ``days`` before NOW, at that time in San José."""

    def moment(days: float, hour: int = 10, minute: int = 0) -> dt.datetime:
        day = (NOW - dt.timedelta(days=days)).astimezone(CR).date()
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=CR)

    return moment


def end_of_next_year(when: dt.datetime) -> str:
    """The last day an order or extension states unless told: 31 December 2027, or of
    the year after it when that is later. An order a test records "20 hours ago" from
    2027 on still ends after it, whatever day the suite runs."""
    return dt.date(max(when.astimezone(CR).year + 1, 2027), 12, 31).isoformat()


@pytest.fixture
def custody(record: Callable[..., Any]) -> Callable[..., Any]:
    """custody(case, what, when, person="P1", **fields): record custody.<what>; an order
    or an extension runs to ``end_of_next_year(when)`` unless ``until`` is given."""
    defaults: dict[str, dict[str, Any]] = {
        "pretrial_ordered": {"grounds": "Peligro de fuga"},
        "pretrial_extended": {"granted_by": "Tribunal de Apelación"},
        "pretrial_reviewed": {"outcome": "maintained"},
        "pretrial_replaced": {"measures": "Firmar cada quince días"},
        "released": {"reason": "order_of_court"},
        "hearing_held": {"outcome": "pretrial_detention"},
    }
    with_term = ("pretrial_ordered", "pretrial_extended")

    def rec(case: Case, what: str, when: dt.datetime, person: str = "P1", **fields: Any) -> Any:
        term = {"until": end_of_next_year(when)} if what in with_term else {}
        payload = {"person": person, **term, **defaults.get(what, {}), **fields}
        return record(case, f"custody.{what}", payload, occurred_at=when)

    return rec


@pytest.fixture
def to_trial(record: Callable[..., Any]) -> Callable[..., None]:
    """to_trial(case, when): indict P1 and commit the case for trial."""

    def go(case: Case, when: dt.datetime) -> None:
        record(case, "indictment.filed", {"accused": "P1"}, occurred_at=when)
        record(case, "trial.committed", {}, occurred_at=when + dt.timedelta(minutes=5))

    return go


@pytest.fixture
def rows() -> Callable[[Case], dict[str, Any]]:
    """rows(case): what the case has in the docket and in the custody tables."""

    def counts(case: Case) -> dict[str, Any]:
        return {
            "events": Event.objects.filter(case=case).count(),
            "periods": list(CustodyPeriod.objects.filter(case=case).values()),
            "deadlines": list(Deadline.objects.filter(case=case).values()),
        }

    return counts


def periods_of(case: Case, person: str = "P1") -> list[tuple[Any, ...]]:
    """(kind, started_at, ended_at, start_seq, end_seq) of each period, oldest first."""
    return list(
        CustodyPeriod.objects.filter(case=case, participation__uid=person)
        .order_by("started_at", "start_seq")
        .values_list("kind", "started_at", "ended_at", "start_seq", "end_seq")
    )


def deadlines_of(case: Case, rule: str | None = None) -> list[Deadline]:
    found = Deadline.objects.filter(case=case).order_by("due_at", "id")
    return list(found.filter(rule_id=rule) if rule else found)


def staff(username: str, court: Any, role: str) -> Client:
    """A browser in English signed in (password, then code) as a new member of ``court``."""
    user = User.objects.create_user(username, password=PASSWORD, first_name=username.title())
    Membership.objects.create(user=user, court=court, role=role)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, username)
    response = client.post("/court/sign-in/code/", {"code": code_for(device)})
    assert response.status_code == 302, "the second step did not sign in"
    return client


@pytest.fixture
def judge_client(court: Any) -> Client:
    return staff("esteban.judge", court, "judge")


@pytest.fixture
def clerk_client(court: Any) -> Client:
    return staff("maria.clerk", court, "clerk")


@pytest.fixture
def outsider_client(other_court: Any) -> Client:
    return staff("carla.cartago", other_court, "clerk")


@pytest.fixture(autouse=True)
def quick_passwords(settings: Any) -> None:
    """Sign-in is not what these tests are about: hash test passwords cheaply."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
