"""Compute an indicator for a scope: in the database (``engine="sql"``, what the
dashboard and the exports use) or with the pure function over rows read from it
(``engine="pure"``, for cross-checks). Both give the same result.

Inside ``with release():`` (a release of figures: the dashboard, the exports, the bench)
the SQL variants share the counts they rest on, one query per family, instead of
reading the records once per figure."""

from __future__ import annotations

from typing import Literal

from django.db import connections, transaction

from expediente.replica import reading_alias
from expediente.stats.catalogue import indicator_get
from expediente.stats.indicators.base import Counts, Derived, Indicator
from expediente.stats.load import LOADERS
from expediente.stats.scope import Scope
from expediente.stats.sql.sources import release

__all__ = ["NotComputable", "indicator_compute", "release"]


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
        with transaction.atomic(using=reading_alias()):
            _analytic_session()
            result: Counts | Derived = indicator.sql(scope, scope.period)
    else:
        rows = LOADERS[indicator.inputs](scope)
        result = indicator.pure(rows, scope.period)
    return result


def _analytic_session() -> None:
    """On PostgreSQL, for this indicator's queries only (``SET LOCAL``): memory to sort and
    hash a year's rows without spilling to disk, and no JIT compilation (its start-up
    costs more than it saves on queries of a few hundred milliseconds)."""
    connection = connections[reading_alias()]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '64MB'")
            cursor.execute("SET LOCAL jit = off")
