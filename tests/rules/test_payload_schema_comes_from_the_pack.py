"""The payload schema is generated from the pack's field specs."""

from expediente.rules.loader import load_pack, load_pack_file
from expediente.rules.payloads import validate_payload
from tests.rules.conftest import MINI
from tests.rules.payload_helpers import fields


def test_the_shipped_cr_pack_checks_its_own_payloads():
    cr = load_pack("cr")
    assert fields(cr, {"person": "P1", "place": "x" * 201}, "custody.arrested") == ["payload.place"]
    assert fields(
        cr, {"accused": "P1", "outcome": "convicted", "sentence_months": 1201}, "verdict.delivered"
    ) == ["payload.sentence_months"]


def test_a_pack_loaded_from_a_file_validates_its_own_payloads(write_pack):
    mini = load_pack_file(write_pack(MINI))
    assert validate_payload(mini, "note.added", {"text": "hola"}) == {"text": "hola"}
