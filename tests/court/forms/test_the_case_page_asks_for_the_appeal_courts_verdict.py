"""After an appeal decided as "overturned" or "modified", the case page names each
accused judged before it with no verdict since, says that the record still reads the
first court's verdict until the appeal court's is recorded, and links to the verdict
form for that accused. The form then records the appeal court's verdict, and the notice
goes. An appeal upheld, or a retrial ordered on appeal, asks for nothing."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.test import Client

from expediente.docket.models import Case
from expediente.docket.verdicts import VERDICT
from tests.conftest import NOW
from tests.court.forms.helpers import last, submit

DELIVERED, FILED, DECIDED = (NOW + dt.timedelta(days=d) for d in (-10, -8, 30))


def _appealed(case: Case, record: Any, outcome: str) -> Case:
    record(case, "indictment.filed", {"accused": "P1"}, occurred_at=NOW - dt.timedelta(days=20))
    record(case, "trial.committed", {}, occurred_at=NOW - dt.timedelta(days=19))
    record(case, VERDICT, {"accused": "P1", "outcome": "acquitted"}, occurred_at=DELIVERED)
    record(case, "appeal.filed", {"appellant": "P1"}, occurred_at=FILED)
    record(case, "appeal.decided", {"outcome": outcome}, occurred_at=DECIDED)
    return case


def _notice(client: Client, case: Case) -> str:
    html = client.get(f"/court/cases/{case.nuid}/").content.decode()
    found = re.search(r'<div class="warning appeal-verdict"[^>]*>(.*?)</div>', html, re.S)
    return found.group(1) if found else ""


def test_an_overturned_verdict_is_asked_for_by_name_with_its_form(
    staff_client: Client, accused_case: Case, record: Any
) -> None:
    case = _appealed(accused_case, record, "overturned")
    notice = _notice(staff_client, case)
    assert "overturned the verdict, and no verdict has been recorded for José Pérez Mora" in (
        notice
    )
    assert "the record still reads the first one" in notice
    url = f"/court/cases/{case.nuid}/record/{VERDICT}/?accused=P1"
    assert f'href="{url}"' in notice

    response = submit(staff_client, url, {"outcome": "convicted", "custodial": "on"})
    assert response.status_code == 302, response.content.decode()[:3000]
    recorded = last(case)
    assert (recorded.type, recorded.payload["accused"], recorded.payload["outcome"]) == (
        VERDICT,
        "P1",
        "convicted",
    )
    assert _notice(staff_client, case) == ""


def test_a_modified_verdict_is_asked_for_too(
    staff_client: Client, accused_case: Case, record: Any
) -> None:
    case = _appealed(accused_case, record, "modified")
    assert "modified the verdict" in _notice(staff_client, case)


def test_an_appeal_upheld_or_a_retrial_asks_for_nothing(
    staff_client: Client, accused_case: Case, open_case: Any, record: Any
) -> None:
    assert _notice(staff_client, _appealed(accused_case, record, "upheld")) == ""
    other = open_case()
    record(other, "participant.added", {"role": "accused", "person": {"given_names": "Ana"}})
    assert _notice(staff_client, _appealed(other, record, "retrial_ordered")) == ""
