"""A time of day (``type: time``: a curfew's hours) is a real time on the clock, HH:MM
from 00:00 to 23:59, wherever the payload comes from (API, form, importer: they all
validate here). A bad one is refused naming the field and the rule; stored as typed."""

import pytest

from expediente.rules.loader import load_pack
from expediente.rules.payloads import TIME_RULE, payload_model, validate_payload
from tests.rules.payload_helpers import errors

CURFEW = {
    "measure": "M1",
    "person": "P1",
    "kind": "curfew",
    "starts_on": "2026-03-01",
    "curfew_from": "20:00",
    "curfew_to": "05:00",
}


@pytest.fixture
def intl():
    return load_pack("intl")


def test_the_shipped_packs_declare_the_curfew_hours_as_times_of_day():
    for pack_id in ("intl", "cr", "br", "cl", "co"):
        fields = load_pack(pack_id).event_types["measure.imposed"].fields
        assert fields["curfew_from"].type == "time"
        assert fields["curfew_to"].type == "time"


@pytest.mark.parametrize(
    ("start", "end"),
    [("25:00", "xx"), ("99:99", "ab:cd"), ("24:00", "12:60"), ("8:00", "20:00:00")],
)
def test_a_curfew_that_is_not_a_time_of_day_is_refused_naming_both_fields(intl, start, end):
    payload = CURFEW | {"curfew_from": start, "curfew_to": end}
    assert errors(intl, payload, "measure.imposed") == [
        {"field": "payload.curfew_from", "message": TIME_RULE},
        {"field": "payload.curfew_to", "message": TIME_RULE},
    ]
    assert "HH:MM, from 00:00 to 23:59" in TIME_RULE


@pytest.mark.parametrize("value", ["", " ", "2000", "20h00", "20.00", "-1:00", "２０:００"])
def test_other_text_is_not_a_time_either(intl, value):
    assert errors(intl, CURFEW | {"curfew_to": value}, "measure.imposed") == [
        {"field": "payload.curfew_to", "message": TIME_RULE}
    ]


def test_a_number_is_not_a_time(intl):
    (error,) = errors(intl, CURFEW | {"curfew_from": 2000}, "measure.imposed")
    assert error["field"] == "payload.curfew_from"


def test_a_curfew_over_midnight_and_the_ends_of_the_day_are_accepted_as_typed(intl):
    clean = validate_payload(intl, "measure.imposed", CURFEW)
    assert (clean["curfew_from"], clean["curfew_to"]) == ("20:00", "05:00")
    edges = CURFEW | {"curfew_from": " 00:00 ", "curfew_to": "23:59"}
    clean = validate_payload(intl, "measure.imposed", edges)
    assert (clean["curfew_from"], clean["curfew_to"]) == ("00:00", "23:59")


def test_the_api_schema_tells_clients_the_format(intl):
    schema = payload_model(intl, "measure.imposed").model_json_schema()
    curfew_from = schema["properties"]["curfew_from"]["anyOf"][0]
    assert curfew_from["type"] == "string"
    assert curfew_from["pattern"] == "^([01][0-9]|2[0-3]):[0-5][0-9]$"
