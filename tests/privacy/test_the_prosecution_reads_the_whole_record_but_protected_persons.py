"""The prosecution, a party to the case, reads its whole record on the portal (rule
``prosecution_party``): names, identity documents, dates of birth and free text, and so
the court's reasons on either side's petitions; protected persons, and the victim of a
sexual offence, stay pseudonyms on this channel; a sealed or expunged case is gone. The
victim of the same case reads none of that."""

from __future__ import annotations

from typing import Any

import pytest

from expediente.access.disclosure import Audience, CaseView, case_facts, resolve
from expediente.rules.loader import load_pack

pytestmark = pytest.mark.django_db

PROSECUTION = Audience(kind="participant", roles=frozenset({"prosecutor"}), participant="P9")
VICTIM = Audience(kind="participant", roles=frozenset({"victim"}), participant="P2")
WHOLE = ("identifiers", "birth_dates", "free_text")


def shown(case: Any, audience: Audience) -> Any:
    pack = load_pack(case.court.rule_pack)
    return resolve(pack, audience, case_facts(case, pack))


def test_she_reads_documents_birth_dates_and_free_text_the_victim_does_not(cases):
    mine, hers = shown(cases["charged"], PROSECUTION), shown(cases["charged"], VICTIM)
    assert [getattr(mine, c) for c in WHOLE] == [True, True, True]
    assert [getattr(hers, c) for c in WHOLE] == [False, False, False]
    assert (mine.accused_name, mine.victim_names, mine.other_names) == ("full",) * 3
    assert "prosecution_party" in mine.rules


def test_protected_persons_and_a_sexual_offences_victim_stay_pseudonyms(cases):
    assert shown(cases["charged"], PROSECUTION).protected_names == "pseudonym"
    sexual = shown(cases["sexual"], PROSECUTION)
    assert sexual.victim_names == "pseudonym"
    assert not sexual.free_text  # the record's text names her: read at the court
    assert shown(cases["charged"], PROSECUTION).victim_names == "full"


def test_she_reads_the_courts_reasons_on_either_sides_petitions(cases):
    case = cases["charged"]
    pack = load_pack(case.court.rule_pack)
    facts = case_facts(case, pack)
    mine = CaseView(case, PROSECUTION, resolve(pack, PROSECUTION, facts), facts, pack)
    hers = CaseView(case, VICTIM, resolve(pack, VICTIM, facts), facts, pack)
    for petitioner in ("P1", "P2"):  # the accused's habeas corpus, the victim's protection
        assert mine.reads_petition_reasons(petitioner)
    assert hers.reads_petition_reasons("P2")
    assert not hers.reads_petition_reasons("P1")


def test_a_sealed_or_expunged_case_is_gone_for_her_as_for_every_participant(cases):
    assert not shown(cases["sealed"], PROSECUTION).case
    assert not shown(cases["expunged"], PROSECUTION).case
