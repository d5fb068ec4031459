"""A national pack replaces a baseline deadline by naming it in ``replaces``. A typing
mistake there replaced nothing, without a word: both rules applied, the baseline's and
the national one, and a detained person's clock was counted twice with two limits."""

from __future__ import annotations

from tests.rules.conftest import MINI, edit

CHILD = """\
pack: child
version: "1"
extends: mini
name: {en: Child court}
deadlines:
  - id: child.presentation
    replaces: [%s]
    starts: custody.arrested
    duration: {hours: 48}
    counting: continuous
    satisfied_by: [case.finished]
    effect: alert
    alert: {who: [prosecutor], before: [{hours: 6}]}
    law: {text: Child constitution, article: "2", flag: V}
"""


def test_a_mistyped_replaced_id_is_refused_naming_it_and_the_parent(write_pack, rules_check):
    write_pack(MINI, "mini")
    child = write_pack(CHILD % "mini.presentaton", "child")
    result = rules_check(child)
    assert result.error is not None
    assert result.stderr.strip() == (
        f"{child}: line 7: deadlines[0] (id child.presentation).replaces[0]: "
        "'mini.presentaton' is not a deadline of the pack this one extends (mini); nothing "
        "would be replaced and both rules would apply"
    )


def test_the_inherited_id_replaces_the_baseline_rule(write_pack, rules_check):
    write_pack(MINI, "mini")
    result = rules_check(write_pack(CHILD % "mini.presentation", "child"))
    assert result.error is None, result.stderr
    assert ", 1 deadlines," in result.stdout


def test_a_pack_that_extends_none_replaces_nothing(refused):
    text = edit("  - id: mini.presentation\n", "  - id: mini.presentation\n    replaces: [x.y]\n")
    _, stderr = refused(text)
    assert "'x.y' replaces nothing: this pack extends no other" in stderr


GRANDCHILD = """\
pack: leaf
version: "1"
extends: child
name: {en: Leaf court}
deadlines:
  - id: leaf.presentation
    replaces: [%s]
    starts: custody.arrested
    duration: {hours: 36}
    counting: continuous
    satisfied_by: [case.finished]
    effect: alert
    alert: {who: [prosecutor], before: [{hours: 6}]}
    law: {text: Leaf constitution, article: "3", flag: V}
"""


def test_a_rule_the_parent_already_replaced_cannot_be_replaced_again(write_pack, rules_check):
    write_pack(MINI, "mini")
    write_pack(CHILD % "mini.presentation", "child")
    leaf = write_pack(GRANDCHILD % "mini.presentation", "leaf")
    result = rules_check(leaf)
    assert result.error is not None
    assert (
        "'mini.presentation' was already replaced by the pack this one extends (child)"
        in result.stderr
    )
    # what the author meant: the rule that stands in the parent
    fixed = rules_check(write_pack(GRANDCHILD % "child.presentation", "leaf"))
    assert fixed.error is None, fixed.stderr
    assert ", 1 deadlines," in fixed.stdout


def test_a_grandparents_rule_still_standing_can_be_replaced(write_pack, rules_check):
    write_pack(MINI, "mini")
    write_pack(CHILD % "", "child").write_text(
        (CHILD % "").replace("    replaces: []\n", ""), encoding="utf-8"
    )
    result = rules_check(write_pack(GRANDCHILD % "mini.presentation", "leaf"))
    assert result.error is None, result.stderr
    assert ", 2 deadlines," in result.stdout


def test_a_pack_extending_one_that_replaced_rules_loads(write_pack, rules_check):
    """The extended pack's own rules keep their replaces: they took out what they named
    there, and a pack of one's own on top of it (a test court's) gives none of them."""
    write_pack(MINI, "mini")
    write_pack(CHILD % "mini.presentation", "child")
    leaf = write_pack('pack: leaf\nversion: "1"\nextends: child\nname: {en: Leaf}\n', "leaf")
    result = rules_check(leaf)
    assert result.error is None, result.stderr


def test_a_rule_overridden_whole_may_keep_its_replaces(write_pack, rules_check):
    write_pack(MINI, "mini")
    write_pack(CHILD % "mini.presentation", "child")
    override = (CHILD % "mini.presentation").replace("pack: child", "pack: leaf")
    override = override.replace("extends: mini", "extends: child").replace("48", "24")
    result = rules_check(write_pack(override, "leaf"))
    assert result.error is None, result.stderr
