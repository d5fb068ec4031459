"""The public learns the name of an accused once a court convicts him; in a case with
several accused, his co-accused acquitted was named in full beside him, and one not yet
judged too (the case was "convicted"). Each accused is now named as his own verdict has
him named: the convicted in full, the acquitted not at all, the one awaiting his verdict
by initials, as in a charged case."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from expediente.docket.services import event_record
from tests.portal.conftest import text_of
from tests.privacy.conftest import START, build_case

pytestmark = pytest.mark.django_db


def _accused(given: str, family: str) -> dict[str, object]:
    return {"role": "accused", "person": {"given_names": given, "family_names": family}}


def test_each_accused_is_named_as_his_own_verdict_has_him_named(court, clerk, judge):
    case = build_case(court, clerk, judge, "charged", 61)
    at = START + dt.timedelta(days=2)

    def rec(type_name: str, payload: dict[str, object]) -> None:
        nonlocal at
        at += dt.timedelta(hours=1)
        event_record(case=case, type=type_name, payload=payload, actor=clerk, occurred_at=at)

    rec("participant.added", _accused("Bruno", "Absuelto Mora"))  # P4
    rec("participant.added", _accused("Carla", "Pendiente Solís"))  # P5
    rec("charge.filed", {"accused": "P4", "offence": "CP-208"})
    rec("charge.filed", {"accused": "P5", "offence": "CP-208"})
    rec("trial.committed", {})
    rec("verdict.delivered", {"accused": "P1", "outcome": "convicted"})
    rec("verdict.delivered", {"accused": "P4", "outcome": "acquitted"})

    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(
        "/public/", {"court": court.code, "number": case.number}
    )
    assert response.status_code == 200
    text = text_of(response.content.decode())
    assert "ReoCharged" in text  # P1, convicted: named in full, as before
    assert "Bruno" not in text  # acquitted: not named at all
    assert "B. A. M." not in text
    assert "Carla" not in text  # awaiting her verdict: initials, as in a charged case
    assert "C. P. S." in text
