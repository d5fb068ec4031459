"""What every indicator is: its metadata, and the two shapes of result.

An indicator is data (``Indicator``) plus two functions that must agree: ``pure`` over
rows read from the records (``stats.rows``), and ``sql``, the same figure computed by the
database (``stats.sql``). Results are either

- ``Counts``: a cross-classification, ``{(value of dim 1, value of dim 2, …): count}``,
  zero cells left out; published tables are its margins, after disclosure control; or
- ``Derived``: one number (a rate, a ratio, a median) with the counts it rests on, so
  disclosure control can refuse to publish it when they are small. ``value`` is None when
  it is undefined (a zero denominator, no cases): the reason is said, never 0 or infinity.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Counts = dict[tuple[str, ...], int]


@dataclass(frozen=True)
class Derived:
    value: float | None
    numerator: int | None  # the count on top of a rate; None for a median
    basis: int  # the count it rests on: the denominator of a rate, n of a median
    undefined: str = ""  # why value is None, in plain words (untranslated key)


@dataclass(frozen=True)
class Source:
    document: Any  # where the definition comes from (str, or gettext_lazy for our own words)
    section: str  # section of shared/reference/indicators.md that quotes it
    flag: str  # V checked, P partly checked (shown as "to confirm")
    url: str = ""


@dataclass(frozen=True)
class Indicator:
    id: str
    family: str
    name: Any  # gettext_lazy
    formula: Any  # gettext_lazy
    unit: Any  # gettext_lazy
    kind: str  # "counts" or "derived"
    source: Source
    dims: tuple[str, ...] = ()  # for counts: the dimensions of the cross-classification
    tables: tuple[tuple[str, ...], ...] = ()  # published tables: 1 or 2 dims each
    caveats: Any = ""  # gettext_lazy: what it does not capture
    pure: Callable[..., Any] | None = None
    sql: Callable[..., Any] | None = None
    inputs: str = ""  # the row source of stats.rows / stats.sql it reads
    not_computable: Any = ""  # gettext_lazy: set when these records cannot give it
    extra: Mapping[str, Any] = field(default_factory=dict)
    # a derived value's decimals, the same on the page and in the downloads (half up)
    decimals: int = 1
    # a stock is read at a moment: "start" (the period's first moment, i.e. the end of the
    # day before) or "end" (the end of the reference day); "" for a flow over the period
    stock: str = ""
    # dimensions whose zeros tell something about a juvenile group in this figure's
    # tables, whatever the jurisdiction's policy says (MISSION ¶22, ¶27(d)): a row of a
    # juvenile-only deadline reading "in time 0" says every one was late
    zero_dims: frozenset[str] = frozenset()

    @property
    def computable(self) -> bool:
        return not self.not_computable


def ratio(numerator: int, denominator: int, *, scale: float = 1.0) -> Derived:
    """numerator / denominator × scale, undefined (not 0, not infinity) when the
    denominator is zero."""
    if denominator == 0:
        return Derived(None, numerator, 0, undefined="denominator is zero")
    return Derived(numerator / denominator * scale, numerator, denominator)


def median(values: list[float]) -> Derived:
    """The median (mean of the two middle values for an even count); undefined for none."""
    n = len(values)
    if n == 0:
        return Derived(None, None, 0, undefined="no cases")
    ordered = sorted(values)
    mid = ordered[(n - 1) // 2 : n // 2 + 1]
    return Derived(sum(mid) / len(mid), None, n)


def margin(counts: Counts, dims: tuple[str, ...], keep: tuple[str, ...]) -> Counts:
    """The counts summed over every dimension not in ``keep`` (in ``keep``'s order)."""
    index = [dims.index(d) for d in keep]
    out: Counts = {}
    for key, n in counts.items():
        sub = tuple(key[i] for i in index)
        out[sub] = out.get(sub, 0) + n
    return {k: v for k, v in out.items() if v}
