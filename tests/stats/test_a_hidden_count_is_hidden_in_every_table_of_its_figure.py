"""A count hidden in one table of a figure is hidden wherever it appears in the figure's
other tables (their cells, margins and totals), and its rate is withheld exactly when
what it rests on is hidden everywhere.

The QA case (Costa Rica 2025, the demo): the custody deadlines' "In time or late" and
"Court × In time or late" tables hid Late and In time, while the "Deadline × In time or
late" table, whose zeros are hidden (a zero by rule tells that every such deadline was
late), published its total row, Late 12 and In time 56, and "Custody deadlines met in
time" was withheld although it was 56 / 68. Each hidden zero was an unknown of its own
table only, so that total row looked like another count than the same margin elsewhere.

The check is independent of the algorithm: every table cell is written as the sum of the
cells of the full cross-classification (court × rule × timeliness, zeros included) it
covers; a published zero says each cell it covers is zero (no count is negative); a
hidden cell is recoverable when its sum is a published cell, the difference of two, or
any combination of the published ones (exact arithmetic with fractions)."""

from __future__ import annotations

from collections.abc import Hashable
from fractions import Fraction
from itertools import product

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.stats.catalogue import BY_ID
from expediente.stats.disclosure import TOTAL, Policy
from expediente.stats.indicators.base import Counts
from expediente.stats.indicators.deadlines import on_time_share_of
from expediente.stats.publish import Figure, Table, release_protect

COURTS = ("cartago-penal", "sj-juvenil", "sj-penal")
RULES = ("cr.presentation_to_judge", "cr.pretrial_review", "intl.release_on_order_end")
WHEN = ("late", "on_time")
COUNTS, SHARE = BY_ID["custody_deadlines_on_time"], BY_ID["on_time_share"]


def _publish(counts: Counts, policy: Policy) -> tuple[Figure, Figure]:
    results = {COUNTS.id: counts, SHARE.id: on_time_share_of(counts)}
    figure, share = release_protect([COUNTS, SHARE], results, policy)
    return figure, share


def _cells(table: Table, levels: list[list[str]]) -> dict[Hashable, frozenset[tuple[str, ...]]]:
    """Each cell of the table (margins included) as the full cross-classification's
    cells it covers."""
    index = [COUNTS.dims.index(d) for d in table.dims]
    out: dict[Hashable, frozenset[tuple[str, ...]]] = {}
    every = list(product(*levels))
    rows = [c for c, _l in table.rows] + [TOTAL]
    cols: list[str | None] = [c for c, _l in table.cols] + [TOTAL] if table.cols else [None]
    for r in rows:
        for c in cols:
            key: Hashable = r if c is None else (r, c)
            out[key] = frozenset(
                k
                for k in every
                if r in (TOTAL, k[index[0]]) and (c is None or c in (TOTAL, k[index[1]]))
            )
    return out


def _rank(vectors: list[dict[tuple[str, ...], Fraction]]) -> int:
    rows = [dict(v) for v in vectors if v]
    rank = 0
    pivots: list[tuple[tuple[str, ...], dict[tuple[str, ...], Fraction]]] = []
    for v in rows:
        for p, row in pivots:
            if v.get(p):
                f = v[p] / row[p]
                for k, a in row.items():
                    v[k] = v.get(k, Fraction(0)) - f * a
                v = {k: a for k, a in v.items() if a}
        if v:
            pivots.append((min(v), v))
            rank += 1
    return rank


def _in_span(target: frozenset[tuple[str, ...]], published: list[frozenset]) -> bool:  # type: ignore[type-arg]
    vectors = [{k: Fraction(1) for k in cell} for cell in published]
    t = {k: Fraction(1) for k in target}
    return _rank([*vectors, t]) == _rank(vectors)


def _published_and_hidden(
    figure: Figure, levels: list[list[str]]
) -> tuple[list[tuple[frozenset, int]], list[frozenset]]:  # type: ignore[type-arg]
    published, hidden = [], []
    for table in figure.tables:
        for key, cube in _cells(table, levels).items():
            if key in table.protected.suppressed:
                hidden.append(cube)
            else:
                published.append((cube, table.protected.values[key]))
    return published, hidden


