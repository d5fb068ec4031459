"""Disclosure rules are validated on load; each error names its path and the rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from expediente.rules.loader import RulePackError, load_pack_file

BASE = """
pack: test
version: "1"
extends: intl
name: {en: Test}
disclosure:
"""


def check(tmp_path: Path, rule: str) -> str:
    path = tmp_path / "test.yaml"
    path.write_text(BASE + rule, encoding="utf-8")
    with pytest.raises(RulePackError) as refused:
        load_pack_file(path)
    return str(refused.value)


def test_an_unknown_audience_role_is_named(tmp_path):
    message = check(
        tmp_path, "  x:\n    to: ['participant:jury']\n    show: {case: true}\n    source: t\n"
    )
    assert "disclosure.x.to[0]" in message
    assert "unknown role 'jury'" in message


def test_an_unknown_staff_role_or_scope_is_named(tmp_path):
    assert "unknown staff role" in check(
        tmp_path, "  x:\n    to: ['staff:janitor']\n    show: {case: true}\n    source: t\n"
    )
    assert "unknown API scope" in check(
        tmp_path, "  x:\n    to: ['api:cases:delete']\n    show: {case: true}\n    source: t\n"
    )


def test_an_unknown_class_or_level_is_named(tmp_path):
    assert "disclosure.x.show.address" in check(
        tmp_path, "  x:\n    to: [public]\n    show: {address: true}\n    source: t\n"
    )
    assert "disclosure.x.show.accused_name" in check(
        tmp_path, "  x:\n    to: [public]\n    show: {accused_name: partly}\n    source: t\n"
    )


def test_a_rule_needs_its_source_and_cannot_rest_on_an_unverified_law(tmp_path):
    assert "disclosure.x.source" in check(
        tmp_path, "  x:\n    to: [public]\n    show: {case: true}\n"
    )
    unverified = (
        "  x:\n    to: [public]\n    show: {case: true}\n    source: t\n"
        "    law: {text: L, article: '1', flag: U}\n"
    )
    assert "unverified" in check(tmp_path, unverified)


def test_a_national_pack_replaces_a_rule_in_place_and_appends_new_ones(tmp_path):
    path = tmp_path / "test.yaml"
    rule = (
        "  public_charged:\n    to: [public]\n    when: {status: [charged]}\n"
        "    show: {accused_name: hidden}\n    source: t\n"
        "  extra:\n    to: [public]\n    show: {hearings: false}\n    source: t\n"
    )
    path.write_text(BASE + rule, encoding="utf-8")
    pack = load_pack_file(path)
    ids = list(pack.disclosure)
    assert ids.index("public_charged") == ids.index("public_before_charges") + 1  # in place
    assert ids[-1] == "extra"
    assert pack.disclosure["public_charged"].show.accused_name == "hidden"


def test_a_bad_petition_side_is_named_with_its_path(tmp_path):
    message = check(
        tmp_path,
        "  x:\n    to: ['api:public_defence']\n    show: {petition_texts: [defence_side]}\n"
        "    source: t\n",
    )
    assert "disclosure.x.show.petition_texts" in message
    assert "defence_side" in message


def test_an_unknown_agency_is_named_with_its_path(tmp_path):
    message = check(
        tmp_path,
        "  x:\n    to: [api, 'api:lawyers']\n    show: {petition_texts: []}\n    source: t\n",
    )
    assert "disclosure.x.to" in message
    assert "'api:lawyers'" in message
    assert "public_defence" in message  # the agencies it could have named


def test_a_rule_for_an_agency_loads(tmp_path):
    path = tmp_path / "test.yaml"
    rule = (
        "  agency_defence_petitions:\n    to: ['api:public_defence']\n"
        "    show: {petition_texts: [accused_side, no_side]}\n    source: t\n"
    )
    path.write_text(BASE + rule, encoding="utf-8")
    pack = load_pack_file(path)
    assert pack.disclosure["agency_defence_petitions"].show.petition_texts == [
        "accused_side",
        "no_side",
    ]
