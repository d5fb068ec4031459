"""Two items of one list of one file with the same key (a stage's or deadline's id, an
offence's code) are refused, naming the list, the key and both places. A walk found a
copy of cr.yaml whose second deadline had the first one's id checked `ok … 18
deadlines` (one lost), and one whose CP-112 had the code CP-111 checked `ok … 25
offences`, CP-111 carrying CP-112's text: the merge with intl kept the last of the two.
A pack that extends another still overrides an inherited item by giving its key."""

from __future__ import annotations

import pytest
import yaml

from expediente.rules.loader import MAX_PROBLEMS, SHIPPED_DIR, RulePackError, load_pack_file
from tests.rules.conftest import MINI, edit

CR = (SHIPPED_DIR / "cr.yaml").read_text(encoding="utf-8")
# an offence with the code of MINI's first, to add at MINI's end
X_1 = '  - {code: X-1, label: {en: Y}, iccs: "0502", law: {text: C, article: "1", flag: U}}\n'


def _line(text: str, needle: str) -> int:
    """The line (from 1) of the only occurrence of ``needle`` in ``text``."""
    assert text.count(needle) == 1, needle
    return text[: text.index(needle)].count("\n") + 1


def _said(key: str, value: str, name: str, first: tuple[int, int], second: tuple[int, int]) -> str:
    return (
        f"{key} {value!r} is given twice in {name}, at line {first[1]} ({name}[{first[0]}]) "
        f"and line {second[1]} ({name}[{second[0]}]): each {key} names one item, so give it "
        f"once in a list (a pack that extends another overrides an inherited item by giving "
        f"its {key} in its own file)"
    )


def test_a_costa_rican_deadline_given_the_id_of_another_is_refused(tmp_path, rules_check):
    broken = edit("  - id: cr.custody_hearing_request\n", "  - id: cr.presentation_to_judge\n", CR)
    path = tmp_path / "cr.yaml"
    path.write_text(broken, encoding="utf-8")

    result = rules_check(path)

    assert result.error is not None
    assert result.error.returncode == 1
    assert "ok:" not in result.stdout
    first = _line(CR, "  - id: cr.presentation_to_judge\n")
    second = _line(CR, "  - id: cr.custody_hearing_request\n")
    assert result.stderr.splitlines() == [
        f"{path}: line {second}: deadlines[1] (id cr.presentation_to_judge).id: "
        + _said("id", "cr.presentation_to_judge", "deadlines", (0, first), (1, second))
    ]


def test_a_costa_rican_offence_given_the_code_of_another_is_refused(tmp_path, rules_check):
    broken = edit("{code: CP-112,", "{code: CP-111,", CR)
    path = tmp_path / "cr.yaml"
    path.write_text(broken, encoding="utf-8")

    result = rules_check(path)

    assert result.error is not None
    first, second = _line(CR, "{code: CP-111,"), _line(CR, "{code: CP-112,")
    at = [o["code"] for o in yaml.safe_load(CR)["offences"]].index("CP-111")
    assert result.stderr.splitlines() == [
        f"{path}: line {second}: offences[{at + 1}] (code CP-111).code: "
        + _said("code", "CP-111", "offences", (at, first), (at + 1, second))
    ]


def test_a_stage_given_twice_is_said_at_both_lines(refused):
    text = edit("  - id: done\n", "  - id: open\n    label: {en: Again}\n  - id: done\n")
    path, stderr = refused(text)
    first, second = _line(MINI, "  - id: open\n"), _line(text, "  - id: open\n    label: {en: A")
    assert stderr.splitlines() == [
        f"{path}: stages[2].id: " + _said("id", "open", "stages", (0, first), (2, second))
    ]


def test_a_key_given_three_times_is_said_twice_each_time_with_the_first(refused):
    path, stderr = refused(MINI + X_1 + X_1)
    first, end = _line(MINI, "{code: X-1,"), MINI.count("\n")
    assert stderr.splitlines() == [
        f"{path}: offences[2].code: " + _said("code", "X-1", "offences", (0, first), (2, end + 1)),
        f"{path}: offences[3].code: " + _said("code", "X-1", "offences", (0, first), (3, end + 2)),
    ]


def test_keys_given_twice_are_said_with_every_other_problem(refused):
    """Said with the shape problems of a pack refused for its shape, and with the names
    that do not resolve of one that has its shape."""
    twice = edit("{code: X-2,", "{code: X-1,")
    path, stderr = refused(edit('version: "1"\n', "", twice))
    assert stderr.splitlines()[0].startswith(f"{path}: offences[1].code: code 'X-1' is given")
    assert stderr.splitlines()[1] == f"{path}: version: Field required"
    assert len(stderr.splitlines()) == 2

    path, stderr = refused(edit("to_stage: trial", "to_stage: juicio", twice))
    assert "offences[1].code: code 'X-1' is given twice in offences" in stderr.splitlines()[0]
    assert stderr.splitlines()[1] == (
        f"{path}: event_types.trial.committed.to_stage: unknown stage 'juicio'"
    )
    assert len(stderr.splitlines()) == 2


def test_keys_given_twice_count_towards_the_limit_of_problems_said(refused):
    _, stderr = refused(edit('version: "1"\n', "", MINI + X_1 * (MAX_PROBLEMS + 3)))
    lines = stderr.splitlines()
    assert len(lines) == MAX_PROBLEMS + 1
    assert all("code 'X-1' is given twice" in line for line in lines[:-1])
    assert lines[-1].endswith("… and 4 more problem(s) not shown")  # 3 keys, version


