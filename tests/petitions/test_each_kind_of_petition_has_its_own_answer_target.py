"""Each kind of petition has its own answer target, with the standard that kind serves:
a victim's request for protection is answered within 24 hours under the Belém do Pará
Convention and the UN Victims Declaration, not under the habeas corpus articles; a
request for information does not rest on them either. Every target stays the court's
(flag policy), and every kind has exactly one, in every shipped pack (Colombia's law
replaces the habeas corpus target with its own 36 hours)."""

from __future__ import annotations

import datetime as dt

import pytest

from expediente.custody.models import Deadline
from expediente.petitions.answer_rules import answer_rule_ids
from expediente.petitions.models import Kind
from expediente.rules.loader import load_pack

HABEAS_CORPUS_ARTICLES = ("7(6)", "9(4)")
FILED = "petition.filed"


def answer_of(case, filed) -> Deadline:  # type: ignore[no-untyped-def]
    return Deadline.objects.get(
        case=case, start_seq=filed.event.seq, rule_id__in=answer_rule_ids("cr")
    )


def test_a_request_for_protection_is_answered_within_24_hours_under_belem_do_para(  # type: ignore[no-untyped-def]
    detained, file
):
    filed = file(detained, ago=2, kind="protective_measure", petitioner="P2")
    answer = answer_of(detained, filed)
    assert answer.rule_id == "intl.petition_answer.protection"
    assert answer.due_at - filed.event.occurred_at == dt.timedelta(hours=24)
    assert answer.law["flag"] == "policy"
    assert "Belém do Pará" in answer.law["text"]
    assert "7(d), 7(f)" in answer.law["article"]
    assert "40/34" in answer.law["text"]
    assert not any(a in answer.law["article"] for a in HABEAS_CORPUS_ARTICLES)
    assert "Convención de Belém do Pará" in answer.explain("es")
    assert "court's service target, not a legal time limit" in answer.explain("en")


def test_a_request_for_information_does_not_rest_on_the_habeas_corpus_articles(  # type: ignore[no-untyped-def]
    detained, file
):
    filed = file(detained, ago=2, kind="information_request", petitioner="P2")
    answer = answer_of(detained, filed)
    assert answer.rule_id == "intl.petition_answer.information"
    assert answer.due_at - filed.event.occurred_at == dt.timedelta(hours=48)
    assert answer.law["flag"] == "policy"
    for lang in ("es", "en", "pt", "fr"):
        said = answer.explain(lang)
        assert not any(a in said for a in HABEAS_CORPUS_ARTICLES), (lang, said)
        assert "Habeas" not in said
        assert "Hábeas" not in said
    assert "without delay" not in answer.explain("en")  # no law's words to quote


def test_a_habeas_corpus_is_answered_within_24_hours_and_a_review_within_48(  # type: ignore[no-untyped-def]
    detained, file
):
    habeas = answer_of(detained, file(detained, ago=3, kind="habeas_corpus"))
    review = answer_of(detained, file(detained, ago=2, kind="detention_review"))
    assert (habeas.rule_id, review.rule_id) == (
        "intl.petition_answer.habeas_corpus",
        "intl.petition_answer",
    )
    assert habeas.due_at - habeas.start_at == dt.timedelta(hours=24)
    assert review.due_at - review.start_at == dt.timedelta(hours=48)
    for d in (habeas, review):
        assert all(a in d.law["article"] for a in HABEAS_CORPUS_ARTICLES)
        assert "without delay" in d.explain("en")


@pytest.mark.parametrize("pack_id", ["intl", "cr", "br", "cl", "co"])
def test_every_kind_has_exactly_one_answer_deadline_and_each_is_the_courts_target(
    pack_id: str,
) -> None:
    pack = load_pack(pack_id)
    rules = [r for r in pack.deadlines if r.id in answer_rule_ids(pack_id)]
    for kind in Kind.values:
        starting = [r for r in rules if r.opens_at(FILED, {"kind": kind})]
        assert len(starting) == 1, (pack_id, kind, [r.id for r in starting])
        [rule] = starting
        if rule.id.startswith("intl."):
            assert rule.law.flag == "policy", rule.id
            assert rule.effect == "alert", rule.id
    if pack_id == "co":  # the law's 36 hours replace the court's target
        [habeas] = [r for r in rules if r.opens_at(FILED, {"kind": "habeas_corpus"})]
        assert habeas.id == "co.habeas_corpus_decision"
