"""What may be published of an indicator for a scope: its tables after disclosure
control, or its value when the counts behind it are large enough. Everything the
dashboard shows and the exports write goes through ``figure_publish``."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from expediente.stats.compute import indicator_compute
from expediente.stats.disclosure import (
    TOTAL,
    Policy,
    Protected,
    derived_ok,
    protect_1way,
    protect_2way,
)
from expediente.stats.indicators.base import Counts, Derived, Indicator, margin
from expediente.stats.indicators.rows import UnknownValue
from expediente.stats.labels import dim_label, value_label
from expediente.stats.scope import Scope


def policy_for(jurisdiction_code: str) -> Policy:
    """The jurisdiction's disclosure policy: settings.EXPEDIENTE_DISCLOSURE[code]
    (``{"threshold": 10, "rounding": 5}``), else a threshold of 5."""
    raw = getattr(settings, "EXPEDIENTE_DISCLOSURE", {}).get(jurisdiction_code)
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

    @property
    def title(self) -> str:
        return " × ".join(dim_label(d) for d in self.dims)

    @property
    def total(self) -> int | None:
        return self.cell(TOTAL, TOTAL if self.cols else None)

    def lines(self) -> list[dict[str, object]]:
        """Rows for templates and exports: label, cells (published or None), total."""
        out: list[dict[str, object]] = []
        for code, label in [*self.rows, (TOTAL, _("Total"))]:
            if self.cols:
                cells = [self.cell(code, c) for c, _l in self.cols]
                out.append(
                    {"code": code, "label": label, "cells": cells, "total": self.cell(code, TOTAL)}
                )
            else:
                out.append({"code": code, "label": label, "cells": [], "total": self.cell(code)})
        return out


@dataclass
class Figure:
    indicator: Indicator
    status: str  # ok, no_data, undefined, suppressed, not_computable
    message: str = ""
    value: float | None = None
    basis: int = 0
    tables: list[Table] = field(default_factory=list)


def figure_publish(indicator: Indicator, scope: Scope, policy: Policy | None = None) -> Figure:
    policy = policy or policy_for(scope.jurisdiction.code)
    if not indicator.computable:
        return Figure(
            indicator,
            "not_computable",
            _("Not computable from these records: %(why)s.") % {"why": indicator.not_computable},
        )
    try:
        result = indicator_compute(indicator, scope)
    except UnknownValue as error:
        # a value nobody classified (a new custody kind, say): say so, never miscount
        return Figure(
            indicator,
            "not_computable",
            _("Not computable from these records: the %(what)s “%(value)s” is not classified.")
            % {"what": error.what, "value": error.value},
        )
    if isinstance(result, Derived):
        return _derived(indicator, result, policy)
    return _counts(indicator, result, scope, policy)


def _derived(indicator: Indicator, d: Derived, policy: Policy) -> Figure:
    if d.basis == 0 and d.value is None:
        return Figure(indicator, "no_data", _("Nothing to compute from in this period."))
    if d.value is None:
        return Figure(indicator, "undefined", _("Undefined: its denominator is zero."))
    if not derived_ok(d.numerator, d.basis, policy):
        return Figure(
            indicator,
            "suppressed",
            _("Not published: it rests on fewer than %(k)s cases or persons.")
            % {"k": policy.threshold},
            basis=d.basis,
        )
    return Figure(indicator, "ok", value=d.value, basis=d.basis)


def _counts(indicator: Indicator, counts: Counts, scope: Scope, policy: Policy) -> Figure:
    if not counts:
        return Figure(indicator, "no_data", _("Nothing recorded in this period."))
    courts = {c.code: c.name for c in scope.courts}
    tables = []
    for dims in indicator.tables:
        sub = margin(counts, indicator.dims, dims)
        if len(dims) == 1:
            codes = sorted(k[0] for k in sub)
            protected = protect_1way({k[0]: n for k, n in sub.items()}, policy)
            rows = [(c, value_label(dims[0], c, courts)) for c in codes]
            tables.append(Table(dims, rows, [], protected, policy))
        else:
            rcodes = sorted({k[0] for k in sub})
            ccodes = sorted({k[1] for k in sub})
            protected = protect_2way(
                {(k[0], k[1]): n for k, n in sub.items()}, rcodes, ccodes, policy
            )
            rows = [(c, value_label(dims[0], c, courts)) for c in rcodes]
            cols = [(c, value_label(dims[1], c, courts)) for c in ccodes]
            tables.append(Table(dims, rows, cols, protected, policy))
    if any(t.total is None for t in tables):
        # the tables of one figure share their grand total: hidden in one, hidden in all,
        # or a published total would open the table that hid it
        return Figure(
            indicator,
            "suppressed",
            _("Not published: too few cases or persons to show without identifying anyone."),
        )
    total = tables[0].total if tables else None
    return Figure(
        indicator,
        "ok",
        value=None if total is None else float(total),
        basis=sum(counts.values()),
        tables=tables,
    )
