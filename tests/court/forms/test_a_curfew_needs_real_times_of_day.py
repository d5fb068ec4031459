"""The measure form asks for a curfew's hours as times of day (``<input type=time>``),
refuses "25:00", "xx" or "99:99" next to the field with nothing written, and records a
curfew over midnight as HH:MM."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.utils import translation

from expediente.court.forms.fields import FormContext, initial_value, payload_value, spec_field
from expediente.measures.models import Measure
from expediente.rules.loader import load_pack
from expediente.rules.schema import FieldSpec
from tests.court.forms.helpers import (
    case_url,
    events,
    field_error,
    last,
    record_url,
    submit,
    summary_names,
)

CURFEW = {
    "measure": "M1",
    "person": "P1",
    "kind": "curfew",
    # the form records the entry as happening now: a start long before it is refused
    "starts_on": dt.datetime.now(ZoneInfo("America/Costa_Rica")).date().isoformat(),
    "device": "GPS-1",
}
SAYS = "Enter a time of day from 00:00 to 23:59, for example 20:00."


def test_the_hours_are_time_inputs(staff_client, accused_case):
    html = staff_client.get(record_url(accused_case, "measure.imposed")).content.decode()
    for name in ("curfew_from", "curfew_to"):
        (tag,) = re.findall(rf'<input[^>]*name="{name}"[^>]*>', html)
        assert 'type="time"' in tag


@pytest.mark.parametrize(("start", "end"), [("25:00", "xx"), ("99:99", "ab:cd")])
def test_hours_that_are_not_times_of_day_are_refused_next_to_each_field(
    staff_client, accused_case, start, end
):
    before = len(events(accused_case))
    response = submit(
        staff_client,
        record_url(accused_case, "measure.imposed"),
        CURFEW | {"curfew_from": start, "curfew_to": end},
    )
    assert response.status_code == 200
    assert len(events(accused_case)) == before, "nothing may be written"
    assert not Measure.objects.filter(case=accused_case).exists()
    for name in ("curfew_from", "curfew_to"):
        assert field_error(response, name) == SAYS
        assert summary_names(response, name, SAYS)


def test_a_curfew_over_midnight_is_recorded_as_hh_mm(staff_client, accused_case):
    response = submit(
        staff_client,
        record_url(accused_case, "measure.imposed"),
        CURFEW | {"curfew_from": "20:00", "curfew_to": "05:00"},
    )
    assert response.status_code == 302, field_error(response, "curfew_from")
    assert response["Location"] == case_url(accused_case)
    event = last(accused_case)
    assert event.type == "measure.imposed"
    assert (event.payload["curfew_from"], event.payload["curfew_to"]) == ("20:00", "05:00")


@pytest.fixture
def ctx():
    return FormContext(pack=load_pack("cr"), tz=ZoneInfo("America/Costa_Rica"))


def test_a_time_spec_is_a_time_field_read_and_written_as_hh_mm(ctx):
    with translation.override("en"):
        field = spec_field("curfew_from", FieldSpec(type="time", required=True), ctx)
    assert isinstance(field, forms.TimeField)
    assert field.clean("20:00") == dt.time(20, 0)
    for bad in ("25:00", "xx", "99:99", "20:00:00"):
        with pytest.raises(forms.ValidationError):
            field.clean(bad)
    assert payload_value(FieldSpec(type="time"), dt.time(5, 0)) == "05:00"
    assert initial_value(FieldSpec(type="time"), "20:00") == dt.time(20, 0)


def test_a_bad_time_already_on_the_record_is_shown_as_it_is_to_be_corrected(ctx):
    assert initial_value(FieldSpec(type="time"), "xx") == "xx"