counts_strategy = st.dictionaries(
    st.tuples(st.sampled_from(COURTS), st.sampled_from(RULES), st.sampled_from(WHEN)),
    st.integers(1, 14),
    min_size=1,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts_strategy, st.integers(2, 10))
def test_no_hidden_count_follows_from_the_figure_s_tables(counts: Counts, threshold: int) -> None:
    policy = Policy(threshold=threshold)
    figure, share = _publish(counts, policy)
    levels = [sorted({k[i] for k in counts}) for i in range(len(COUNTS.dims))]
    if figure.status == "suppressed":  # withheld whole: nothing of it is published
        assert not figure.tables
        assert share.status != "ok"
        return
    published, hidden = _published_and_hidden(figure, levels)
    # a published zero says that every cell it covers is zero
    zero = frozenset(k for cube, value in published if value == 0 for k in cube)
    shown = [cube - zero for cube, _v in published]
    shown += [frozenset({k}) for k in zero]
    for cube in hidden:
        target = cube - zero
        assert target, "a hidden cell is a published zero"
        assert target not in shown, "a hidden count is published in another table"
        for p, q in product(shown, repeat=2):
            assert not (q < p and p - q == target), "a hidden count is a difference"
        assert not _in_span(target, shown), "a hidden count follows from the tables"
    # the rate: withheld exactly when its numerator or denominator is hidden everywhere
    on_time = frozenset(k for k in product(*levels) if k[2] == "on_time") - zero
    everything = frozenset(product(*levels)) - zero
    known = (not on_time or _in_span(on_time, shown)) and _in_span(everything, shown)
    total = sum(counts.values())
    if (
        known
        and total >= threshold
        and not policy.sensitive(total - sum(n for k, n in counts.items() if k[2] == "late"))
    ):
        assert share.status == "ok", share.reason
    if not known:
        assert share.status == "suppressed"
        assert share.reason in ("reveals_hidden_count", "small_basis", "small_numerator")


def test_the_qa_case_hides_the_deadline_table_s_total_row_too() -> None:
    """The demo's custody deadlines of Costa Rica 2025 (late 12, in time 56)."""
    counts = {
        ("sj-juvenil", "cr.juvenile.provisional_detention", "late"): 2,
        ("cartago-penal", "cr.presentation_to_judge", "on_time"): 8,
        ("sj-juvenil", "cr.presentation_to_judge", "on_time"): 11,
        ("sj-juvenil", "cr.presentation_to_judge", "late"): 1,
        ("sj-penal", "cr.presentation_to_judge", "on_time"): 12,
        ("sj-penal", "cr.presentation_to_judge", "late"): 3,
        ("cartago-penal", "cr.pretrial_maximum", "on_time"): 1,
        ("sj-penal", "cr.pretrial_maximum", "on_time"): 2,
        ("cartago-penal", "cr.pretrial_order_term", "on_time"): 1,
        ("sj-penal", "cr.pretrial_order_term", "on_time"): 2,
        ("cartago-penal", "cr.pretrial_review", "late"): 2,
        ("sj-penal", "cr.pretrial_review", "on_time"): 4,
        ("sj-penal", "cr.pretrial_review", "late"): 4,
        ("cartago-penal", "intl.release_on_order_end", "on_time"): 2,
        ("sj-juvenil", "intl.release_on_order_end", "on_time"): 8,
        ("sj-penal", "intl.release_on_order_end", "on_time"): 5,
    }
    figure, share = _publish(counts, Policy())
    by_dims = {t.dims: t for t in figure.tables}
    one_way, by_rule = by_dims["timeliness",], by_dims["rule", "timeliness"]
    for when in WHEN:
        hidden_here = one_way.cell(when) is None
        assert hidden_here == (by_rule.cell(TOTAL, when) is None), when
    assert one_way.cell("late") is None  # hidden, as the QA saw
    assert by_rule.cell(TOTAL, "late") is None  # and no longer 12 in the total row
    assert share.status == "suppressed"