CHILD = """\
pack: child
version: "2"
extends: mini
name: {en: Child court}
offences:
  - {code: X-2, label: {en: Armed robbery}, iccs: "0401", law: {text: Code, article: "2", flag: P}}
  - {code: X-3, label: {en: Fraud}, iccs: "0701", law: {text: Code, article: "3", flag: U}}
"""


def test_a_child_still_overrides_its_parents_item_by_its_key(write_pack, rules_check):
    write_pack(MINI, "mini")
    child = write_pack(CHILD, "child")
    pack = load_pack_file(child)
    assert [(o.code, o.label["en"]) for o in pack.offences] == [
        ("X-1", "Theft"),
        ("X-2", "Armed robbery"),
        ("X-3", "Fraud"),
    ]
    assert rules_check(child).error is None


def test_a_child_giving_a_key_twice_is_refused_even_where_it_overrides(write_pack, rules_check):
    write_pack(MINI, "mini")
    again = '  - {code: X-2, label: {en: Robbery}, iccs: "0401", law: {text: C, flag: P}}\n'
    text = CHILD + again
    child = write_pack(text, "child")
    result = rules_check(child)
    assert result.error is not None
    first, second = (
        _line(text, "{code: X-2, label: {en: Armed"),
        _line(text, "label: {en: Robbery}"),
    )
    assert result.stderr.splitlines() == [
        # the second, which the merge kept too, is still checked (its article is missing)
        f"{child}: line {second}: offences[2] (code X-2).code: "
        + _said("code", "X-2", "offences", (0, first), (2, second)),
        f"{child}: line {second}: offences[2] (code X-2).law.article: Field required",
    ]


def test_a_key_given_twice_in_the_pack_it_extends_is_said_in_that_file(write_pack, rules_check):
    parent_text = edit("{code: X-2,", "{code: X-1,")
    parent = write_pack(parent_text, "mini")
    child = write_pack(CHILD.replace("code: X-2", "code: X-4"), "child")
    result = rules_check(child)
    assert result.error is not None
    first, second = _line(MINI, "{code: X-1,"), _line(MINI, "{code: X-2,")
    assert result.stderr.splitlines() == [
        f"{child}: {parent}, line {second}: offences[1] (code X-1).code: "
        + _said("code", "X-1", "offences", (0, first), (1, second))
    ]


def test_an_item_without_its_key_is_not_dropped_by_the_merge(write_pack, rules_check):
    """The merge dropped an item that was not a mapping and kept one of two without a
    code: the child's `- X-9 Fraud` passed unseen."""
    write_pack(MINI, "mini")
    text = CHILD + "  - X-9 Fraud\n" + '  - {label: {en: A}, iccs: "0701"}\n' * 2
    child = write_pack(text, "child")
    result = rules_check(child)
    assert result.error is not None
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"{child}: line 8: offences[2]: Input should be a valid dictionary or instance of "
        "Offence (got 'X-9 Fraud')"
    )
    assert [line.split(": ")[1:3] for line in lines[1:]] == [
        ["line 9", "offences[3].code"],
        ["line 9", "offences[3].law"],
        ["line 10", "offences[4].code"],
        ["line 10", "offences[4].law"],
    ]


def test_a_rule_a_child_replaces_is_the_parents_never_the_childs(write_pack):
    """``replaces`` took out any rule with the id, the child's own too: a child rule with
    the id of one another child rule replaces was lost without a word. The merge keeps
    the child's own rule; the loader then refuses the ``replaces`` that took nothing out
    (both rules would apply: test_a_replaced_deadline_must_be_inherited)."""
    write_pack(MINI, "mini")
    text = """\
pack: child
version: "2"
extends: mini
name: {en: Child court}
deadlines:
  - id: mini.presentation
    starts: custody.arrested
    duration: {hours: 12}
    counting: continuous
    satisfied_by: [case.finished]
    effect: alert
    alert: {who: [prosecutor]}
    law: {text: Child constitution, article: "37", flag: V}
  - id: child.presentation
    starts: custody.arrested
    duration: {hours: 48}
    counting: continuous
    satisfied_by: [case.finished]
    effect: alert
    alert: {who: [prosecutor]}
    law: {text: Child constitution, article: "38", flag: V}
    replaces: [mini.presentation]
"""
    with pytest.raises(RulePackError) as refused:
        load_pack_file(write_pack(text, "child"))
    assert any(
        "'mini.presentation' is a deadline this pack gives itself" in p
        for p in refused.value.problems
    )


def test_a_rule_a_child_replaces_is_left_out(write_pack):
    write_pack(MINI, "mini")
    text = """\
pack: child
version: "2"
extends: mini
name: {en: Child court}
deadlines:
  - id: child.presentation
    starts: custody.arrested
    duration: {hours: 48}
    counting: continuous
    satisfied_by: [case.finished]
    effect: alert
    alert: {who: [prosecutor]}
    law: {text: Child constitution, article: "38", flag: V}
    replaces: [mini.presentation]
"""
    pack = load_pack_file(write_pack(text, "child"))
    assert [d.id for d in pack.deadlines] == ["child.presentation"]
