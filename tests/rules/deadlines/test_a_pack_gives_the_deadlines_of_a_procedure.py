"""``rules_for`` picks the pack's deadlines for a procedure; ``compute_for_pack`` runs
them all on one subject's facts with the pack's calendar and version."""

from __future__ import annotations

import datetime as dt

from expediente.rules.deadlines import Fact, compute_for_pack, rules_for
from expediente.rules.loader import load_pack
from tests.rules.deadlines.helpers import cr_at


def legal(rules):  # type: ignore[no-untyped-def]
    """The rules of law (the court's own service targets, flag policy, left out)."""
    return [d.id for d in rules if d.law.flag != "policy"]


def test_costa_rica_has_five_adult_deadlines_and_three_juvenile_besides_the_baselines():
    cr = load_pack("cr")
    assert legal(rules_for(cr, "adult")) == [
        "intl.sentence_end_release",  # inherited: the release at the end of a sentence
        "cr.presentation_to_judge",
        "cr.custody_hearing_request",
        "cr.pretrial_review",
        "cr.pretrial_maximum",
        "cr.pretrial_order_term",
    ]
    assert legal(rules_for(cr, "juvenile")) == [
        "intl.sentence_end_release",
        "cr.presentation_to_judge",
        "cr.juvenile.provisional_detention",
        "cr.juvenile.non_custodial_measures",
    ]


def test_the_baseline_picks_the_presentation_rule_by_age():
    intl = load_pack("intl")
    assert legal(rules_for(intl, "juvenile")) == [
        "intl.presentation_to_judge.juvenile",
        "intl.sentence_end_release",
    ]


def test_one_detained_adult_in_costa_rica():
    facts = [
        Fact(1, "custody.arrested", cr_at(2026, 3, 14, 23, 30)),
        Fact(2, "custody.placed_before_judge", cr_at(2026, 3, 15, 10, 15)),
        Fact(3, "custody.hearing_requested", cr_at(2026, 3, 15, 16)),
        Fact(4, "custody.pretrial_ordered", cr_at(2026, 3, 16, 11), until=dt.date(2026, 9, 16)),
    ]
    got = compute_for_pack(
        load_pack("cr"), facts, subject="24-000123-0042-PE/p1", procedure="adult"
    )
    assert [(d.rule_id, d.due_on.isoformat(), d.status(cr_at(2026, 3, 17))) for d in got] == [
        ("cr.presentation_to_judge", "2026-03-15", "satisfied"),
        ("cr.custody_hearing_request", "2026-03-16", "satisfied"),
        ("cr.pretrial_review", "2026-06-16", "pending"),
        ("cr.pretrial_maximum", "2027-03-16", "pending"),
        ("cr.pretrial_order_term", "2026-09-16", "pending"),  # the date the order states
    ]
    assert {d.pack_version for d in got} == {"2026.12"}
    assert {d.subject for d in got} == {"24-000123-0042-PE/p1"}
