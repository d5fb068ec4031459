"""Statistical disclosure control for published tables. Pure Python: no Django.

A jurisdiction's ``Policy`` says which counts are too small to publish (``0 < n <
threshold``; zeros too in every table if ``zeros_sensitive``, and in the tables broken
down by one of ``zero_dims``) and whether published counts are rounded to a base (the ONS
"10-5 rule" is ``Policy(threshold=10, rounding=5)``). The default, a threshold of 10 and
zeros sensitive where they describe persons (by sex, age status, citizenship: "female 0,
male 9" tells that all nine are men; the juvenile tables among them), follows the UK LLC
and ONS rows of indicators.md §6 (OECD/UNECE threshold rule; UK LLC secondary masking;
ONS).

Primary suppression hides every sensitive cell, margins included. Secondary suppression
then hides more cells until none of the hidden ones can be worked out from what is
published: ``protect_1way`` (a table and its total) and ``protect_2way`` (a two-way table
with its margins) are the single-table cases of ``protect_linked``.

Tables published together are linked: the tables of one figure are margins of the same
counts, and figures can be tied by an identity (pending at the end = pending at the start
+ incoming − resolved, per court). ``protect_linked`` protects such a release as a whole:
every published cell is a sum of unknowns (the underlying counts), and a hidden cell can be
worked out exactly when its sum lies in the span of the published ones. Two figures can
also count the same thing (custodial sentences are both convictions and measures
ordered): such unknowns are declared ``equal``, so hiding one hides its twin too. It hides primary
cells, then, while some hidden cell can be worked out, one more published cell among those
that work it out (the smallest, margins last), with exact linear algebra modulo a large
prime (the tests check the result with fractions).

Derived figures (rates, medians) are published only when the counts they rest on are
not sensitive and reach the threshold (``derived_ok``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations

TOTAL = "_total"
PRIME = 2**61 - 1


# A zero in a table of persons by one of these tells something about everyone in the
# group (all of them are men, all adults, all nationals): sensitive by default.
PERSONAL = frozenset({"sex", "age_status", "citizenship"})


@dataclass(frozen=True)
class Policy:
    threshold: int = 10
    rounding: int | None = None
    zeros_sensitive: bool = False  # every zero, in every table
    zero_dims: frozenset[str] = PERSONAL  # zeros in the tables with one of these dimensions

    def __post_init__(self) -> None:
        if self.threshold < 1:
            raise ValueError("threshold: must be 1 or more")
        if self.rounding is not None and self.rounding < 1:
            raise ValueError("rounding: must be 1 or more, or None")

    def sensitive(self, n: int) -> bool:
        return (n == 0 and self.zeros_sensitive) or 0 < n < self.threshold

    def zeros_tell(self, dims: Iterable[str]) -> bool:
        """Is a zero sensitive in a table with these dimensions?"""
        return self.zeros_sensitive or bool(self.zero_dims & set(dims))

    @property
    def largest_hidden(self) -> int:
        """The largest count hidden for being small (0: none is)."""
        return self.threshold - 1

    def shown(self, n: int) -> int:
        """A published count, rounded to the base if the policy rounds."""
        if not self.rounding:
            return n
        return int((n + self.rounding / 2) // self.rounding) * self.rounding

    @classmethod
    def from_mapping(cls, raw: Mapping[str, object]) -> Policy:
        """``{"threshold": 10, "rounding": 5, "zeros_sensitive": false, "zero_dims":
        ["sex", "age_status", "citizenship"]}``; each absent key takes the default."""
        unknown = set(raw) - {"threshold", "rounding", "zeros_sensitive", "zero_dims"}
        if unknown:
            raise ValueError(f"{', '.join(sorted(unknown))}: not a setting of the policy")
        threshold = raw.get("threshold", cls.threshold)
        rounding = raw.get("rounding")
        zeros = raw.get("zeros_sensitive", False)
        dims = raw.get("zero_dims", sorted(PERSONAL))
        if not isinstance(threshold, int) or isinstance(threshold, bool):
            raise ValueError("threshold: must be a whole number")
        if rounding is not None and (not isinstance(rounding, int) or isinstance(rounding, bool)):
            raise ValueError("rounding: must be a whole number or absent")
        if not isinstance(zeros, bool):
            raise ValueError("zeros_sensitive: must be true or false")
        if not isinstance(dims, list) or not all(isinstance(d, str) for d in dims):
            raise ValueError("zero_dims: must be a list of dimension names")
        return cls(threshold, rounding, zeros, frozenset(dims))


@dataclass(frozen=True)
class Protected:
    """A table with its margins: true ``values`` and the keys not to publish."""

    values: dict[Hashable, int]
    primary: frozenset[Hashable]
    suppressed: frozenset[Hashable]  # primary and secondary

    def published(self, key: Hashable, policy: Policy) -> int | None:
        if key in self.suppressed:
            return None
        return policy.shown(self.values[key])


def protect_1way(cells: Mapping[str, int], policy: Policy) -> Protected:
    """``cells`` by category; the result's keys are the categories and ``TOTAL``."""
    values: dict[Hashable, int] = {k: n for k, n in cells.items()}  # noqa: C416
    values[TOTAL] = sum(cells.values())
    terms: dict[Hashable, dict[Hashable, int]] = {k: _own(k, n, policy) for k, n in cells.items()}
    terms[TOTAL] = _sum(terms.values())
    return _protected(values, terms, policy)


