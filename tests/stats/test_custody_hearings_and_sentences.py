"""Custodial and non-custodial measures: custody hearing outcomes and sentences."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.stats.indicators import measures as me
from expediente.stats.indicators.rows import DecisionRow
from tests.stats.helpers import YEAR, at

H, V = me.HEARING, me.VERDICT
ROWS = [
    DecisionRow(H, at("2024-01-05"), "pretrial_detention", None),
    DecisionRow(H, at("2024-02-05"), "pretrial_detention", None),
    DecisionRow(H, at("2024-03-05"), "alternative_measures", None),
    DecisionRow(H, at("2024-04-05"), "released", None),
    DecisionRow(H, at("2023-04-05"), "released", None),  # before the period
    DecisionRow(V, at("2024-05-05"), "convicted", True),
    DecisionRow(V, at("2024-05-06"), "partly_convicted", False),
    DecisionRow(V, at("2024-05-07"), "convicted", None),
    DecisionRow(V, at("2024-05-08"), "acquitted", None),  # not a sentence
]


def test_hand_counts() -> None:
    assert me.hearing_outcomes(ROWS, YEAR) == {
        ("pretrial_detention",): 2,
        ("alternative_measures",): 1,
        ("released",): 1,
    }
    assert me.pretrial_detention_share(ROWS, YEAR).value == pytest.approx(50.0)
    assert me.sentence_kinds(ROWS, YEAR) == {
        ("custodial",): 1,
        ("non_custodial",): 1,
        ("not_recorded",): 1,
    }


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(me.HEARING_OUTCOMES), max_size=40))
def test_the_share_is_detention_orders_over_hearings(outcomes) -> None:  # type: ignore[no-untyped-def]
    rows = [DecisionRow(H, at("2024-06-01"), o, None) for o in outcomes]
    share = me.pretrial_detention_share(rows, YEAR)
    if outcomes:
        assert share.value == pytest.approx(
            outcomes.count("pretrial_detention") / len(outcomes) * 100
        )
    else:
        assert share.value is None
    assert sum(me.hearing_outcomes(rows, YEAR).values()) == len(outcomes)
