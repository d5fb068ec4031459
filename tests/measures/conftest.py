"""Measures fixtures: a case with an accused (P1) and a victim (P2), and shorthands to
impose measures and record compliance at moments on the court's clock (San José)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from expediente.docket.models import Case
from expediente.measures.models import Measure, MeasureDeadline
from tests.conftest import NOW

CR = ZoneInfo("America/Costa_Rica")

CONDITIONS: dict[str, dict[str, Any]] = {
    "periodic_reporting": {"interval_days": 7, "report_place": "Juzgado Penal de San José"},
    "restraining_order": {"protected": "P2", "distance_m": 200, "device": "DEV-1"},
    "house_arrest": {"device": "DEV-2"},
    "curfew": {"curfew_from": "20:00", "curfew_to": "06:00", "device": "DEV-3"},
    "electronic_monitoring": {"device": "DEV-4"},
    "travel_ban": {},
    "bail": {"amount": 500000},
    "place_or_activity_ban": {"place_or_activity": "Bares del centro", "device": "DEV-5"},
    "treatment_programme": {"programme": "IAFA", "interval_days": 14},
    "community_service": {"hours": 120, "due_on": "2026-12-31"},
    "probation": {"interval_days": 30},
    "fine_instalments": {"amount": 300000, "instalments": 6, "interval_days": 30},
    "restorative_agreement": {"conditions": "Disculpa y reparación"},
}


@pytest.fixture
def at() -> Callable[..., dt.datetime]:
    """at(days, hour=10): ``days`` before NOW, at that time in San José."""

    def moment(days: float, hour: int = 10, minute: int = 0) -> dt.datetime:
        day = (NOW - dt.timedelta(days=days)).astimezone(CR).date()
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=CR)

    return moment


@pytest.fixture
def impose(record: Callable[..., Any]) -> Callable[..., Any]:
    """impose(case, kind, when, measure="M1", **fields): record measure.imposed with the
    conditions the kind needs."""

    def rec(case: Case, kind: str, when: dt.datetime, measure: str = "M1", **fields: Any) -> Any:
        payload = {
            "measure": measure,
            "person": "P1",
            "kind": kind,
            "starts_on": when.date().isoformat(),
            **CONDITIONS[kind],
            **fields,
        }
        return record(case, "measure.imposed", payload, occurred_at=when)

    return rec


@pytest.fixture
def comply(record: Callable[..., Any]) -> Callable[..., Any]:
    """comply(case, what, when, measure="M1", **fields): record measure.<what>."""

    def rec(case: Case, what: str, when: dt.datetime, measure: str = "M1", **fields: Any) -> Any:
        return record(case, f"measure.{what}", {"measure": measure, **fields}, occurred_at=when)

    return rec


@pytest.fixture
def measure_of() -> Callable[..., Measure]:
    def get(case: Case, uid: str = "M1") -> Measure:
        return Measure.objects.get(case=case, uid=uid)

    return get


@pytest.fixture
def measure_deadlines() -> Callable[..., list[MeasureDeadline]]:
    def get(case: Case, uid: str = "M1") -> list[MeasureDeadline]:
        return list(
            MeasureDeadline.objects.filter(case=case, measure__uid=uid).order_by(
                "cycle", "start_at"
            )
        )

    return get


@pytest.fixture(autouse=True)
def quick_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def judge_client(court: Any) -> Any:
    from tests.custody.conftest import staff

    return staff("esteban.judge", court, "judge")


@pytest.fixture
def clerk_client(court: Any) -> Any:
    from tests.custody.conftest import staff

    return staff("maria.clerk", court, "clerk")


@pytest.fixture
def outsider_client(other_court: Any) -> Any:
    from tests.custody.conftest import staff

    return staff("carla.cartago", other_court, "clerk")


from tests.custody.conftest import custody  # noqa: E402, F401  (custody events)
from tests.notify.conftest import follow, receiver  # noqa: E402, F401  (notification fixtures)
