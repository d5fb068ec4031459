"""Petition fixtures: a case with an accused in pretrial detention (P1), a victim (P2),
and shorthands to file and decide petitions as the clerk persona, at moments before
``NOW`` (2 March 2026, 15:00 UTC)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from expediente.access.policy import Actor
from expediente.docket.models import Case
from expediente.petitions.services import Filed, petition_decide, petition_file
from tests.conftest import NOW


def hours_ago(hours: float) -> dt.datetime:
    return NOW - dt.timedelta(hours=hours)


@pytest.fixture
def detained(accused_case: Case, record: Callable[..., Any]) -> Case:
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=hours_ago(24 * 20))
    record(
        accused_case,
        "custody.pretrial_ordered",
        {"person": "P1", "until": "2027-12-31", "grounds": "Peligro de fuga"},
        occurred_at=hours_ago(24 * 19),
    )
    accused_case.refresh_from_db()
    return accused_case


@pytest.fixture
def file(clerk: Actor) -> Callable[..., Filed]:
    """file(case, hours_ago, kind=…, petitioner=…, text=…): a petition the clerk files."""

    def go(case: Case, ago: float, **fields: Any) -> Filed:
        values: dict[str, Any] = {
            "petitioner": "P1",
            "kind": "detention_review",
            "text": "Pido que se revise la detención de mi hermano. Tiene trabajo y familia.",
            "filed_via": "clerk",
            "received_from": "Marta Pérez, hermana",
        }
        values.update(fields)
        return petition_file(case=case, actor=clerk, occurred_at=hours_ago(ago), **values)

    return go


@pytest.fixture
def decide(clerk: Actor) -> Callable[..., Any]:
    def go(case: Case, petition: int, ago: float, outcome: str = "denied", **kw: Any) -> Any:
        return petition_decide(
            case=case,
            petition=petition,
            outcome=outcome,
            reasons=kw.pop("reasons", "Persisten los motivos de la detención."),
            actor=clerk,
            occurred_at=hours_ago(ago),
            **kw,
        )

    return go


# The portal's detained case (José, P1, held for 19 days; a victim P2; a protected
# witness P3; a public defender P4) and its code issuer, shared with tests/portal.
from tests.court.conftest import staff_user  # noqa: E402, F401
from tests.court.forms.conftest import _fast_passwords, judge_client, staff_client  # noqa: E402, F401
from tests.portal.conftest import court_clerk, detained_case, issue  # noqa: E402, F401
