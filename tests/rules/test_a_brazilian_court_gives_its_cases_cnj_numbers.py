"""A Brazilian court numbers its cases with the CNJ unique number (Resolução CNJ
65/2008): the sequence restarts each year in each unit of origin, the check digits are
right, and a number typed in with wrong check digits is refused, naming the field
``number``, through the service and the API alike, with nothing written."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case, Court, Event, Jurisdiction
from expediente.docket.services import case_open
from expediente.rules.numbering import mod97_valid
from tests.api.helpers import API, fields, message, post_json, problem

SP = ZoneInfo("America/Sao_Paulo")
CNJ = re.compile(r"^(\d{7})-(\d{2})\.(\d{4})\.8\.26\.(\d{4})$")


def at(year, month, day):
    return dt.datetime(year, month, day, 10, tzinfo=SP)


@pytest.fixture
def brazil(db):
    return Jurisdiction.objects.create(code="br", name="Brasil", rule_pack="br")


def vara(brazil, code, office):
    return Court.objects.create(
        jurisdiction=brazil,
        code=code,
        name=f"Vara Criminal {code}",
        office_code=office,
        timezone="America/Sao_Paulo",
        rule_pack="br",
    )


def valid(number):
    found = CNJ.match(number)
    assert found, number
    digits = re.sub(r"\D", "", number)
    return mod97_valid(digits[:7] + digits[9:], found[2])


def test_cases_get_valid_cnj_numbers_counted_per_unit_and_year(brazil, clerk):
    barra_funda, santos = vara(brazil, "sp-bf", "26.0050"), vara(brazil, "santos", "26.0562")
    opened = [
        case_open(court=court, actor=clerk, procedure="adult", occurred_at=when).event.case
        for court, when in [
            (barra_funda, at(2025, 12, 30)),
            (barra_funda, at(2026, 1, 5)),
            (santos, at(2026, 1, 6)),
            (barra_funda, at(2026, 1, 7)),
        ]
    ]
    numbers = [c.number for c in opened]
    assert [n[:7] + n[10:] for n in numbers] == [
        "0000001.2025.8.26.0050",
        "0000001.2026.8.26.0050",  # a new year starts again
        "0000001.2026.8.26.0562",  # each unit of origin counts its own
        "0000002.2026.8.26.0050",
    ]
    assert all(valid(n) for n in numbers)
    assert [c.nuid for c in opened] == numbers  # the CNJ number is the case's identity


def test_a_typed_cnj_number_with_the_right_check_digits_is_kept(brazil, clerk):
    court = vara(brazil, "sp-bf", "26.0050")
    typed = "0058967-77.2016.8.19.0000"  # a published TJRJ number, from another court
    case = case_open(
        court=court, actor=clerk, procedure="adult", occurred_at=at(2026, 2, 2), number=typed
    ).event.case
    assert case.number == typed


@pytest.mark.parametrize(
    "typed",
    ["0058967-78.2016.8.19.0000", "0058976-77.2016.8.19.0000", "0058967-77.2061.8.19.0000"],
    ids=["check-digit", "swapped-in-the-sequence", "swapped-in-the-year"],
)
def test_a_typed_number_with_wrong_check_digits_is_refused_and_nothing_written(
    brazil, clerk, typed
):
    court = vara(brazil, "sp-bf", "26.0050")
    with pytest.raises(InvalidInput) as refused:
        case_open(
            court=court, actor=clerk, procedure="adult", occurred_at=at(2026, 2, 2), number=typed
        )
    assert [e["field"] for e in refused.value.errors] == ["number"]
    assert "check digits" in refused.value.errors[0]["message"]
    assert (Case.objects.count(), Event.objects.count()) == (0, 0)


def test_the_api_refuses_a_wrong_cnj_number_naming_the_field(brazil, court, api_clerk):
    vara(brazil, "sp-bf", "26.0050")
    body = {
        "court": "sp-bf",
        "procedure": "adult",
        "occurred_at": "2026-02-02T10:00:00-03:00",
        "number": "0058967-78.2016.8.19.0000",
    }
    p = problem(post_json(api_clerk, f"{API}/cases", body), 422, "invalid")
    assert fields(p) == ["number"]
    assert "check digits" in message(p, "number")
    assert not Case.objects.filter(court__code="sp-bf").exists()

    body["number"] = "58967-77.2016.8.19.0000"  # not the shape of a CNJ number
    p = problem(post_json(api_clerk, f"{API}/cases", body), 422, "invalid")
    assert fields(p) == ["number"]
    assert "0000001-" in message(p, "number")  # an example of the right shape


def test_costa_rican_numbers_are_unchanged(court, clerk):
    case = case_open(
        court=court, actor=clerk, procedure="adult", occurred_at=at(2026, 2, 2)
    ).event.case
    assert re.fullmatch(r"26-\d{6}-0042-PE", case.nuid)
