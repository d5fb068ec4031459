"""`expediente rules check` says each problem where it is written: the file that holds
it, the line there, the path inside that file (an item at its own index in its own
file, not at its place in the pack merged with the one it extends) with the item's id,
and the rule broken. A court's IT person found cr.yaml's first deadline without
`law.article` said as `deadlines[12]`, the place of the rule in cr merged with intl."""

from __future__ import annotations

import re
from pathlib import Path

from expediente.rules.loader import MAX_PROBLEMS, SHIPPED_DIR
from tests.rules.conftest import MINI, edit


def _line(text: str, needle: str) -> int:
    """The line (from 1) of the only occurrence of ``needle`` in ``text``."""
    assert text.count(needle) == 1, needle
    return text[: text.index(needle)].count("\n") + 1


def test_a_costa_rican_deadline_is_said_at_its_own_index_with_its_id(tmp_path, rules_check):
    text = (SHIPPED_DIR / "cr.yaml").read_text(encoding="utf-8")
    start = text.index("\ndeadlines:\n")
    end = text.index("  - id: cr.pretrial_review\n")
    first = 'law: {text: Constitución Política, article: "37", flag: V}'
    second = 'law: {text: Código Procesal Penal (Ley 7594), article: "238", flag: V}'
    # the first two deadlines of the file, without their article (a copy: the shipped
    # pack is left as it is)
    head = text[start:end]
    assert head.count(first) == 1
    assert head.count(second) == 1
    head = head.replace(first, "law: {text: Constitución Política, flag: V}")
    head = head.replace(second, "law: {text: Código Procesal Penal (Ley 7594), flag: V}")
    broken = text[:start] + head + text[end:]
    path = tmp_path / "cr.yaml"
    path.write_text(broken, encoding="utf-8")

    result = rules_check(path)

    assert result.error is not None
    assert result.error.returncode == 1
    first_line = _line(broken, "law: {text: Constitución Política, flag: V}")
    second_line = _line(broken, "law: {text: Código Procesal Penal (Ley 7594), flag: V}")
    assert result.stderr.splitlines() == [
        f"{path}: line {first_line}: deadlines[0] (id cr.presentation_to_judge).law.article: "
        "Field required",
        f"{path}: line {second_line}: deadlines[1] (id cr.custody_hearing_request).law.article: "
        "Field required",
    ]


PARENT = edit(
    "      place: {type: text, max_length: 20}\n",
    "      place: {type: text, max_length: 20}\n      flagrante: {type: bool}\n",
    edit(
        "    starts: custody.arrested\n",
        "    starts: custody.arrested\n    starts_when: {custody.arrested: {flagrante: [true]}}\n",
    ),
)

CHILD = """\
pack: child
version: "2"
extends: mini
name: {en: Child court}
stages:
  - id: trial
  - id: open
    label: {en: Open, sp: Abierto}
  - id: done
event_types:
  custody.arrested:
    label: {en: Arrest}
    stages: [open, trial]
    fields:
      person: {type: participant, role: [accused], required: true}
offences:
  - {code: X-2, label: {en: Robbery}, iccs: "0401", law: {text: Code, article: "2", flag: P}}
  - {code: X-9, label: {en: Fraud}, iccs: "0701", law: {text: Code, flag: U}}
"""


def test_a_stage_the_child_gives_is_said_in_the_child(write_pack, rules_check):
    write_pack(PARENT, "mini")
    child = write_pack(CHILD, "child")
    result = rules_check(child)
    assert result.error is not None
    # a stage merged with the parent's: said in the file that gives the broken label
    assert (
        f"{child}: line {_line(CHILD, 'label: {en: Open, sp: Abierto}')}: "
        "stages[1] (id open).label: unknown language(s) ['sp']; use ['es', 'en', 'pt', 'fr']"
    ) in result.stderr.splitlines()
    # X-9 is the merged catalogue's offences[2]; the child's second
    assert (
        f"{child}: line {_line(CHILD, 'code: X-9')}: offences[1] (code X-9).law.article: "
        "Field required"
    ) in result.stderr.splitlines()
    assert len(result.stderr.splitlines()) == 2


def test_an_inherited_item_a_child_breaks_is_said_in_its_own_file(write_pack, rules_check):
    parent = write_pack(PARENT, "mini")
    child = write_pack(
        CHILD.replace("    label: {en: Open, sp: Abierto}\n", "").replace(
            "law: {text: Code, flag: U}", 'law: {text: Code, article: "9", flag: U}'
        ),
        "child",
    )
    result = rules_check(child)
    assert result.error is not None
    line = _line(PARENT, "starts_when: ")
    assert result.stderr.splitlines() == [
        f"{child}: {parent}, line {line}: deadlines[0] (id mini.presentation)"
        ".starts_when.custody.arrested.flagrante: custody.arrested has no choice or bool "
        "field 'flagrante' (deadline mini.presentation)"
    ]


def test_a_missing_top_level_key_is_said_without_a_line(write_pack, rules_check):
    path = write_pack(edit('version: "1"\n', ""))
    result = rules_check(path)
    assert result.stderr.splitlines() == [f"{path}: version: Field required"]


def test_every_problem_is_said_up_to_a_limit(write_pack, rules_check):
    many = MAX_PROBLEMS + 7
    offences = "".join(
        f'  - {{code: Y-{i}, label: {{en: Y}}, iccs: "0401", colour: red, '
        f'law: {{text: Code, article: "2", flag: P}}}}\n'
        for i in range(many)
    )
    path: Path = write_pack(MINI + offences)
    result = rules_check(path)
    lines = result.stderr.splitlines()
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[0] == (
        f"{path}: line {_line(MINI + offences, 'code: Y-0,')}: offences[2] (code Y-0).colour: "
        "Extra inputs are not permitted (got 'red')"
    )
    assert all(re.search(r"offences\[[0-9]+\] \(code Y-[0-9]+\)\.colour: ", x) for x in lines[:-1])
    assert lines[-1] == f"{path}: … and 7 more problem(s) not shown"
