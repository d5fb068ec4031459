"""Costa Rica, CPP art. 258 (first sentence): the Tribunal de Apelación may extend the
art. 257 term of pretrial detention "hasta por un año más". QA recorded an extension
to 1 December 2029, 39 months after the order: nothing asked, and the family's "maximum"
became 2029 with art. 258 cited beside it. The maximum now counts an extension only to
one year past the 12 months (``extended_at_most`` in cr.yaml), says so in its
explanation, and the API, like the staff form, asks an extension past it to be
confirmed as past the legal maximum; once confirmed it is recorded as the judge gave it,
and the order's own term reads as beyond the maximum."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import translation

from expediente.custody.models import Deadline
from expediente.custody.selectors import custody_clock
from expediente.docket.models import Case, Event
from tests.api.helpers import API, fields, message, post_json, problem

CR = ZoneInfo("America/Costa_Rica")
ARRESTED_AT = dt.datetime(2026, 2, 1, 10, tzinfo=CR)  # ordered the next day
EXTENDED = "custody.pretrial_extended"


@pytest.fixture
def ordered(accused_case: Case, record: Any) -> Case:
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=ARRESTED_AT)
    record(
        accused_case,
        "custody.pretrial_ordered",
        {"person": "P1", "until": "2027-02-01", "grounds": "Peligro de fuga"},
        occurred_at=ARRESTED_AT + dt.timedelta(hours=20),
    )
    accused_case.refresh_from_db()
    return accused_case


def extension(until: str, **more: Any) -> dict[str, Any]:
    return {
        "type": EXTENDED,
        "occurred_at": dt.datetime(2026, 11, 20, 10, tzinfo=CR).isoformat(),
        "payload": {"person": "P1", "until": until, "granted_by": "Tribunal de Apelación"},
        **more,
    }


def url(case: Case) -> str:
    return f"{API}/cases/{case.nuid}/events"


def maximum(case: Case) -> Deadline:
    return Deadline.objects.get(case=case, rule_id="cr.pretrial_maximum")


def test_an_extension_within_the_year_moves_the_maximum_to_its_day(
    ordered: Case, api_clerk: Client
) -> None:
    response = post_json(api_clerk, url(ordered), extension("2027-08-01"))
    assert response.status_code == 201, response.content
    assert maximum(ordered).due_on == dt.date(2027, 8, 1)


def test_an_extension_past_the_year_is_a_422_on_confirm_and_nothing_is_written(
    ordered: Case, api_clerk: Client
) -> None:
    count = Event.objects.filter(case=ordered).count()
    p = problem(post_json(api_clerk, url(ordered), extension("2029-12-01")), 422, "invalid")
    assert fields(p) == ["confirm"]
    said = message(p, "confirm")
    assert "until 2029-12-01" in said
    assert "Maximum term of pretrial detention" in said
    assert "258" in said
    assert '"confirm": ["order_past_maximum"]' in said
    assert Event.objects.filter(case=ordered).count() == count


def test_confirmed_it_is_recorded_but_the_maximum_stays_a_year_past_the_twelve_months(
    ordered: Case, api_clerk: Client
) -> None:
    body = extension("2029-12-01", confirm=["order_past_maximum"])
    response = post_json(api_clerk, url(ordered), body)
    assert response.status_code == 201, response.content
    assert Event.objects.get(case=ordered, type=EXTENDED).payload["until"] == "2029-12-01"
    # twelve months from the order (the person already held), then one more year
    assert maximum(ordered).due_on == dt.date(2028, 2, 2)
    with translation.override("en"):
        clock = custody_clock(case=ordered, now=dt.datetime(2026, 11, 25, tzinfo=dt.UTC))[0]
    assert clock.maximum is not None
    assert clock.maximum.row.due_on == dt.date(2028, 2, 2)
    said = clock.maximum.explanation
    assert "extended to 1 December 2029" in said, said
    assert "admits at most 1 year more" in said, said
    assert "counted to 2 February 2028" in said, said
    # the order's own term, as the judge gave it, reads as beyond the maximum
    assert clock.order_term is not None
    assert clock.order_term.row.due_on == dt.date(2029, 12, 1)
    assert clock.order_term.beyond_maximum is not None
