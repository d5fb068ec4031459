"""The case history names each field of an entry in the reader's language: a field the
pack does not label (a measure's id on a device's report) has our own label, never its
code in English."""

import pytest
from django.utils import translation

from expediente.court.forms.labels import FIELD_LABELS
from expediente.court.pages.labels import FIELDS, field_label
from expediente.rules.loader import load_pack


@pytest.mark.parametrize("pack_id", ["intl", "cr", "br", "cl", "co"])
def test_every_field_the_pack_does_not_label_has_ours(pack_id):
    pack = load_pack(pack_id)
    unlabelled = {
        name
        for et in pack.event_types.values()
        if not et.core
        for name, spec in et.fields.items()
        if not spec.label
    }
    assert unlabelled - set(FIELDS) == set()
    assert unlabelled - set(FIELD_LABELS) == set()


def test_a_device_report_names_its_measure_in_spanish():
    pack = load_pack("cr")
    with translation.override("es"):
        assert field_label(pack, "measure.device_event", "measure") == "Medida"
        assert field_label(pack, "measure.violation_reported", "source") == "Fuente"
