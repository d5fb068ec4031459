"""Every breakdown lists its full category list in every period (sex, age status,
citizenship, the ICCS sections of the catalogue), and a category nobody is in gets a
zero that disclosure control treats as any small count.

The QA case (Costa Rica 2024): "ICCS section × Sex" had only the columns "Male | Total"
("Total 10 10") and "Citizenship" only "National 10, Total 10": no female or foreign row
at all, so the page said that all ten were men and nationals, which the hidden zeros are
there to keep from saying.

The recovery check is independent of the algorithm: each table cell is the set of cells
of the full cross-classification it covers; a published zero says each is zero; a hidden
cell must not follow from the published ones (exact arithmetic with fractions), nor may
two or more hidden zeros of a row, a column or a one-way table add up to a published
combination (no count is negative, so each would be known to be 0)."""

from __future__ import annotations

from collections.abc import Hashable
from fractions import Fraction
from itertools import combinations, product

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.stats.catalogue import BY_ID
from expediente.stats.disclosure import TOTAL, Policy
from expediente.stats.indicators.base import Counts
from expediente.stats.publish import FULL, Figure, Table, full_levels, release_protect

CONVICTED = BY_ID["convicted"]
SECTIONS = FULL["section"]


def _publish(counts: Counts, policy: Policy | None = None) -> Figure:
    return release_protect([CONVICTED], {CONVICTED.id: counts}, policy or Policy())[0]


def _table(figure: Figure, dims: tuple[str, ...]) -> Table:
    return next(t for t in figure.tables if t.dims == dims)


def test_ten_men_nationals_are_not_shown_as_all_men_and_nationals() -> None:
    figure = _publish({("02", "male", "adult", "national"): 10})
    assert figure.status == "ok"
    by_sex = _table(figure, ("section", "sex"))
    assert [c for c, _l in by_sex.cols] == ["female", "male"]
    assert [c for c, _l in by_sex.rows] == list(SECTIONS)
    # female 0 is hidden as a small count, and male with it (10 − 0 would give it back)
    assert by_sex.cell(TOTAL, "female") is None
    assert by_sex.reason(TOTAL, "female") == "small_count"
    assert by_sex.cell(TOTAL, "male") is None
    assert by_sex.cell(TOTAL, TOTAL) == 10
    # a section nobody was convicted under says so, zeros and all: nobody to tell about
    assert (by_sex.cell("05", "female"), by_sex.cell("05", "male"), by_sex.cell("05", TOTAL)) == (
        0,
        0,
        0,
    )
    citizenship = _table(figure, ("citizenship",))
    assert [c for c, _l in citizenship.rows] == ["foreign", "national"]
    assert citizenship.cell("foreign") is None
    assert citizenship.cell("national") is None
    assert citizenship.cell(TOTAL) == 10
    age = _table(figure, ("age_status",))
    assert [c for c, _l in age.rows] == ["adult", "juvenile"]
    assert age.cell("juvenile") is None
    assert age.cell("adult") is None


def test_two_hidden_zeros_of_a_row_do_not_add_up_to_a_published_zero() -> None:
    # "female 12, male 20, other x, not recorded x, total 32": other + not recorded = 0,
    # so each is 0; one more cell of the row is hidden
    counts = {
        ("01", "female", "adult", "national"): 12,
        ("01", "male", "adult", "national"): 20,
        ("02", "other", "adult", "national"): 15,
        ("02", "unknown", "adult", "national"): 15,
        ("02", "female", "adult", "national"): 15,
        ("02", "male", "adult", "national"): 15,
    }
    by_sex = _table(_publish(counts), ("section", "sex"))
    row = {c: by_sex.cell("01", c) for c in ("female", "male", "other", "unknown", TOTAL)}
    assert row["other"] is None
    assert row["unknown"] is None
    assert None in (row["female"], row["male"], row[TOTAL])


def _cells(table: Table, levels: list[list[str]]) -> dict[Hashable, frozenset[tuple[str, ...]]]:
    index = [CONVICTED.dims.index(d) for d in table.dims]
    every = list(product(*levels))
    rows = [c for c, _l in table.rows] + [TOTAL]
    cols: list[str | None] = [c for c, _l in table.cols] + [TOTAL] if table.cols else [None]
    out: dict[Hashable, frozenset[tuple[str, ...]]] = {}
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
    rank = 0
    pivots: list[tuple[tuple[str, ...], dict[tuple[str, ...], Fraction]]] = []
    for v in (dict(v) for v in vectors if v):
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


def _lines(key: Hashable) -> list[Hashable]:
    return [("row", key[0]), ("column", key[1])] if isinstance(key, tuple) else [("table",)]


counts_strategy = st.dictionaries(
    st.tuples(
        st.sampled_from(("01", "02", "05")),
        st.sampled_from(("female", "male", "other")),
        st.sampled_from(("adult", "juvenile")),
        st.sampled_from(("national", "foreign", "stateless")),
    ),
    st.integers(1, 14),
    min_size=1,
    max_size=8,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts_strategy, st.integers(2, 10))
def test_no_hidden_cell_follows_from_the_published_ones(counts: Counts, threshold: int) -> None:
    figure = _publish(counts, Policy(threshold=threshold))
    if figure.status == "suppressed":
        assert not figure.tables
        return
    levels = [full_levels(d, {k[i] for k in counts}) for i, d in enumerate(CONVICTED.dims)]
    published: list[tuple[frozenset, int]] = []  # type: ignore[type-arg]
    hidden: list[tuple[Hashable, frozenset, int]] = []  # type: ignore[type-arg]
    for t, table in enumerate(figure.tables):
        for key, cube in _cells(table, levels).items():
            value = table.protected.values[key]
            if key in table.protected.suppressed:
                hidden.append(((t, key), cube, value))
            else:
                published.append((cube, value))
    zero = frozenset(k for cube, value in published if value == 0 for k in cube)
    shown = [{k: Fraction(1) for k in cube - zero} for cube, _v in published]
    shown += [{k: Fraction(1)} for k in zero]
    base = _rank(shown)

    def follows(target: frozenset) -> bool:  # type: ignore[type-arg]
        return _rank([*shown, {k: Fraction(1) for k in target}]) == base

    for _key, cube, _value in hidden:
        assert cube - zero, "a hidden cell is a published zero"
        assert not follows(cube - zero), "a hidden count follows from the tables"
    by_line: dict[Hashable, list[frozenset]] = {}  # type: ignore[type-arg]
    for (t, key), cube, value in hidden:
        if value == 0:
            for line in _lines(key):
                by_line.setdefault((t, line), []).append(cube - zero)
    for zeros in by_line.values():
        for size in range(2, min(len(zeros), 4) + 1):
            for group in combinations(zeros, size):
                union = frozenset().union(*group)
                assert not follows(union), "hidden zeros add up to a published zero"
