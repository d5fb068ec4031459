"""A stock hidden at the end of one year stays hidden at the start of the next, and the
flows are protected with it: no hidden case-flow cell of any closed year can be worked
out from everything the releases of all the closed years publish together.

QA finding: 2025 published its pending at the start (14), which 2024 hid as its pending
at the end; with 2024's incoming (15) and start (14) published, 2024's hidden resolved
count followed (1). The check here is exact linear algebra (fractions) over equations
built from the counts, independently of the algorithm: unknowns are the incoming and
resolved counts of each year and the stock at the start of the first year, by court and
procedure (zeros known); pending at the start of a year is the stock carried from the
first year, pending at the end the same plus that year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.stats.catalogue import indicator_get
from expediente.stats.disclosure import TOTAL, Policy, protect_linked
from expediente.stats.indicators import caseflow as cf
from expediente.stats.indicators.base import Counts
from expediente.stats.indicators.rows import CaseRow
from expediente.stats.period import Period
from expediente.stats.publish import Figure, release_cells, release_publish
from expediente.stats.scope import scope_public
from expediente.stats.years import CHAINED, chained_unknowns, rekey, year_counts
from tests.stats.helpers import UTC, at
from tests.stats.test_suppressed_cells_cannot_be_recovered_from_totals import recoverable

NOW = dt.date(2026, 1, 15)  # 2025 closed: the demo's last year is published too


def _expression(f: str, year: int, k: tuple[str, ...], by_year: dict[int, dict[str, Counts]]):  # type: ignore[no-untyped-def]
    """The count of figure ``f`` in ``year`` for (court, procedure) ``k`` over the
    chain's unknowns (a zero count is known, and so has no unknown)."""
    first = min(by_year)

    def flow(g: str, y: int) -> dict[object, int]:
        return {("x", g, y, k): 1} if by_year[y][g].get(k) else {}

    out: dict[object, int] = {}

    def add(part: dict[object, int], sign: int) -> None:
        for u, a in part.items():
            out[u] = out.get(u, 0) + sign * a

    if f in ("incoming", "resolved"):
        add(flow(f, year), 1)
        return out
    if by_year[first]["pending_start"].get(k):
        add({("x", "start", first, k): 1}, 1)
    last = year if f == "pending_end" else year - 1
    for y in range(first, last + 1):
        add(flow("incoming", y), 1)
        add(flow("resolved", y), -1)
    return {u: a for u, a in out.items() if a}


def _check(
    by_year: dict[int, dict[str, Counts]], published: dict[tuple[int, str, int, str], int | None]
) -> set[Hashable]:
    """The hidden cells (value None) recoverable from the published ones."""
    eqs: list[dict[object, int]] = []
    for (year, f, t, cat), _value in published.items():
        indicator = indicator_get(f)
        i = indicator.dims.index(indicator.tables[t][0])
        eq: dict[object, int] = {}
        for k in by_year[year][f]:
            if cat in (TOTAL, k[i]):
                for u, a in _expression(f, year, k, by_year).items():
                    eq[u] = eq.get(u, 0) + a
        eq[("cell", year, f, t, cat)] = -1
        eqs.append(eq)
    hidden = {("cell", *key) for key, value in published.items() if value is None}
    unknowns = {u for eq in eqs for u in eq if u[0] == "x"}  # type: ignore[index]
    return recoverable(eqs, hidden | unknowns) & hidden  # type: ignore[arg-type, operator]


def _cells_of(by_year: dict[int, dict[str, Counts]], year: int, figures: dict[str, Figure]):  # type: ignore[no-untyped-def]
    """Every case-flow table cell of a year's release: its published value or None."""
    out: dict[tuple[int, str, int, str], int | None] = {}
    for f in CHAINED:
        cube = by_year[year][f]
        if not cube:
            continue
        indicator = indicator_get(f)
        figure = figures[f]
        for t, dims in enumerate(indicator.tables):
            i = indicator.dims.index(dims[0])
            for cat in [*sorted({k[i] for k in cube}), TOTAL]:
                value = None
                if figure.status == "ok":
                    value = figure.tables[t].cell(cat)
                out[year, f, t, cat] = value
    return out


