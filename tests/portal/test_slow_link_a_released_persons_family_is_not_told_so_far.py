"""After a release the family page stops counting: QA read "28 días de detención hasta
ahora" ("28 days in custody so far") on the page of a man released days before. Once he
is out the days are the time he was held, in all; only while he is held are they "so
far"."""

from __future__ import annotations

import re

from django.test import Client
from django.utils import timezone

from expediente.docket.models import Case
from tests.portal.conftest import days_ago, text_of


def clock(case: Case, code: str, language: str) -> tuple[str, str]:
    """The detention clock's heading and its line of days, as the family reads them."""
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    signed_in = client.post("/follow/", {"case_number": case.nuid, "code": code})
    assert signed_in.status_code == 302, "the code did not open the case"
    response = client.get("/follow/case/")
    assert response.status_code == 200
    body = response.content.decode()
    (heading,) = re.findall(r'<h2 id="clock-1">(.*?)</h2>', body, re.S)
    (days,) = re.findall(r'<p class="days">(.*?)</p>', body, re.S)
    return text_of(heading), text_of(days)


def test_a_released_persons_family_is_not_told_so_far(detained_case, record, issue):
    record(
        detained_case,
        "custody.released",
        {"person": "P1", "reason": "order_of_court"},
        occurred_at=days_ago(7),
    )
    held = (days_ago(7) - days_ago(20, 8)).days
    code = issue(detained_case, "P1")

    heading, days = clock(detained_case, code, "es")
    assert heading.startswith("Tiempo de detención de ")
    assert str(held) in days
    assert "hasta ahora" not in days, days

    heading, days = clock(detained_case, code, "en")
    assert heading.startswith("Time in custody of ")
    assert days == f"{held} days in custody in all"
    assert "so far" not in days


def test_while_he_is_held_the_days_are_so_far(detained_case, issue):
    code = issue(detained_case, "P1")
    held = (timezone.now() - days_ago(20, 8)).days
    heading, days = clock(detained_case, code, "es")
    assert heading.startswith("Detención de ")
    assert days == f"{held} días de detención hasta ahora"
    assert clock(detained_case, code, "en")[1] == f"{held} days in custody so far"
