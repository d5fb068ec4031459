"""What may be published of an indicator for a scope: its tables after disclosure
control, or its value when the counts behind it are large enough. Everything the
dashboard shows and the exports write goes through ``figure_publish``."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import product
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy

from expediente.stats.compute import indicator_compute, release
from expediente.stats.disclosure import (
    TOTAL,
    Cell,
    Policy,
    Protected,
    derived_ok,
    protect_linked,
    table_lines,
)
from expediente.stats.indicators.base import Counts, Derived, Indicator, margin
from expediente.stats.indicators.rows import UnknownValue
from expediente.stats.labels import dim_label, value_label
from expediente.stats.scope import Scope
from expediente.stats.years import CHAINED, chain_years, chained_unknowns, rekey, year_counts


def policy_for(jurisdiction_code: str) -> Policy:
    """The jurisdiction's disclosure policy: settings.EXPEDIENTE_DISCLOSURE[code]
    (``{"threshold": 10, "rounding": 5}``), else its "default" entry, else ``Policy()``:
    a threshold of 10, zeros sensitive in the tables of persons by sex, age status or
    citizenship (docs/statistics.md, "Disclosure control")."""
    configured = getattr(settings, "EXPEDIENTE_DISCLOSURE", {})
    raw = configured.get(jurisdiction_code) or configured.get("default")
    return Policy.from_mapping(raw) if raw else Policy()


@dataclass
class Table:
    dims: tuple[str, ...]
    rows: list[tuple[str, str]]  # (code, label)
    cols: list[tuple[str, str]]  # empty for a one-way table
    protected: Protected
    policy: Policy

    def cell(self, row: str, col: str | None = None) -> int | None:
        key = row if not self.cols else (row, col)
        return self.protected.published(key, self.policy)

    def suppressed(self, row: str, col: str | None = None) -> bool:
        key = row if not self.cols else (row, col)
        return key in self.protected.suppressed

    def reason(self, row: str, col: str | None = None) -> str:
        """Why a cell is hidden, as a code of ``REASONS`` ("" when it is published):
        ``small_count`` for a count too small to show, ``protects_another`` for a cell
        hidden only so that another hidden cell cannot be worked out."""
        key = row if not self.cols else (row, col)
        if key not in self.protected.suppressed:
            return ""
        return "small_count" if key in self.protected.primary else "protects_another"

    @property
    def title(self) -> str:
        return " × ".join(dim_label(d) for d in self.dims)

    @property
    def total(self) -> int | None:
        return self.cell(TOTAL, TOTAL if self.cols else None)

    def lines(self) -> list[dict[str, object]]:
        """Rows for templates and exports: label, cells (published or None), total."""
        out: list[dict[str, object]] = []
        for code, label in [*self.rows, (TOTAL, str(gettext_lazy("Total")))]:
            if self.cols:
                cells = [self.cell(code, c) for c, _l in self.cols]
                marks = [(self.cell(code, c), self.reason(code, c)) for c, _l in self.cols]
                total = (self.cell(code, TOTAL), self.reason(code, TOTAL))
            else:
                cells, marks, total = [], [], (self.cell(code), self.reason(code))
            out.append(
                {
                    "code": code,
                    "label": label,
                    "cells": cells,
                    "total": total[0],
                    # (value, reason code) for the page: a hidden cell says why
                    "marks": marks,
                    "total_mark": total,
                }
            )
        return out


# Why a figure or a cell has no value: a code that the downloads write as it is, whatever
# the reader's language, and its words, in the reader's language (or a download's ``lang``).
REASONS: dict[str, Any] = {
    "small_count": gettext_lazy(
        "Not published: too few cases or persons to show without identifying anyone."
    ),
    "protects_another": gettext_lazy(
        "Not published: hidden so that another hidden figure cannot be worked out from "
        "the published ones."
    ),
    "small_basis": gettext_lazy("Not published: it rests on fewer than %(k)s cases or persons."),
    "small_numerator": gettext_lazy(
        "Not published: what it counts is fewer than %(k)s, too few to show without "
        "identifying anyone."
    ),
    "reveals_hidden_count": gettext_lazy(
        "Not published: with the published counts it would reveal a count hidden to "
        "protect identities."
    ),
    "nothing_recorded": gettext_lazy("Nothing recorded in this period."),
    "nothing_to_compute": gettext_lazy("Nothing to compute from in this period."),
    "zero_denominator": gettext_lazy("Undefined: its denominator is zero."),
    "not_in_records": gettext_lazy("Not computable from these records: %(why)s."),
    "not_classified": gettext_lazy(
        "Not computable from these records: the %(what)s “%(value)s” is not classified."
    ),
}


def reason_text(code: str, args: Mapping[str, object] | None = None) -> str:
    """The words for a reason code in the active language ("" for none)."""
    if not code:
        return ""
    return str(REASONS[code]) % {k: str(v) for k, v in (args or {}).items()}


@dataclass
class Figure:
    indicator: Indicator
    status: str  # ok, no_data, undefined, suppressed, not_computable
    reason: str = ""  # a code of REASONS when there is no value
    value: float | None = None
    basis: int = 0
    tables: list[Table] = field(default_factory=list)
    args: dict[str, object] = field(default_factory=dict)  # the reason's parameters

    @property
    def message(self) -> str:
        """The reason in the active language."""
        return reason_text(self.reason, self.args)


# Linked figures: pending at the end = pending at the start + incoming − resolved, cell by
# cell of the (court, procedure) counts (a property test checks the identity).
IDENTITIES: dict[str, dict[str, int]] = {
    "pending_end": {"pending_start": 1, "incoming": 1, "resolved": -1},
}
# The counts a rate rests on: (indicator, dimension of its margin cells, None: its total).
# A rate is withheld when one of them is hidden: with its denominator it would give them.
RESTS_ON: dict[str, tuple[tuple[str, str | None], ...]] = {
    "clearance_rate": (("resolved", None), ("incoming", None)),
    "case_turnover": (("resolved", None), ("pending_end", None)),
    "disposition_time": (("resolved", None), ("pending_end", None)),
    "unsentenced_share": (("held_on_day", "status"),),
    "share_within_limit": (("arrests_by_limit", "limit"),),
    "pretrial_detention_share": (("hearing_outcomes", "outcome"),),
    "non_custodial_share": (("measures_ordered", "measure_class"),),
    "not_held_share": (("hearings_not_held", "hearing_result"),),
    "first_setting_share": (("trial_date_certainty", "trial_settings"),),
    "on_time_share": (("custody_deadlines_on_time", "timeliness"),),
}
# Counts that two figures publish under different names, by definition the same number:
# each conviction with a custodial sentence is a measure ordered (custodial, custodial
# sentence) and a conviction (custodial). A reader who sees one knows the other, so they
# are protected as one (QA finding 3: measures ordered published the custodial sentences
# that "Convictions" hid, and its total gave the hidden non-custodial count back).
EQUAL: tuple[tuple[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...]]], ...] = (
    (("measures_ordered", ("custodial", "custodial_sentence")), ("sentence_kinds", ("custodial",))),
)
Result = Counts | Derived | Figure


def full_levels(dim: str, seen: Iterable[str]) -> list[str]:
    """The categories of a dimension a table lists: those seen, and every category of
    ``FULL`` for it, in every period. A category left out because nobody is in it says
    what a hidden zero hides ("Male 10, Total 10": all ten are men); listed, its zero
    goes through disclosure control as any small count does."""
    return sorted(set(seen) | set(FULL.get(dim, ())))


def _full_sections() -> tuple[str, ...]:
    from expediente.stats import iccs

    return tuple(sorted(c.code for c in iccs.categories().values() if c.level == 1))


# The categories listed in every table of a dimension, whatever the period holds: the
# persons' characteristics whose absence would tell (sex, age status, citizenship), and
# the ICCS sections of the catalogue. The residual categories (sex other or not recorded,
# stateless, citizenship not recorded, no charge, not mapped) are listed when they occur.
FULL: dict[str, tuple[str, ...]] = {
    "sex": ("female", "male"),
    "age_status": ("adult", "juvenile"),
    "citizenship": ("national", "foreign"),
    "section": _full_sections(),
}


def release_equal(counts: Mapping[str, Counts]) -> list[tuple[Hashable, Hashable]]:
    """The unknowns of ``EQUAL`` both in the release (each figure's count of a key is the
    unknown (figure, key), as in ``release_cells``). A declared pair whose counts differ
    is not the same count (a definition changed): it is left out rather than assumed."""
    out: list[tuple[Hashable, Hashable]] = []
    for (fa, ka), (fb, kb) in EQUAL:
        a, b = counts.get(fa, {}).get(ka), counts.get(fb, {}).get(kb)
        if a and a == b:
            out.append(((fa, ka), (fb, kb)))
    return out


def figure_publish(indicator: Indicator, scope: Scope, policy: Policy | None = None) -> Figure:
    """One figure on its own (its tables protected together). A page or a file that
    publishes several figures uses ``release_publish``, which protects them jointly."""
    return release_publish(scope, policy, [indicator])[0]


def release_publish(
    scope: Scope,
    policy: Policy | None = None,
    indicators: list[Indicator] | None = None,
    *,
    progress: Callable[[int, int, Indicator], None] | None = None,
) -> list[Figure]:
    """Every figure published together for a scope (the dashboard, the CSV and SDMX-CSV
    files, ``stats export``), with disclosure control applied to all of their tables at
    once: no hidden cell can be worked out from the other tables of the release."""
    from expediente.stats.catalogue import INDICATORS

    policy = policy or policy_for(scope.jurisdiction.code)
    chosen = list(INDICATORS if indicators is None else indicators)
    results: dict[str, Result] = {}
    with release():  # the figures share the counts they rest on
        for n, indicator in enumerate(chosen, start=1):
            if progress:
                progress(n, len(chosen), indicator)
            results[indicator.id] = _compute(indicator, scope)
    courts = {c.code: c.name for c in scope.courts}
    return release_protect(chosen, results, policy, courts, _years_chain(scope, chosen, policy))


def release_protect(
    chosen: list[Indicator],
    results: Mapping[str, Result],
    policy: Policy,
    courts: Mapping[str, str] | None = None,
    chained: tuple[frozenset[str], frozenset[Hashable]] = (frozenset(), frozenset()),
) -> list[Figure]:
    """The figures of a release from their computed results, disclosure control applied
    to all of their tables at once (pure: no database). ``chained``: the figures
    protected with the other years (``_years_chain``), and their cells hidden."""
    counts = {i.id: r for i in chosen if isinstance(r := results[i.id], dict) and r and i.tables}
    usable = {i for i, r in results.items() if isinstance(r, dict)}
    layout = release_cells(chosen, counts, usable, policy)
    cells = [c for cells in layout.values() for c in cells]
    linked, hidden_chained = chained
    hidden = (
        protect_linked(
            [c for c in cells if c.key[0] not in linked],  # type: ignore[index]
            policy,
            release_equal(counts),
            release_lines,
        )
        | hidden_chained
    )
    figures: dict[str, Figure] = {}
    for indicator in chosen:
        result = results[indicator.id]
        if isinstance(result, Figure):
            figures[indicator.id] = result
        elif isinstance(result, dict):
            figures[indicator.id] = _counts(
                indicator, result, layout, hidden, policy, dict(courts or {})
            )
    for indicator in chosen:  # rates after the counts they rest on
        result = results[indicator.id]
        if isinstance(result, Derived):
            figures[indicator.id] = _derived(indicator, result, policy, figures)
    return [figures[i.id] for i in chosen]


def _years_chain(
    scope: Scope, chosen: list[Indicator], policy: Policy
) -> tuple[frozenset[str], frozenset[Hashable]]:
    """The case flows protected with every closed year's (``stats.years``): the
    indicators so protected, and their cells hidden in this year. Nothing when the
    release is not of a calendar year or does not publish the four flows."""
    from expediente.stats.catalogue import BY_ID

    if not set(CHAINED) <= {i.id for i in chosen}:
        return frozenset(), frozenset()
    years = chain_years(scope)
    if not years:
        return frozenset(), frozenset()
    flows = [BY_ID[ident] for ident in CHAINED]
    by_year = {y: year_counts(scope, y) for y in years}
    unknowns = chained_unknowns(by_year)
    cells: list[Cell] = []
    for y in years:
        counts = {ident: c for ident, c in by_year[y].items() if c}
        layout = release_cells(flows, counts, set(CHAINED), policy, unknowns=unknowns[y], tag=y)
        cells += rekey(y, [c for cs in layout.values() for c in cs])
    year = scope.period.start.year
    hidden = protect_linked(
        cells,
        policy,
        lines=lambda k: [(k[0], line) for line in release_lines(k[1:])],  # type: ignore[index]
    )
    return frozenset(CHAINED), frozenset(k[1:] for k in hidden if k[0] == year)  # type: ignore[index]


def _compute(indicator: Indicator, scope: Scope) -> Result:
    if not indicator.computable:
        return Figure(
            indicator, "not_computable", "not_in_records", args={"why": indicator.not_computable}
        )
    try:
        return indicator_compute(indicator, scope)
    except UnknownValue as error:
        # a value nobody classified (a new custody kind, say): say so, never miscount
        return Figure(
            indicator,
            "not_computable",
            "not_classified",
            args={"what": error.what, "value": error.value},
        )


def _unknowns(
    ident: str, counts: Mapping[str, Counts], computed: set[str]
) -> dict[tuple[str, ...], dict[Hashable, int]]:
    """Each non-zero count of a figure as a sum of unknowns: itself, or through an
    identity the counts it equals (zero counts are known, and left out)."""
    own = counts[ident]
    identity = IDENTITIES.get(ident, {})
    usable = identity and all(o in computed for o in identity)
    out: dict[tuple[str, ...], dict[Hashable, int]] = {}
    for key, n in own.items():
        terms: dict[Hashable, int] = {(ident, key): 1}
        if usable:
            parts = {(o, key): a for o, a in identity.items() if counts.get(o, {}).get(key)}
            if sum(a * counts[o][key] for (o, _k), a in parts.items()) == n:
                terms = parts  # type: ignore[assignment]
        out[key] = terms
    return out


def release_cells(
    chosen: list[Indicator],
    counts: Mapping[str, Counts],
    computed: set[str],
    policy: Policy,
    *,
    unknowns: Mapping[str, Mapping[tuple[str, ...], Mapping[Hashable, int]]] | None = None,
    tag: Hashable = None,
) -> dict[tuple[str, int], list[Cell]]:
    """The cells of every table of every counts figure of a release (``counts``: the
    figures with data; ``computed``: every figure computed, with data or not), keyed
    (indicator, table number); each cell's key is (indicator, table number, cell).
    ``unknowns``: each figure's counts as sums of unknowns, when given (``stats.years``
    writes the case flows across years, ``tag`` the year); else ``_unknowns``.

    A zero hidden for what it tells (``_zeros``) is a sum of unknowns too: the cells of
    the figure's full cross-classification it covers, each one unknown (``("zero", tag,
    indicator, cell)``) that every other table of the figure counts in its cells and
    margins as well. So the same count has the same sum in every table: a late-deadline
    total hidden in one table is hidden in the table by rule, zeros and all. (Until
    2026-12 each hidden zero was an unknown of its own table only, so a margin of the
    table by rule looked like another count than the same margin elsewhere, and stayed
    published: "late 12, in time 56" by rule, both hidden by court.)"""
    out: dict[tuple[str, int], list[Cell]] = {}
    for indicator in chosen:
        if indicator.id not in counts:
            continue
        cube = {k: n for k, n in counts[indicator.id].items() if n}
        unknowns_of = (
            unknowns[indicator.id]
            if unknowns is not None
            else _unknowns(indicator.id, counts, computed)
        )
        every: dict[tuple[str, ...], Mapping[Hashable, int]] = {k: unknowns_of[k] for k in cube}
        for z in _hidden_zeros(indicator, cube, policy):
            every[z] = {("zero", tag, indicator.id, z): 1}
        for t, dims in enumerate(indicator.tables):
            index = [indicator.dims.index(d) for d in dims]
            rows = full_levels(dims[0], {k[index[0]] for k in cube})
            cols: list[str | None] = [None]
            if len(dims) == 2:
                cols = [*full_levels(dims[1], {k[index[1]] for k in cube})]
            values: dict[Hashable, int] = {}
            terms: dict[Hashable, dict[Hashable, int]] = {}
            zeros = _zeros(indicator, dims, policy)
            for r in rows:
                for c in cols:
                    key: Hashable = r if c is None else (r, c)
                    match = [
                        k for k in every if k[index[0]] == r and (c is None or k[index[1]] == c)
                    ]
                    values[key] = sum(cube.get(k, 0) for k in match)
                    terms[key] = _add(every[k] for k in match)
            if len(dims) == 2:
                for r in rows:
                    values[r, TOTAL] = sum(values[r, c] for c in cols)
                    terms[r, TOTAL] = _add(terms[r, c] for c in cols)
                for c in [*cols, TOTAL]:
                    values[TOTAL, c] = sum(values[r, c] for r in rows)
                    terms[TOTAL, c] = _add(terms[r, c] for r in rows)
            else:
                values[TOTAL] = sum(values[r] for r in rows)
                terms[TOTAL] = _add(terms[r] for r in rows)
            split = _split(indicator, dims, policy) if zeros else ()
            out[indicator.id, t] = [
                Cell(
                    (indicator.id, t, k),
                    values[k],
                    terms[k],
                    _margin(k),
                    zeros and _zero_tells(k, split, values, policy),
                )
                for k in values
            ]
    return out


def _zeros(indicator: Indicator, dims: tuple[str, ...], policy: Policy) -> bool:
    """Is a zero hidden in this table of the figure (the policy's, or the figure's own
    ``zero_dims``)?"""
    return policy.zeros_tell(dims) or bool(indicator.zero_dims & set(dims))


def _split(indicator: Indicator, dims: tuple[str, ...], policy: Policy) -> tuple[int, ...]:
    """The positions of the table's dimensions that a zero splits a group by: a personal
    one of the policy (sex: "female 0" of a section says all in it are men); for a
    figure's own ``zero_dims`` (a group: a deadline rule, a procedure), the table's other
    dimensions, or the group itself in a table of it alone."""
    personal = {i for i, d in enumerate(dims) if d in policy.zero_dims}
    groups = {i for i, d in enumerate(dims) if d in indicator.zero_dims}
    others = {i for i in range(len(dims)) if i not in groups}
    if groups:
        personal |= others or groups
    return tuple(sorted(personal))


def _zero_tells(
    key: Hashable, split: tuple[int, ...], values: Mapping[Hashable, int], policy: Policy
) -> bool:
    """A zero cell of a table that hides zeros tells something, and is hidden, when it
    splits a group that is not empty ("section 05: female 0" of nine persons). A zero of
    an empty group (a section nobody was charged under: female 0, male 0, total 0) says
    nobody is in it, which its published total says too: it is published. With
    ``zeros_sensitive`` every zero is hidden."""
    if policy.zeros_sensitive:
        return True
    parts = list(key) if isinstance(key, tuple) else [key]
    for i in split:
        if parts[i] == TOTAL:
            continue
        group = [*parts]
        group[i] = TOTAL
        if values.get(tuple(group) if isinstance(key, tuple) else group[0], 0) > 0:
            return True
    return False


def _hidden_zeros(indicator: Indicator, cube: Counts, policy: Policy) -> set[tuple[str, ...]]:
    """The cells of the figure's full cross-classification (the categories seen in each
    dimension, and those ``FULL`` lists) under a zero that one of its tables hides: all
    zero, each an unknown."""
    levels = [full_levels(d, {k[i] for k in cube}) for i, d in enumerate(indicator.dims)]
    out: set[tuple[str, ...]] = set()
    for dims in indicator.tables:
        if not _zeros(indicator, dims, policy):
            continue
        index = [indicator.dims.index(d) for d in dims]
        seen = {tuple(k[i] for i in index) for k in cube}
        for fixed in product(*(levels[i] for i in index)):
            if fixed in seen:
                continue
            free = [[fixed[index.index(i)]] if i in index else lv for i, lv in enumerate(levels)]
            out.update(product(*free))
    return out


def _add(parts: Iterable[Mapping[Hashable, int]]) -> dict[Hashable, int]:
    out: dict[Hashable, int] = {}
    for part in parts:
        for k, a in part.items():
            out[k] = out.get(k, 0) + a
    return {k: a for k, a in out.items() if a}


def release_lines(key: Hashable) -> list[Hashable]:
    """The lines of its table a release cell (indicator, table number, cell) lies in."""
    assert isinstance(key, tuple)
    return [(key[0], key[1], line) for line in table_lines(key[2])]


def _margin(key: Hashable) -> bool:
    return key == TOTAL or (isinstance(key, tuple) and TOTAL in key)


def _counts(
    indicator: Indicator,
    counts: Counts,
    layout: Mapping[tuple[str, int], list[Cell]],
    hidden: frozenset[Hashable],
    policy: Policy,
    courts: dict[str, str],
) -> Figure:
    if not counts:
        return Figure(indicator, "no_data", "nothing_recorded")
    tables = []
    for t, dims in enumerate(indicator.tables):
        cells = layout[indicator.id, t]
        values = {c.key[2]: c.value for c in cells}  # type: ignore[index]
        mine = frozenset(c.key[2] for c in cells if c.key in hidden)  # type: ignore[index]
        primary = frozenset(c.key[2] for c in cells if c.sensitive(policy))  # type: ignore[index]
        protected = Protected(values, primary, mine)
        sub = margin(counts, indicator.dims, dims)
        rcodes = full_levels(dims[0], {k[0] for k in sub})
        rows = [(c, value_label(dims[0], c, courts)) for c in rcodes]
        cols = []
        if len(dims) == 2:
            ccodes = full_levels(dims[1], {k[1] for k in sub})
            cols = [(c, value_label(dims[1], c, courts)) for c in ccodes]
        tables.append(Table(dims, rows, cols, protected, policy))
    hidden_totals = [t for t in tables if t.total is None]
    if hidden_totals:
        # the tables of one figure share their grand total: hidden in one, hidden in all,
        # or a published total would open the table that hid it. Its reason is the
        # total's own: too small, or hidden to protect another cell (QA: a total of 14
        # hidden by complementary suppression said "too few cases")
        first = hidden_totals[0]
        why = first.reason(TOTAL, TOTAL if first.cols else None)
        return Figure(indicator, "suppressed", why)
    total = tables[0].total if tables else None
    return Figure(
        indicator,
        "ok",
        value=None if total is None else float(total),
        basis=sum(counts.values()),
        tables=tables,
    )


def _derived(
    indicator: Indicator, d: Derived, policy: Policy, figures: Mapping[str, Figure]
) -> Figure:
    if d.basis == 0 and d.value is None:
        return Figure(indicator, "no_data", "nothing_to_compute")
    if d.value is None:
        return Figure(indicator, "undefined", "zero_denominator")
    if not derived_ok(d.numerator, d.basis, policy):
        # the true reason: its denominator (the count it rests on) or its numerator is
        # small ("rests on fewer than 10" under "23 hearings" when 3 were not held)
        why = "small_basis" if d.basis < policy.threshold else "small_numerator"
        return Figure(indicator, "suppressed", why, basis=d.basis, args={"k": policy.threshold})
    for ident, dim in RESTS_ON.get(indicator.id, ()):
        figure = figures.get(ident)
        if figure is None:
            continue  # not in this release: nothing published to combine it with
        if figure.status == "suppressed" or _hidden_margin(figure, dim):
            return Figure(indicator, "suppressed", "reveals_hidden_count", basis=d.basis)
    return Figure(indicator, "ok", value=d.value, basis=d.basis)


def _hidden_margin(figure: Figure, dim: str | None) -> bool:
    """Is a cell the rate rests on hidden: the figure's total, or a margin cell of
    ``dim``?"""
    for table in figure.tables:
        if dim is None:
            if table.total is None:
                return True
        elif dim in table.dims:
            for code, _label in table.rows if table.dims[0] == dim else table.cols:
                cell = (
                    table.cell(code)
                    if not table.cols
                    else table.cell(code, TOTAL)
                    if table.dims[0] == dim
                    else table.cell(TOTAL, code)
                )
                if cell is None:
                    return True
    return False
