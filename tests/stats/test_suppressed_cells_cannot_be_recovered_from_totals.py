"""Disclosure control: every cell below the threshold is hidden, and no hidden cell can
be worked out from the published cells and margins by adding and subtracting along rows
and columns. The check is independent of the algorithm: exact linear algebra over the
table's equations (a hidden cell is recoverable exactly when its unit vector lies in the
row space of the equations restricted to the hidden cells)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expediente.stats.disclosure import TOTAL, Policy, derived_ok, protect_1way, protect_2way


def _rank(rows: list[list[Fraction]]) -> int:
    m = [r[:] for r in rows]
    rank, cols = 0, len(m[0]) if m else 0
    for c in range(cols):
        pivot = next((i for i in range(rank, len(m)) if m[i][c] != 0), None)
        if pivot is None:
            continue
        m[rank], m[pivot] = m[pivot], m[rank]
        for i in range(len(m)):
            if i != rank and m[i][c] != 0:
                f = m[i][c] / m[rank][c]
                m[i] = [a - f * b for a, b in zip(m[i], m[rank], strict=True)]
        rank += 1
    return rank


def recoverable(equations: list[dict[object, int]], hidden: set[object]) -> set[object]:
    """Hidden cells whose value follows from the published ones through the equations."""
    order = sorted(hidden, key=repr)
    a = [[Fraction(eq.get(k, 0)) for k in order] for eq in equations]
    a = [row for row in a if any(row)]
    base = _rank(a) if a else 0
    out = set()
    for i, k in enumerate(order):
        unit = [Fraction(int(j == i)) for j in range(len(order))]
        if _rank([*a, unit]) == base:
            out.add(k)
    return out


def equations_2way(rows: list[str], cols: list[str]) -> list[dict[object, int]]:
    rs, cs = [*rows, TOTAL], [*cols, TOTAL]
    eqs: list[dict[object, int]] = []
    for r in rs:
        eqs.append({**{(r, c): 1 for c in cs[:-1]}, (r, TOTAL): -1})
    for c in cs:
        eqs.append({**{(r, c): 1 for r in rs[:-1]}, (TOTAL, c): -1})
    return eqs


policies = st.builds(Policy, threshold=st.integers(2, 10))
small = st.integers(0, 25)


@settings(max_examples=300, deadline=None)
@given(st.lists(small, min_size=1, max_size=8), policies)
def test_one_way_tables(values, policy) -> None:  # type: ignore[no-untyped-def]
    cells = {f"c{i}": n for i, n in enumerate(values)}
    p = protect_1way(cells, policy)
    for k, n in p.values.items():
        if policy.sensitive(n):
            assert k in p.suppressed
    eq = {**dict.fromkeys(cells, 1), TOTAL: -1}
    assert not recoverable([eq], set(p.suppressed))


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.data(), policies)
def test_two_way_tables(n_rows, n_cols, data, policy) -> None:  # type: ignore[no-untyped-def]
    rows = [f"r{i}" for i in range(n_rows)]
    cols = [f"c{j}" for j in range(n_cols)]
    cells = {(r, c): data.draw(small) for r in rows for c in cols}
    p = protect_2way(cells, rows, cols, policy)
    for k, n in p.values.items():
        if policy.sensitive(n):
            assert k in p.suppressed, k
    assert not recoverable(equations_2way(rows, cols), set(p.suppressed))


def test_a_lone_small_cell_takes_its_neighbour_with_it() -> None:
    p = protect_1way({"a": 3, "b": 10, "c": 20}, Policy())
    assert p.suppressed == {"a", "b"}  # b, the next smallest: a = 33 − 20 − b is unknown


def test_a_bridge_between_two_blocks_is_closed() -> None:
    """Hidden cells where every row and column holds two, yet one is recoverable: the
    line rule alone is not enough; the bridge check adds a cell."""
    rows, cols = ["a", "b", "c", "d"], ["w", "x", "y", "z"]
    cells = {(r, c): 50 for r in rows for c in cols}
    cells.update(
        {
            ("a", "w"): 1,
            ("a", "x"): 2,
            ("b", "w"): 3,
            ("b", "x"): 4,
            ("c", "y"): 1,
            ("c", "z"): 2,
            ("d", "y"): 3,
            ("d", "z"): 4,
            ("a", "y"): 1,
        }
    )
    p = protect_2way(cells, rows, cols, Policy())
    assert not recoverable(equations_2way(rows, cols), set(p.suppressed))


def test_rounding_shows_multiples_of_the_base() -> None:
    policy = Policy(threshold=10, rounding=5)
    p = protect_1way({"a": 12, "b": 18, "c": 33}, policy)
    assert [p.published(k, policy) for k in ("a", "b", "c", TOTAL)] == [10, 20, 35, 65]


def test_rates_on_small_counts_are_not_published() -> None:
    assert not derived_ok(numerator=3, basis=100, policy=Policy())
    assert not derived_ok(numerator=None, basis=4, policy=Policy())
    assert derived_ok(numerator=0, basis=20, policy=Policy())


@pytest.mark.parametrize("raw", [{"threshold": 0}, {"threshold": "5"}, {"rounding": 0}])
def test_a_bad_policy_is_refused_naming_the_setting(raw) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=r"threshold|rounding"):
        Policy.from_mapping(raw)
