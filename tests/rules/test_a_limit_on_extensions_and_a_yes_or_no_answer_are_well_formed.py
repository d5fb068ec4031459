"""Two keys a pack may give, checked on load with the path that is wrong:

- a deadline's ``extensions_allowed`` (how many extensions one term admits: Colombia's
  one, Ley 906 art. 307 par. 1) is a whole number of at least 1, and only where
  ``extended_by`` says what extends the deadline;
- a field's ``yes_no`` (the form asks yes or no with neither chosen: Chile's review held
  in a hearing, CPP art. 145) is for a required bool field, and a field's ``law`` (the
  rule that asks for it) rests on a checked source."""

import pytest

from expediente.rules.loader import load_pack
from tests.rules.conftest import edit

COUNTING = "counting: continuous"
EXTENDED = f"{COUNTING}\n    extended_by: [note.added]"
PLACE = "place: {type: text, max_length: 20}"


@pytest.mark.parametrize("value", ["once", "0", "-1", "1.5"])
def test_a_limit_that_is_not_a_whole_number_of_one_or_more_names_its_path(refused, value):
    path, stderr = refused(edit(COUNTING, f"{EXTENDED}\n    extensions_allowed: {value}"))
    assert stderr.startswith(f"{path}: deadlines[0].extensions_allowed: "), stderr


def test_a_limit_without_what_extends_the_deadline_is_refused(refused):
    path, stderr = refused(edit(COUNTING, f"{COUNTING}\n    extensions_allowed: 1"))
    assert f"{path}: deadlines[0]: " in stderr
    assert "extensions_allowed: name what extends the deadline in extended_by first" in stderr


def test_a_misspelt_limit_is_refused_by_its_name(refused):
    path, stderr = refused(edit(COUNTING, f"{EXTENDED}\n    extension_allowed: 1"))
    assert stderr.startswith(f"{path}: deadlines[0].extension_allowed: "), stderr


def test_a_well_formed_limit_loads(write_pack, rules_check):
    result = rules_check(write_pack(edit(COUNTING, f"{EXTENDED}\n    extensions_allowed: 1")))
    assert result.error is None, result.stderr


def test_colombia_admits_one_extension_of_a_custodial_measure():
    [rule] = [d for d in load_pack("co").deadlines if d.id == "co.custodial_measure_maximum"]
    assert rule.extensions_allowed == 1
    assert rule.law.article == "307 parágrafo 1"
    assert all(
        d.extensions_allowed is None for p in ("cr", "br", "cl") for d in load_pack(p).deadlines
    )


@pytest.mark.parametrize(
    ("field", "problem"),
    [
        ("place: {type: text, yes_no: true}", "'yes_no' is only for bool fields"),
        ("place: {type: bool, yes_no: true}", "'yes_no' asks for an answer: add 'required: true'"),
    ],
)
def test_yes_no_is_for_a_required_bool_field(refused, field, problem):
    path, stderr = refused(edit(PLACE, field))
    assert stderr.startswith(f"{path}: event_types.custody.arrested.fields.place: "), stderr
    assert problem in stderr


def test_a_field_cannot_rest_on_unverified_law(refused):
    law = "law: {text: Code, article: '9', flag: U}"
    path, stderr = refused(edit(PLACE, f"place: {{type: bool, required: true, {law}}}"))
    assert stderr.startswith(f"{path}: event_types.custody.arrested.fields.place.law: "), stderr


def test_the_questions_asked_yes_or_no_are_chiles_hearing_and_the_consular_request():
    """Chile asks whether a review was held in a hearing; every pack asks whether a
    foreign national held asked for their consulate to be informed. No other field."""
    spec = load_pack("cl").event_types["custody.pretrial_reviewed"].fields["hearing"]
    assert (spec.type, spec.required, spec.yes_no) == ("bool", True, True)
    assert spec.law is not None
    assert (spec.law.article, spec.law.flag) == ("145", "V")
    for pack in ("intl", "cr", "br", "cl", "co"):
        asked = {
            (name, field)
            for name, et in load_pack(pack).event_types.items()
            for field, f in et.fields.items()
            if f.yes_no
        }
        expected = {("consular.rights_informed", "requested")}
        if pack == "cl":
            expected.add(("custody.pretrial_reviewed", "hearing"))
        assert asked == expected, pack


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("{hours: 5}", "not a penalty, an age or hours"),
        ("{penalty: possible}", "not a penalty, an age or hours"),
    ],
)
def test_a_ceiling_on_extensions_is_a_length_of_time(refused, value, problem):
    path, stderr = refused(edit(COUNTING, f"{EXTENDED}\n    extended_at_most: {value}"))
    assert f"{path}: deadlines[0]: " in stderr, stderr
    assert problem in stderr, stderr


def test_a_ceiling_without_what_extends_the_deadline_is_refused(refused):
    _path, stderr = refused(edit(COUNTING, f"{COUNTING}\n    extended_at_most: {{days: 5}}"))
    assert "extended_at_most: name what extends the deadline in extended_by first" in stderr


def test_costa_rica_admits_one_more_year_of_pretrial_detention():
    [rule] = [d for d in load_pack("cr").deadlines if d.id == "cr.pretrial_maximum"]
    assert rule.extended_at_most is not None
    assert rule.extended_at_most.years == 1