def protect_2way(
    cells: Mapping[tuple[str, str], int],
    rows: Iterable[str],
    cols: Iterable[str],
    policy: Policy,
) -> Protected:
    """``cells`` by (row, column), missing ones zero; the result adds the margins:
    (row, TOTAL), (TOTAL, column) and (TOTAL, TOTAL)."""
    rs, cs = list(rows), list(cols)
    values: dict[Hashable, int] = {}
    terms: dict[Hashable, dict[Hashable, int]] = {}
    for r in rs:
        for c in cs:
            values[r, c] = cells.get((r, c), 0)
            terms[r, c] = _own((r, c), values[r, c], policy)
    for r in rs:
        values[r, TOTAL] = sum(values[r, c] for c in cs)
        terms[r, TOTAL] = _sum(terms[r, c] for c in cs)
    for c in [*cs, TOTAL]:
        values[TOTAL, c] = sum(values[r, c] for r in rs)
        terms[TOTAL, c] = _sum(terms[r, c] for r in rs)
    return _protected(values, terms, policy)


def _own(key: Hashable, n: int, policy: Policy) -> dict[Hashable, int]:
    """An interior cell as its own unknown; a zero is known unless zeros are sensitive."""
    return {key: 1} if n or policy.zeros_sensitive else {}


def _sum(parts: Iterable[Mapping[Hashable, int]]) -> dict[Hashable, int]:
    out: dict[Hashable, int] = {}
    for part in parts:
        for k, a in part.items():
            out[k] = out.get(k, 0) + a
    return {k: a for k, a in out.items() if a}


def _protected(
    values: dict[Hashable, int], terms: Mapping[Hashable, Mapping[Hashable, int]], policy: Policy
) -> Protected:
    cells = [Cell(k, values[k], terms[k], _is_margin(k)) for k in values]
    hidden = protect_linked(cells, policy)
    primary = frozenset(k for k, n in values.items() if policy.sensitive(n))
    return Protected(values, primary, hidden)


def _is_margin(key: Hashable) -> bool:
    return key == TOTAL or (isinstance(key, tuple) and TOTAL in key)


@dataclass(frozen=True)
class Cell:
    """One published cell of a release: its value, and the unknowns it sums (with their
    coefficients: -1 for an unknown subtracted by an identity). ``margin`` cells are
    hidden last."""

    key: Hashable
    value: int
    terms: Mapping[Hashable, int]
    margin: bool = False
    zero_sensitive: bool = False  # a zero here is hidden too (``Policy.zeros_tell``)

    def sensitive(self, policy: Policy) -> bool:
        return policy.sensitive(self.value) or (self.value == 0 and self.zero_sensitive)


