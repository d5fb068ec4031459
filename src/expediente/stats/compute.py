"""Compute an indicator for a scope: in the database (``engine="sql"``, what the
dashboard and the exports use) or with the pure function over rows read from it
(``engine="pure"``, for cross-checks). Both give the same result."""

from __future__ import annotations

from typing import Literal

from expediente.stats.catalogue import indicator_get
from expediente.stats.indicators.base import Counts, Derived, Indicator
from expediente.stats.load import LOADERS
from expediente.stats.scope import Scope


class NotComputable(ValueError):
    def __init__(self, indicator: Indicator) -> None:
        super().__init__(
            f"{indicator.id}: not computable from these records: {indicator.not_computable}"
        )
        self.indicator = indicator


def indicator_compute(
    ident: str | Indicator, scope: Scope, *, engine: Literal["sql", "pure"] = "sql"
) -> Counts | Derived:
    indicator = ident if isinstance(ident, Indicator) else indicator_get(ident)
    if not indicator.computable or indicator.sql is None or indicator.pure is None:
        raise NotComputable(indicator)
    if engine == "sql":
        result: Counts | Derived = indicator.sql(scope, scope.period)
    else:
        rows = LOADERS[indicator.inputs](scope)
        result = indicator.pure(rows, scope.period)
    return result