@pytest.fixture
def after_2025(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: NOW)


@pytest.mark.parametrize("threshold", [3, 5, 10])
def test_no_hidden_case_flow_of_any_closed_year_follows_from_the_others(  # type: ignore[no-untyped-def]
    demo, after_2025, threshold
) -> None:
    """Each year protected on its own leaked at thresholds 2 to 9 on the demo: 2024's
    hidden stock shown at the start of 2025, or a court with nothing pending at the end
    of 2023 (no row) whose flows then gave the year's hidden resolved total back."""
    policy = Policy(threshold=threshold)
    scopes = {y: scope_public(jurisdiction="cr", year=str(y)) for y in range(2022, 2026)}
    by_year = {y: year_counts(s, y) for y, s in scopes.items()}
    by_year = {y: c for y, c in by_year.items() if any(c.values()) or y > min(by_year)}
    published: dict[tuple[int, str, int, str], int | None] = {}
    for year in by_year:
        figures = {f.indicator.id: f for f in release_publish(scopes[year], policy)}
        published |= _cells_of(by_year, year, figures)
    assert any(v is None for v in published.values()), "the demo has hidden case flows"
    assert not _check(by_year, published)


def test_a_stock_hidden_at_the_end_of_a_year_is_hidden_at_the_start_of_the_next(
    demo, after_2025
) -> None:  # type: ignore[no-untyped-def]
    policy = Policy(threshold=5)
    ends, starts = {}, {}
    for year in (2024, 2025):
        scope = scope_public(jurisdiction="cr", year=str(year))
        figures = {f.indicator.id: f for f in release_publish(scope, policy)}
        for t in (0, 1):  # by court, by procedure
            for f, into in (("pending_end", ends), ("pending_start", starts)):
                fig = figures[f]
                for code, _label in fig.tables[t].rows if fig.status == "ok" else []:
                    into[year, t, code] = fig.tables[t].cell(code)
    for (year, t, code), value in ends.items():
        if year == 2024 and (2025, t, code) in starts:
            assert (value is None) == (starts[2025, t, code] is None), (t, code)


# -- on generated caseloads, the chain alone (pure rows, several years)

YEARS = (2022, 2023, 2024)


def _period(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), UTC)


@st.composite
def caseloads(draw: st.DrawFn) -> list[CaseRow]:
    out = []
    for _ in range(draw(st.integers(1, 30))):
        opened = at("2022-01-01") + dt.timedelta(days=draw(st.integers(0, 1090)))
        took = draw(st.one_of(st.none(), st.integers(0, 400)))
        court, procedure = draw(
            st.sampled_from([("a", "adult"), ("b", "adult"), ("j", "juvenile")])
        )
        ended = None if took is None else opened + dt.timedelta(days=took)
        out.append(CaseRow(court, procedure, opened, ended))
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(caseloads(), st.integers(2, 10))
def test_the_chain_leaves_no_hidden_cell_recoverable_on_generated_caseloads(
    rows, threshold
) -> None:  # type: ignore[no-untyped-def]
    policy = Policy(threshold=threshold)
    by_year = {y: {f: getattr(cf, f)(rows, _period(y)) for f in CHAINED} for y in YEARS}
    unknowns = chained_unknowns(by_year)
    flows = [indicator_get(f) for f in CHAINED]
    cells = []
    for y in YEARS:
        counts = {f: c for f, c in by_year[y].items() if c}
        layout = release_cells(flows, counts, set(CHAINED), policy, unknowns=unknowns[y])
        cells += rekey(y, [c for cs in layout.values() for c in cs])
    hidden = protect_linked(cells, policy)
    for c in cells:
        if c.sensitive(policy):
            assert c.key in hidden
    published: dict[tuple[int, str, int, str], int | None] = {}
    for c in cells:
        year, f, t, cat = c.key  # type: ignore[misc]
        published[year, f, t, cat] = None if c.key in hidden else c.value
    assert not _check(by_year, published)
