"""Statistical disclosure control for published tables. Pure Python: no Django.

A jurisdiction's ``Policy`` says which counts are too small to publish (``0 < n <
threshold``, zeros too if ``zeros_sensitive``) and whether published counts are rounded to
a base (the ONS "10-5 rule" is ``Policy(threshold=10, rounding=5)``). Sources:
indicators.md §6 (OECD/UNECE threshold rule; UK LLC secondary masking; ONS).

Primary suppression hides every sensitive cell, margins included. Secondary suppression
then hides more cells until none of the hidden ones can be worked out from what is
published by adding and subtracting along rows and columns:

- a one-way table with its total is one equation, so it needs none or at least two
  hidden cells (``protect_1way``);
- a two-way table with its margins is a set of row and column equations; a hidden cell can
  be worked out exactly when it lies on no cycle of hidden cells (rows and columns as the
  nodes of a graph, hidden cells as its edges, margins included as a row and a column):
  ``protect_2way`` first makes every row and column hold none or at least two hidden
  cells (hiding the next-smallest cell of a line with one, to a fixed point), then closes
  every remaining bridge with one more cell, and repeats until neither is left.

Derived figures (rates, medians) are published only when the counts they rest on are
not sensitive and reach the threshold (``derived_ok``).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

TOTAL = "_total"


@dataclass(frozen=True)
class Policy:
    threshold: int = 5
    rounding: int | None = None
    zeros_sensitive: bool = False

    def __post_init__(self) -> None:
        if self.threshold < 1:
            raise ValueError("threshold: must be 1 or more")
        if self.rounding is not None and self.rounding < 1:
            raise ValueError("rounding: must be 1 or more, or None")

    def sensitive(self, n: int) -> bool:
        return (n == 0 and self.zeros_sensitive) or 0 < n < self.threshold

    def shown(self, n: int) -> int:
        """A published count, rounded to the base if the policy rounds."""
        if not self.rounding:
            return n
        return int((n + self.rounding / 2) // self.rounding) * self.rounding

    @classmethod
    def from_mapping(cls, raw: Mapping[str, object]) -> Policy:
        threshold = raw.get("threshold", 5)
        rounding = raw.get("rounding")
        if not isinstance(threshold, int) or isinstance(threshold, bool):
            raise ValueError("threshold: must be a whole number")
        if rounding is not None and (not isinstance(rounding, int) or isinstance(rounding, bool)):
            raise ValueError("rounding: must be a whole number or absent")
        return cls(threshold, rounding, bool(raw.get("zeros_sensitive", False)))


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
    primary = {k for k, n in values.items() if policy.sensitive(n)}
    hidden = set(primary)
    if len(hidden) == 1:
        hidden.add(_complement([k for k in values if k not in hidden], values))
    return Protected(values, frozenset(primary), frozenset(hidden))


def protect_2way(
    cells: Mapping[tuple[str, str], int],
    rows: Iterable[str],
    cols: Iterable[str],
    policy: Policy,
) -> Protected:
    """``cells`` by (row, column), missing ones zero; the result adds the margins:
    (row, TOTAL), (TOTAL, column) and (TOTAL, TOTAL)."""
    rs, cs = [*rows, TOTAL], [*cols, TOTAL]
    values: dict[Hashable, int] = {}
    for r in rs[:-1]:
        for c in cs[:-1]:
            values[r, c] = cells.get((r, c), 0)
        values[r, TOTAL] = sum(values[r, c] for c in cs[:-1])
    for c in cs:
        values[TOTAL, c] = sum(values[r, c] for r in rs[:-1])
    primary = {k for k, n in values.items() if policy.sensitive(n)}
    hidden: set[Hashable] = set(primary)
    lines = [[(r, c) for c in cs] for r in rs] + [[(r, c) for r in rs] for c in cs]
    while True:
        changed = False
        for line in lines:
            inside = [k for k in line if k in hidden]
            if len(inside) == 1:
                hidden.add(_complement([k for k in line if k not in hidden], values))
                changed = True
        if changed:
            continue
        bridge = _bridge(hidden)  # type: ignore[arg-type]
        if bridge is None:
            break
        hidden.add(_close(bridge, hidden, rs, cs, values))  # type: ignore[arg-type]
    return Protected(values, frozenset(primary), frozenset(hidden))


def derived_ok(numerator: int | None, basis: int, policy: Policy) -> bool:
    """A rate or a median may be published: its basis reaches the threshold and its
    numerator (for a rate) is not a sensitive count."""
    if basis < policy.threshold:
        return False
    return numerator is None or not policy.sensitive(numerator)


# -- helpers


def _complement(candidates: list[Hashable], values: Mapping[Hashable, int]) -> Hashable:
    """The cell to hide beside a lone hidden one: the smallest non-zero interior cell,
    else the smallest cell (a total last: hiding it protects the most)."""

    def cost(k: Hashable) -> tuple[int, int, int]:
        is_total = (isinstance(k, tuple) and TOTAL in k) or k == TOTAL
        n = values[k]
        return (int(is_total), int(n == 0), n)

    return min(candidates, key=cost)


def _nodes(key: tuple[str, str]) -> tuple[tuple[str, str], tuple[str, str]]:
    return ("r", key[0]), ("c", key[1])


def _bridge(hidden: set[tuple[str, str]]) -> tuple[str, str] | None:
    """A hidden cell whose edge lies on no cycle of hidden cells, or None."""
    for edge in sorted(hidden):
        a, b = _nodes(edge)
        if b not in _reach(a, hidden - {edge}):
            return edge
    return None


def _reach(start: tuple[str, str], edges: set[tuple[str, str]]) -> set[tuple[str, str]]:
    adj: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for e in edges:
        a, b = _nodes(e)
        adj.setdefault(a, []).append(b)
        adj.setdefault(b, []).append(a)
    seen, todo = {start}, [start]
    while todo:
        for nxt in adj.get(todo.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _close(
    bridge: tuple[str, str],
    hidden: set[tuple[str, str]],
    rs: list[str],
    cs: list[str],
    values: Mapping[Hashable, int],
) -> tuple[str, str]:
    """One more cell that puts ``bridge`` on a cycle: it joins a row on the bridge's row
    side to a column on its column side."""
    a, b = _nodes(bridge)
    side_a = _reach(a, hidden - {bridge})
    side_b = _reach(b, hidden - {bridge})
    rows_a = [n for kind, n in side_a if kind == "r"]
    cols_b = [n for kind, n in side_b if kind == "c"]
    options = [(r, c) for r in rows_a for c in cols_b if (r, c) not in hidden]
    if not options:  # cannot happen after the line rule; hide the grand total's line
        options = [(r, c) for r in rs for c in cs if (r, c) not in hidden]
    return _complement(list(options), values)  # type: ignore[return-value]
