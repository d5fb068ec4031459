"""A deadline may start at several event types (``starts`` as a list) and only at the
entries whose fields hold given values (``starts_when``). A condition on a type that
does not start the rule, on a field the type does not have (or that is not a choice or a
yes-or-no), or on a value the field cannot hold is refused by `rules check`, naming the
path and the rule; so are a list of starts where only one is read and a start only in
custody for a rule that waits for custody."""

import pytest

from tests.rules.conftest import MINI, edit

WITH_FIELDS = edit(
    "      place: {type: text, max_length: 20}\n",
    "      place: {type: text, max_length: 20}\n"
    "      how: {type: choice, options: [caught, warrant]}\n"
    "      armed: {type: bool}\n",
    MINI,
)


def with_rule(lines: str) -> str:
    return edit("    counting: continuous\n", f"    counting: continuous\n{lines}", WITH_FIELDS)


def test_a_condition_on_a_starting_choice_and_a_list_of_starts_are_accepted(
    write_pack, rules_check
):
    text = edit(
        "starts: custody.arrested",
        "starts: [custody.arrested, note.added]",
        with_rule("    starts_when: {custody.arrested: {how: [caught], armed: [true]}}\n"),
    )
    result = rules_check(write_pack(text))
    assert result.error is None, result.stderr
    assert "ok: pack mini" in result.stdout


@pytest.mark.parametrize(
    ("condition", "where", "message"),
    [
        (
            "{note.added: {text: [x]}}",
            "starts_when.note.added",
            "'note.added' is not among the rule's starts ['custody.arrested']",
        ),
        (
            "{custody.arrested: {hue: [caught]}}",
            "starts_when.custody.arrested.hue",
            "custody.arrested has no choice or bool field 'hue'",
        ),
        (
            "{custody.arrested: {place: [home]}}",
            "starts_when.custody.arrested.place",
            "custody.arrested has no choice or bool field 'place'",
        ),
        (
            "{custody.arrested: {how: [flying]}}",
            "starts_when.custody.arrested.how",
            "['flying'] are not values of 'how': its options are ['caught', 'warrant']",
        ),
        (
            "{custody.arrested: {armed: [maybe]}}",
            "starts_when.custody.arrested.armed",
            "['maybe'] are not values of 'armed': a yes-or-no field holds true or false",
        ),
        (
            "{custody.arrested: {how: []}}",
            "starts_when.custody.arrested.how",
            "give at least one value",
        ),
    ],
    ids=["not-a-start", "unknown-field", "text-field", "unknown-option", "not-a-bool", "empty"],
)
def test_a_bad_condition_is_refused_naming_its_path(refused, condition, where, message):
    path, stderr = refused(with_rule(f"    starts_when: {condition}\n"))
    assert stderr.startswith(f"{path}: deadlines[0].{where}: "), stderr
    assert f"{message} (deadline mini.presentation)" in stderr


def test_an_unknown_type_in_a_list_of_starts_names_its_place(refused):
    path, stderr = refused(
        edit("starts: custody.arrested", "starts: [custody.arrested, custody.arested]", MINI)
    )
    assert stderr.startswith(f"{path}: deadlines[0].starts[1]: ")
    assert "unknown event type 'custody.arested' (deadline mini.presentation)" in stderr


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("starts: custody.arrested", "starts: [custody.arrested, custody.arrested]", "different"),
        (
            "counting: continuous",
            "counting: continuous\n    starts_in_custody: true\n    waits_for_custody: [police]",
            "starts_in_custody: only for a per-person deadline (no each) that does not wait",
        ),
    ],
    ids=["twice", "in-custody-and-waiting"],
)
def test_a_malformed_start_is_refused(refused, old, new, message):
    path, stderr = refused(edit(old, new, MINI))
    assert stderr.startswith(f"{path}: deadlines[0]: "), stderr
    assert message in stderr


# ``starts_without_ground``: starting types that open the clock only for a person held
# although the court ended the ground for holding them (a recapture after the lift).


def test_a_start_without_ground_among_the_starts_is_accepted(write_pack, rules_check):
    # a custody entry: the custody record says whether it finds the person held with
    # the ground ended (``Fact.ground_ended``)
    text = edit(
        "starts: custody.arrested",
        "starts: [custody.arrested, note.added]",
        with_rule("    starts_without_ground: [custody.arrested]\n"),
    )
    result = rules_check(write_pack(text))
    assert result.error is None, result.stderr


def test_a_start_without_ground_the_custody_record_does_not_read_is_refused(refused):
    # ``Fact.ground_ended`` is only ever set on the custody entries ``custody/periods``
    # reads: a note among these could never start the rule
    text = edit(
        "starts: custody.arrested",
        "starts: [custody.arrested, note.added]",
        with_rule("    starts_without_ground: [custody.arrested, note.added]\n"),
    )
    path, stderr = refused(text)
    assert stderr.startswith(f"{path}: deadlines[0].starts_without_ground[1]: "), stderr
    assert "'note.added' is not a custody entry the custody record reads" in stderr, stderr
    assert "(deadline mini.presentation)" in stderr, stderr


def test_the_rules_know_the_custody_entries_the_custody_record_reads():
    # rules/ does not import custody/: its list of the custody record's types is a
    # mirror of ``custody/periods.TYPES``, held to it here
    from expediente.custody import periods
    from expediente.rules.schema import CUSTODY_RECORD_TYPES

    assert CUSTODY_RECORD_TYPES == periods.TYPES


def test_a_start_without_ground_that_does_not_start_the_rule_is_refused_naming_its_place(
    refused,
):
    path, stderr = refused(with_rule("    starts_without_ground: [custody.arrested, note.added]\n"))
    assert stderr.startswith(f"{path}: deadlines[0].starts_without_ground[1]: "), stderr
    assert (
        "'note.added' is not among the rule's starts ['custody.arrested'] "
        "(deadline mini.presentation)" in stderr
    )


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            "    starts_without_ground: [Recaptured]\n",
            "deadlines[0].starts_without_ground[0]: String should match pattern",
        ),
        (
            "    starts_without_ground: [custody.arrested]\n    per: measure\n",
            "starts_without_ground: only for a per-person deadline",
        ),
    ],
    ids=["not-an-event-type", "per-measure"],
)
def test_a_malformed_start_without_ground_is_refused(refused, lines, message):
    path, stderr = refused(with_rule(lines))
    assert stderr.startswith(f"{path}: deadlines[0]"), stderr
    assert message in stderr, stderr
