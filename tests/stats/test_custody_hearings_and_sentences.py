"""Custodial and non-custodial measures: custody hearing outcomes, sentences, and every
measure ordered (pretrial detention, custodial sentences, and the measures module's
precautionary measures and alternative penalties)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.stats.indicators import measures as me
from expediente.stats.indicators.rows import MEASURE_CLASS, DecisionRow, UnknownValue
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


D, M = me.DETENTION, me.MEASURE
ORDERS = [
    *ROWS,
    DecisionRow(D, at("2024-01-06"), "", None),  # pretrial detention ordered
    DecisionRow(D, at("2023-12-30"), "", None),  # before the period
    DecisionRow(M, at("2024-02-01"), "electronic_monitoring", False),
    DecisionRow(M, at("2024-02-02"), "electronic_monitoring", False),
    DecisionRow(M, at("2024-03-01"), "community_service", False),
    DecisionRow(M, at("2024-04-01"), "house_arrest", False),
]


def test_measures_ordered_custodial_and_not() -> None:
    assert me.measures_ordered(ORDERS, YEAR) == {
        ("custodial", "pretrial_detention"): 1,
        ("custodial", "custodial_sentence"): 1,  # the custodial conviction of 2024-05-05
        ("non_custodial", "electronic_monitoring"): 2,
        ("non_custodial", "community_service"): 1,
        ("non_custodial", "house_arrest"): 1,  # Tokyo Rules 8.2: non-custodial
    }
    assert me.non_custodial_share(ORDERS, YEAR).value == pytest.approx(4 / 6 * 100)


def test_a_kind_of_measure_nobody_classified_stops_the_count() -> None:
    with pytest.raises(UnknownValue, match="measure kind"):
        me.measures_ordered([DecisionRow(M, at("2024-02-01"), "exile", False)], YEAR)


kinds = st.sampled_from(sorted(MEASURE_CLASS))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(kinds, st.integers(0, 700)), max_size=40), st.integers(0, 10))
def test_every_measure_in_the_period_counts_once_in_its_class(measures, detentions) -> None:  # type: ignore[no-untyped-def]
    rows = [DecisionRow(M, at("2023-06-01") + dt.timedelta(days=d), k, False) for k, d in measures]
    rows += [DecisionRow(D, at("2024-06-01"), "", None)] * detentions
    counts = me.measures_ordered(rows, YEAR)
    inside = [k for k, d in measures if YEAR.contains(at("2023-06-01") + dt.timedelta(days=d))]
    assert sum(n for (c, _k), n in counts.items() if c == "non_custodial") == len(inside)
    share = me.non_custodial_share(rows, YEAR)
    assert counts.get(("custodial", "pretrial_detention"), 0) == detentions
    if inside:
        assert share.value == pytest.approx(len(inside) / (len(inside) + detentions) * 100)
    else:  # no non-custodial measure recorded: the orders counted, the share never 0 %
        assert share.value is None


def test_a_period_with_no_measure_recorded_is_not_zero_percent() -> None:
    """The QA finding: custody hearings ordered alternative measures and convictions were
    non-custodial, but no measure was entered (the measures module was not in use yet).
    The non-custodial share says nothing is recorded (it was 0.0 %); the measures ordered
    still count the custodial orders the records hold (until 2026-12 they said "nothing
    recorded" too, although a detention order and a custodial sentence were there)."""
    orders = [*ROWS, DecisionRow(D, at("2024-01-06"), "", None)]
    assert me.measures_ordered(orders, YEAR) == {
        ("custodial", "pretrial_detention"): 1,
        ("custodial", "custodial_sentence"): 1,
    }
    share = me.non_custodial_share(orders, YEAR)
    assert share.value is None
    assert share.basis == 0


@pytest.mark.django_db
def test_the_dashboard_says_nothing_is_recorded_rather_than_0_percent(demo, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    from expediente.measures.models import Measure
    from expediente.stats.compute import indicator_compute
    from tests.stats.conftest import TODAY, demo_scope

    scope = demo_scope("2024-01-01", "2024-12-31")
    Measure.objects.filter(imposed_at__year=2024).delete()  # the projection only, rolled back
    assert indicator_compute("hearing_outcomes", scope)  # custody hearings there are
    for engine in ("sql", "pure"):
        orders = indicator_compute("measures_ordered", scope, engine=engine)  # type: ignore[arg-type]
        assert orders
        assert all(cls == "custodial" for cls, _kind in orders)  # type: ignore[union-attr]
        share = indicator_compute("non_custodial_share", scope, engine=engine)  # type: ignore[arg-type]
        assert share.value is None  # type: ignore[union-attr]
    query = {"jurisdiction": "cr", "year": "2024"}  # the public page: a closed year
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    html = Client().get("/stats/", query, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    figure = html.split('id="fig-non_custodial_share"')[1].split("</article>")[0]
    assert "Nothing to compute from in this period." in figure
    assert 'class="headline"' not in figure
