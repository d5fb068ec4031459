"""The disclosure rules of the packs, resolved for each audience and case class."""

from __future__ import annotations

from typing import Any

import pytest

from expediente.access.disclosure import PUBLIC, Audience, case_facts, resolve
from expediente.rules.loader import load_pack

pytestmark = pytest.mark.django_db

PARTICIPANT = Audience(kind="participant", roles=frozenset({"victim"}), participant="P2")
API = Audience(kind="api", roles=frozenset({"cases:read"}))


def shown(case: Any, audience: Audience) -> Any:
    pack = load_pack(case.court.rule_pack)
    return resolve(pack, audience, case_facts(case, pack))


def test_the_public_sees_a_case_only_once_charged_and_never_a_juvenile_or_sealed_one(cases):
    visible = {tag: shown(case, PUBLIC).case for tag, case in cases.items()}
    assert visible == {
        "before_charges": False,
        "charged": True,
        "convicted": True,
        "acquitted": True,
        "juvenile": False,
        "sexual": True,
        "sealed": False,
        "expunged": False,
    }


def test_the_public_sees_the_accused_by_initials_until_a_conviction_and_not_after_acquittal(cases):
    assert shown(cases["charged"], PUBLIC).accused_name == "initials"
    assert shown(cases["convicted"], PUBLIC).accused_name == "full"
    assert shown(cases["acquitted"], PUBLIC).accused_name == "hidden"


def test_case_status_follows_the_record(cases):
    status = {tag: case_facts(case).status for tag, case in cases.items()}
    assert status["before_charges"] == "before_charges"
    assert status["charged"] == "charged"
    assert status["convicted"] == "convicted"
    assert status["acquitted"] == "acquitted"


def test_a_sexual_offence_victim_is_a_pseudonym_for_participants_and_agencies(cases):
    assert case_facts(cases["sexual"]).flags == {"sexual"}
    assert shown(cases["sexual"], PARTICIPANT).victim_names == "pseudonym"
    assert shown(cases["sexual"], API).victim_names == "pseudonym"
    assert shown(cases["charged"], API).victim_names == "full"


def test_a_sealed_case_is_gone_for_participants_and_agencies_but_not_for_the_court(cases):
    staff = Audience(kind="staff", roles=frozenset({"judge"}))
    assert not shown(cases["sealed"], PARTICIPANT).case
    assert not shown(cases["sealed"], API).case
    assert shown(cases["sealed"], staff).case
    assert shown(cases["sealed"], staff).free_text


def test_an_expunged_case_is_told_apart_from_a_sealed_one_only_where_a_rule_asks(cases):
    expunged = cases["expunged"]
    assert case_facts(expunged).confidentiality == "sealed"
    assert case_facts(expunged, expunction=True).confidentiality == "expunged"
    assert case_facts(cases["sealed"], expunction=True).confidentiality == "sealed"
    clerk = Audience(kind="staff", roles=frozenset({"clerk", "judge"}))
    pack = load_pack(expunged.court.rule_pack)
    facts = case_facts(expunged, pack, expunction=True)
    assert resolve(pack, clerk, facts).case  # a clerk who is a judge there too
    assert not resolve(pack, Audience(kind="staff", roles=frozenset({"clerk"})), facts).case


def _api(agency: str) -> Audience:
    return Audience(kind="api", roles=frozenset({"cases:read", agency}))


@pytest.mark.parametrize(
    ("agency", "sides"),
    [
        ("prosecution", ("accused_side", "victim_side", "no_side")),
        ("other", ("accused_side", "victim_side", "no_side")),
        ("public_defence", ("accused_side",)),
        ("private_defence", ("accused_side",)),
        ("police", ()),
        ("prison", ()),
    ],
)
def test_each_agency_reads_the_petitions_of_the_sides_the_pack_names(cases, agency, sides):
    seen = shown(cases["charged"], _api(agency))
    assert seen.petition_texts == sides
    assert seen.free_text  # the rest of the record's free text, as before


def test_the_court_reads_every_sides_petitions_and_a_sexual_violence_case_none_for_agencies(
    cases,
):
    staff = Audience(kind="staff", roles=frozenset({"clerk"}))
    assert set(shown(cases["charged"], staff).petition_texts) == {
        "accused_side",
        "victim_side",
        "no_side",
    }
    assert not shown(cases["sexual"], _api("prosecution")).free_text  # no text at all there