def protect_linked(
    cells: list[Cell],
    policy: Policy,
    equal: Iterable[tuple[Hashable, Hashable]] = (),
    lines: Callable[[Hashable], Iterable[Hashable]] | None = None,
) -> frozenset[Hashable]:
    """The keys to hide so that no hidden cell of the release can be worked out from the
    published ones. ``equal``: pairs of unknowns known to be the same count (a reader
    who sees one knows the other).

    No count is negative, so hidden zeros whose sum can be worked out (as 0) are each
    known to be 0, though none of them can be worked out alone ("female 12, male 20,
    other x, not recorded x, total 32"). ``lines``: the lines of a table a cell lies in
    (``table_lines`` by default); the hidden zeros of each line are checked together,
    every set of two or more of them (the whole line's, and its pairs, past six)."""
    lines = lines or table_lines
    same = _representatives(equal)
    if same:
        cells = [
            Cell(
                c.key,
                c.value,
                _sum({same.get(k, k): a} for k, a in c.terms.items()),
                c.margin,
                c.zero_sensitive,
            )
            for c in cells
        ]
    hidden = {c.key for c in cells if c.sensitive(policy)}
    while True:
        shown = [c for c in cells if c.key not in hidden]
        basis = _basis(shown)
        # a published zero whose every count another published zero says is zero too
        # (a cell of an empty row, under its total 0): hiding it would hide nothing
        covers: dict[Hashable, int] = {}
        for c in shown:
            if c.value == 0 and c.terms and all(a > 0 for a in c.terms.values()):
                for k in c.terms:
                    covers[k] = covers.get(k, 0) + 1

        def cost(c: Cell, covers: dict[Hashable, int] = covers) -> tuple[int, int, int, int]:
            redundant = (
                c.value == 0 and bool(c.terms) and all(covers.get(k, 0) > 1 for k in c.terms)
            )
            return (int(redundant), *_cost(c))

        extra = None
        for c in sorted((c for c in cells if c.key in hidden), key=lambda c: repr(c.key)):
            witnesses = basis.explains(c.terms)
            if witnesses:  # (an empty sum is a known zero: nothing to protect)
                extra = _choose([shown[i] for i in witnesses], shown, cost)
                break
        if extra is None:
            witnesses = _zero_sum_witnesses(cells, hidden, basis, lines)
            if witnesses:
                extra = _choose([shown[i] for i in witnesses], shown, cost)
        if extra is None:
            return frozenset(hidden)
        hidden.add(extra.key)


def _basis(shown: list[Cell]) -> _Basis:
    basis = _Basis()
    for i, c in enumerate(shown):
        if c.value == 0 and c.terms and all(a > 0 for a in c.terms.values()):
            # a published zero of counts says each of them is zero (none is negative)
            for k in c.terms:
                basis.add({k: 1}, i)
        else:
            basis.add(c.terms, i)
    return basis


def _choose(candidates: list[Cell], shown: list[Cell], cost: Callable[[Cell], object]) -> Cell:
    """The cheapest candidate to hide; among those as cheap, one that the other
    published cells do not give back (a row total equal to the grand total when the other
    rows are zero: hidden, it would follow from the grand total at once, and the grand
    total would be hidden next, the whole figure with it)."""
    ranked = sorted(candidates, key=cost)  # type: ignore[arg-type]
    ties = [c for c in ranked if cost(c) == cost(ranked[0])]
    if len(ties) > 1:
        for c in ties[:4]:
            if not _basis([o for o in shown if o.key != c.key]).explains(c.terms):
                return c
    return ranked[0]


def table_lines(key: Hashable) -> list[Hashable]:
    """The lines of a table a cell lies in: its row and its column (a two-way cell's key
    is (row, column)), else the whole one-way table."""
    if isinstance(key, tuple) and len(key) == 2:
        return [("row", key[0]), ("column", key[1])]
    return [("table",)]


