"""The mapping itself, field spec by field spec, without a database."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.utils import translation

from expediente.court.forms.case_data import ChargeOption, PartyOption
from expediente.court.forms.fields import FormContext, initial_value, payload_value, spec_field
from expediente.court.forms.labels import field_label, option_label, readable
from expediente.rules.loader import load_pack
from expediente.rules.schema import FieldSpec

CR = ZoneInfo("America/Costa_Rica")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def ctx():
    return FormContext(
        pack=load_pack("cr"),
        tz=CR,
        parties=[PartyOption("P1", "José Pérez Mora", "accused")],
        charges=[ChargeOption("C1", "CP-208", "Hurto simple", "José Pérez Mora")],
    )


def build(ctx, **spec):
    return spec_field("some_field", FieldSpec(**spec), ctx)


def test_each_field_type_has_a_builder(ctx):
    kinds = {
        "text": forms.CharField,
        "long_text": forms.CharField,
        "bool": forms.BooleanField,
        "int": forms.IntegerField,
        "date": forms.DateField,
        "datetime": forms.DateTimeField,
        "participant": forms.ChoiceField,
        "charge": forms.ChoiceField,
        "offence": forms.ChoiceField,
        "time": forms.TimeField,
    }
    for kind, cls in kinds.items():
        assert isinstance(build(ctx, type=kind), cls), kind
    assert isinstance(build(ctx, type="choice", options=["a"]), forms.ChoiceField)


def test_a_charge_is_chosen_among_the_case_charges(ctx):
    field = build(ctx, type="charge", required=True)
    assert list(field.choices)[1:] == [("C1", "C1 — Hurto simple (CP-208), José Pérez Mora")]


def test_an_offence_is_chosen_from_the_catalogue_by_label_and_code(ctx):
    field = build(ctx, type="offence")
    assert ("CP-208", "Theft (CP-208)") in list(field.choices)
    assert len(field.choices) == len(ctx.pack.offences) + 1


def test_the_pack_label_wins_in_the_reader_language(ctx):
    field = build(ctx, type="text", label={"es": "Sala", "en": "Room"})
    assert field.label == "Room"
    with translation.override("es"):
        assert build(ctx, type="text", label={"es": "Sala", "en": "Room"}).label == "Sala"


def test_a_label_missing_in_the_reader_language_falls_back(ctx):
    assert build(ctx, type="text", label={"pt": "Sala"}).label == "Sala"


def test_without_a_pack_label_a_known_name_is_translated_else_made_readable():
    assert field_label("starts_at", None) == "Date and time"
    assert field_label("days_in_hospital", None) == "Days in hospital"


def test_options_without_labels_are_translated_or_made_readable():
    assert option_label("transport_failed") == "The detained person was not brought"
    assert option_label("very_odd_option") == "Very odd option"
    assert readable("hearing.not_held") == "Hearing not held"


def test_the_pack_option_labels_win_in_the_reader_language(ctx):
    labels = {"trial": {"es": "Juicio oral", "en": "Trial before the court"}, "x": {"pt": "X"}}
    field = build(ctx, type="choice", options=["trial", "x"], option_labels=labels)
    assert list(field.choices)[1:] == [("trial", "Trial before the court"), ("x", "X")]
    with translation.override("es"):
        assert option_label("trial", labels) == "Juicio oral"


def test_a_kind_without_a_pack_label_is_not_called_a_kind_of_hearing():
    assert field_label("kind", None) == "Kind"


def test_the_pack_help_shows_as_a_hint(ctx):
    assert build(ctx, type="text", help={"en": "As on the warrant"}).help_text == (
        "As on the warrant"
    )


def test_a_required_spec_gives_a_required_field(ctx):
    assert build(ctx, type="text", required=True).required
    assert not build(ctx, type="text").required


def test_a_yes_or_no_is_never_required_since_unticked_means_no(ctx):
    assert not build(ctx, type="bool", required=True).required


def test_text_without_a_maximum_gets_the_schema_default(ctx):
    assert build(ctx, type="text").max_length == 2000
    assert build(ctx, type="long_text").max_length == 20000


def test_a_date_time_is_read_on_the_court_clock(ctx):
    field = build(ctx, type="datetime")
    assert field.clean("2026-12-10T09:30") == dt.datetime(2026, 12, 10, 15, 30, tzinfo=dt.UTC)


def test_a_date_time_that_does_not_exist_on_the_court_clock_is_refused(ctx):
    madrid = FormContext(pack=ctx.pack, tz=ZoneInfo("Europe/Madrid"))
    field = spec_field("at", FieldSpec(type="datetime"), madrid)
    with pytest.raises(forms.ValidationError):
        field.clean("2026-03-29T02:30")  # clocks jump from 02:00 to 03:00


def test_payload_values_are_json(ctx):
    assert payload_value(FieldSpec(type="date"), dt.date(2027, 2, 28)) == "2027-02-28"
    at = dt.datetime(2026, 12, 10, 9, 30, tzinfo=CR)
    assert payload_value(FieldSpec(type="datetime"), at) == "2026-12-10T15:30:00+00:00"
    assert payload_value(FieldSpec(type="bool"), False) is False
    assert payload_value(FieldSpec(type="text"), "") is None


def test_stored_values_come_back_as_initial_values():
    assert initial_value(FieldSpec(type="date"), "2027-02-28") == dt.date(2027, 2, 28)
    assert initial_value(FieldSpec(type="datetime"), "2026-12-10T15:30:00Z") == dt.datetime(
        2026, 12, 10, 15, 30, tzinfo=dt.UTC
    )
    assert initial_value(FieldSpec(type="int"), 3) == 3
