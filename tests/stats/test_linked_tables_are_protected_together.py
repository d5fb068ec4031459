"""Figures published together are protected together: pending at the end = pending at
the start + incoming − resolved (per court and procedure), and the court and procedure
tables of one figure are margins of the same counts. No hidden cell of the release can
be worked out from everything else the release publishes: checked with exact linear
algebra (fractions) over equations built here from the counts, independently of the
algorithm."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.stats.catalogue import indicator_get
from expediente.stats.disclosure import TOTAL, Policy, protect_linked
from expediente.stats.indicators import caseflow as cf
from expediente.stats.indicators.base import Counts
from expediente.stats.indicators.rows import CaseRow
from expediente.stats.publish import release_cells
from tests.stats.helpers import YEAR, at
from tests.stats.test_suppressed_cells_cannot_be_recovered_from_totals import recoverable

FLOWS = ("pending_start", "incoming", "resolved", "pending_end")


def _release(rows: list[CaseRow], policy: Policy) -> tuple[dict[str, Counts], set[Hashable]]:
    counts = {f: getattr(cf, f)(rows, YEAR) for f in FLOWS}
    chosen = [indicator_get(f) for f in FLOWS]
    cells = release_cells(chosen, {f: c for f, c in counts.items() if c}, set(FLOWS), policy)
    hidden = protect_linked([c for table in cells.values() for c in table], policy)
    return counts, set(hidden)


def _equations(counts: dict[str, Counts]) -> tuple[list[dict[object, int]], set[object]]:
    """Unknowns: the (court, procedure) counts of pending at the start, incoming and
    resolved (zeros known); pending at the end through the identity. One equation per
    published cell: its value's unknowns minus the cell itself."""
    eqs: list[dict[object, int]] = []
    keys: set[object] = set()
    for f in FLOWS:
        indicator = indicator_get(f)
        for t, dims in enumerate(indicator.tables):
            i = indicator.dims.index(dims[0])
            cats = sorted({k[i] for k in counts[f]})
            for cat in [*cats, TOTAL]:
                cube = [k for k in counts[f] if cat in (TOTAL, k[i])]
                eq: dict[object, int] = {}
                for k in cube:
                    parts = (
                        {"pending_start": 1, "incoming": 1, "resolved": -1}
                        if f == "pending_end"
                        else {f: 1}
                    )
                    for g, a in parts.items():
                        if counts[g].get(k):
                            eq[("x", g, k)] = eq.get(("x", g, k), 0) + a
                eq[(f, t, cat)] = -1
                eqs.append(eq)
                keys.add((f, t, cat))
    return eqs, keys


@st.composite
def caseloads(draw: st.DrawFn) -> list[CaseRow]:
    out = []
    for _ in range(draw(st.integers(1, 40))):
        opened = at("2023-06-01") + dt.timedelta(days=draw(st.integers(0, 500)))
        took = draw(st.one_of(st.none(), st.integers(0, 300)))
        court, procedure = draw(
            st.sampled_from([("a", "adult"), ("b", "adult"), ("j", "juvenile")])
        )
        out.append(
            CaseRow(
                court, procedure, opened, None if took is None else opened + dt.timedelta(days=took)
            )
        )
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(caseloads(), st.integers(2, 8))
def test_no_hidden_cell_follows_from_the_linked_tables(rows, threshold) -> None:  # type: ignore[no-untyped-def]
    policy = Policy(threshold=threshold)
    counts, hidden = _release(rows, policy)
    eqs, keys = _equations(counts)
    hidden_cells = {k for k in keys if k in hidden}
    for key in keys:
        f, t, cat = key  # type: ignore[misc]
        sub = counts[f]
        dims = indicator_get(f).tables[t]
        i = indicator_get(f).dims.index(dims[0])
        value = sum(n for k, n in sub.items() if cat in (TOTAL, k[i]))
        if policy.sensitive(value):
            assert key in hidden, key
    # the published cells are known: move them to the right-hand side (drop them)
    unknown = {("x", *k[1:]) for eq in eqs for k in eq if k[0] == "x"} | hidden_cells
    reduced = [{k: a for k, a in eq.items() if k in unknown} for eq in eqs]
    # a hidden cell is recoverable when its unit vector is in the row space over unknowns
    assert not (recoverable(reduced, unknown) & hidden_cells)


def test_a_small_court_is_not_given_away_by_the_other_figures() -> None:
    """Court b has 2 cases pending at the end; hiding that cell alone would leave it
    equal to pending at the start + incoming − resolved, all published."""
    rows = [CaseRow("a", "adult", at("2023-05-01"), None) for _ in range(30)]
    rows += [CaseRow("a", "adult", at("2024-03-01"), at("2024-04-01")) for _ in range(20)]
    rows += [CaseRow("b", "adult", at("2023-05-01"), None) for _ in range(2)]
    rows += [CaseRow("b", "adult", at("2024-03-01"), at("2024-04-01")) for _ in range(20)]
    counts, hidden = _release(rows, Policy(threshold=5))
    assert counts["pending_end"] == {("a", "adult"): 30, ("b", "adult"): 2}
    assert ("pending_end", 0, "b") in hidden
    eqs, keys = _equations(counts)
    hidden_cells = {k for k in keys if k in hidden}
    unknown = {("x", *k[1:]) for eq in eqs for k in eq if k[0] == "x"} | hidden_cells
    reduced = [{k: a for k, a in eq.items() if k in unknown} for eq in eqs]
    assert not (recoverable(reduced, unknown) & hidden_cells)
    # and something else had to go with it: pending at the start of court b is also 2
    assert ("pending_start", 0, "b") in hidden


def test_a_count_two_figures_share_is_hidden_in_both() -> None:
    """QA finding 3 (Costa Rica 2025): "Convictions" hid custodial (7) and non-custodial
    (4, under 5) but published their total 11; "Measures ordered" published custodial
    sentences = 7, the same count, so non-custodial = 11 − 7 = 4. Custodial sentences are
    now one unknown in both figures: hidden in one, hidden in the other."""
    from expediente.stats.publish import release_equal

    policy = Policy(threshold=5)
    counts: dict[str, Counts] = {
        "sentence_kinds": {("custodial",): 7, ("non_custodial",): 4},
        "measures_ordered": {
            ("custodial", "pretrial_detention"): 21,
            ("custodial", "custodial_sentence"): 7,
        },
    }
    chosen = [indicator_get(f) for f in counts]
    cells = [c for table in release_cells(chosen, counts, set(counts), policy).values()
             for c in table]  # fmt: skip
    hidden = protect_linked(cells, policy, release_equal(counts))
    assert ("sentence_kinds", 0, "non_custodial") in hidden
    assert ("measures_ordered", 0, ("custodial", "custodial_sentence")) in hidden
    # independently: the unknowns are the three counts, the twin written as one
    sentences = ("measures_ordered", ("custodial", "custodial_sentence"))
    twin = {sentences: ("sentence_kinds", ("custodial",))}
    eqs: list[dict[object, int]] = []
    for c in cells:
        eq: dict[object, int] = {}
        for k, a in c.terms.items():
            eq[twin.get(k, k)] = eq.get(twin.get(k, k), 0) + a  # type: ignore[call-overload]
        eq[c.key] = -1
        eqs.append(eq)
    hidden_cells = {c.key for c in cells if c.key in hidden}
    unknown = {k for eq in eqs for k in eq if k not in {c.key for c in cells}} | hidden_cells
    reduced = [{k: a for k, a in eq.items() if k in unknown} for eq in eqs]
    assert not (recoverable(reduced, unknown) & hidden_cells)
