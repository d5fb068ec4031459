"""YAML silently keeps the last of two equal keys; a pack refuses them instead."""

from tests.rules.conftest import MINI, edit


def test_an_event_type_given_twice_is_refused_with_both_lines(refused):
    again = "  note.added:\n    label: {en: Other note}\n  case.finished:\n"
    text = edit("  case.finished:\n", again)
    lines = text.splitlines()
    first = lines.index("  note.added:") + 1
    second = lines.index("  note.added:", first) + 1
    path, stderr = refused(text)
    assert stderr.startswith(f"{path}: line {second}, column 3: not valid YAML: ")
    assert f"key 'note.added' is given twice (line {second})" in stderr


def test_a_top_level_key_given_twice_is_refused(refused):
    path, stderr = refused(edit('version: "1"\n', 'version: "1"\nversion: "2"\n'))
    assert stderr.startswith(f"{path}: line 3, column 1: ")
    assert "key 'version' is given twice" in stderr


def test_a_field_option_given_twice_inside_a_flow_mapping_is_refused(refused):
    text = edit("place: {type: text, max_length: 20}", "place: {type: text, type: bool}")
    _, stderr = refused(text)
    assert "key 'type' is given twice" in stderr


def test_equal_keys_in_different_mappings_are_fine(write_pack, rules_check):
    # `label`, `en` and `type` recur all over MINI, but never twice in one mapping
    assert MINI.count("label:") > 5
    assert rules_check(write_pack(MINI)).error is None


def test_a_key_that_is_a_list_is_refused_with_its_line(refused):
    # it was a TypeError (a list cannot be compared with the keys seen), a traceback
    path, stderr = refused(edit('version: "1"\n', 'version: "1"\n? [a, b]\n: 1\n'))
    assert stderr.strip() == (
        f"{path}: line 3, column 3: not valid YAML: a key must be a name or a number, "
        "not a list or a mapping"
    )


def test_every_mapping_a_child_merges_by_key_refuses_a_key_given_twice(refused):
    """Besides the lists of stages, deadlines and offences (keyed by their id or code:
    test_an_item_given_twice_in_one_list_is_refused.py), a pack merges roles, event
    types, disclosure rules and its calendar by their keys: YAML refuses those twice."""
    _, stderr = refused(edit("  prosecutor: {en: Prosecutor}\n", "  accused: {en: Again}\n"))
    assert "key 'accused' is given twice" in stderr
    text = MINI + "disclosure:\n  public:\n    to: [public]\n  public:\n    to: [public]\n"
    _, stderr = refused(text)
    assert "key 'public' is given twice" in stderr
    _, stderr = refused(
        edit('version: "1"\n', 'version: "1"\ncalendar: {holidays: CR, holidays: CO}\n')
    )
    assert "key 'holidays' is given twice" in stderr