def _zero_sum_witnesses(
    cells: list[Cell],
    hidden: set[Hashable],
    basis: _Basis,
    lines: Callable[[Hashable], Iterable[Hashable]],
) -> set[int] | None:
    """The published cells that work out, as 0, the sum of two or more hidden zeros of a
    line (each then known to be 0), or None."""
    by_line: dict[Hashable, list[Cell]] = {}
    for c in cells:
        if c.key in hidden and c.value == 0 and c.terms and all(a > 0 for a in c.terms.values()):
            for line in lines(c.key):
                by_line.setdefault(line, []).append(c)
    for line in sorted(by_line, key=repr):
        zeros = sorted(by_line[line], key=lambda c: repr(c.key))
        if len(zeros) < 2:
            continue
        sizes = range(2, len(zeros) + 1) if len(zeros) <= 6 else (2, len(zeros))
        for size in sizes:
            for group in combinations(zeros, size):
                witnesses = basis.explains(_sum(c.terms for c in group))
                if witnesses:
                    return witnesses
    return None


def _representatives(equal: Iterable[tuple[Hashable, Hashable]]) -> dict[Hashable, Hashable]:
    """Each unknown declared equal to others, mapped to one of them (union-find)."""
    parent: dict[Hashable, Hashable] = {}

    def root(k: Hashable) -> Hashable:
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    for a, b in equal:
        ra, rb = root(a), root(b)
        if ra != rb:
            first, second = sorted((ra, rb), key=repr)
            parent[second] = first
    return {k: root(k) for k in parent}


def _cost(c: Cell) -> tuple[int, int, int]:
    return (int(c.margin), int(c.value == 0), c.value)


class _Basis:
    """Published cells as sparse rows in reduced echelon form modulo ``PRIME``, each row
    remembering which published cells it combines."""

    def __init__(self) -> None:
        self.rows: dict[Hashable, tuple[dict[Hashable, int], dict[int, int]]] = {}

    def _reduce(
        self, terms: Mapping[Hashable, int], origin: dict[int, int]
    ) -> tuple[dict[Hashable, int], dict[int, int]]:
        v = {k: a % PRIME for k, a in terms.items() if a % PRIME}
        for pivot in [k for k in v if k in self.rows]:
            f = v.get(pivot, 0)
            if not f:
                continue
            row, row_origin = self.rows[pivot]
            for k, a in row.items():
                v[k] = (v.get(k, 0) - f * a) % PRIME
                if not v[k]:
                    del v[k]
            for i, a in row_origin.items():
                origin[i] = (origin.get(i, 0) - f * a) % PRIME
        return v, {i: a for i, a in origin.items() if a}

    def add(self, terms: Mapping[Hashable, int], index: int) -> None:
        v, origin = self._reduce(terms, {index: 1})
        if not v:
            return
        pivot = min(v, key=repr)
        inv = pow(v[pivot], PRIME - 2, PRIME)
        v = {k: a * inv % PRIME for k, a in v.items()}
        origin = {i: a * inv % PRIME for i, a in origin.items()}
        for _other, (row, row_origin) in list(self.rows.items()):
            f = row.get(pivot, 0)
            if f:
                for k, a in v.items():
                    row[k] = (row.get(k, 0) - f * a) % PRIME
                    if not row[k]:
                        del row[k]
                for i, a in origin.items():
                    row_origin[i] = (row_origin.get(i, 0) - f * a) % PRIME
                    if not row_origin[i]:
                        del row_origin[i]
        self.rows[pivot] = (v, origin)

    def explains(self, terms: Mapping[Hashable, int]) -> set[int] | None:
        """The published cells whose combination gives ``terms``, or None if none does."""
        v, origin = self._reduce(terms, {})
        if v:
            return None
        return {i for i, a in origin.items() if a}


def derived_ok(numerator: int | None, basis: int, policy: Policy) -> bool:
    """A rate or a median may be published: its basis reaches the threshold and its
    numerator (for a rate) is not a sensitive count."""
    if basis < policy.threshold:
        return False
    return numerator is None or not policy.sensitive(numerator)
