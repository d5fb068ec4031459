"""Every computable indicator gives the same figure in the database and in Python over
the demo caseload, for several periods and court selections."""

from __future__ import annotations

import datetime as dt

import pytest

from expediente.stats.catalogue import INDICATORS
from expediente.stats.compute import indicator_compute
from expediente.stats.indicators.base import Derived
from tests.stats.conftest import demo_scope, record_death_in_custody, record_firearm_homicide

SCOPES = [
    ("2024-01-01", "2024-12-31", None),
    ("2025-01-01", "2025-06-30", None),
    ("2023-06-01", "2025-11-13", ["sj-juvenil"]),
    ("2025-03-01", "2025-03-31", ["sj-penal", "cartago-penal"]),
    ("2022-11-01", "2025-11-13", None),
]


@pytest.mark.parametrize("ident", [i.id for i in INDICATORS if i.computable])
def test_sql_and_pure_agree(demo, ident: str) -> None:  # type: ignore[no-untyped-def]
    record_firearm_homicide("sj-penal", dt.datetime(2025, 3, 10, 15, tzinfo=dt.UTC))
    record_death_in_custody("sj-penal", dt.datetime(2025, 3, 12, 15, tzinfo=dt.UTC))
    nonzero = 0
    for start, end, courts in SCOPES:
        scope = demo_scope(start, end, courts)
        sql = indicator_compute(ident, scope, engine="sql")
        pure = indicator_compute(ident, scope, engine="pure")
        if isinstance(sql, Derived):
            assert isinstance(pure, Derived)
            assert (sql.numerator, sql.basis, sql.undefined) == (
                pure.numerator,
                pure.basis,
                pure.undefined,
            ), (start, end, courts)
            if sql.value is None:
                assert pure.value is None
            else:
                assert pure.value == pytest.approx(sql.value, rel=1e-9)
                nonzero += 1
        else:
            assert sql == pure, (start, end, courts)
            nonzero += bool(sql)
    assert nonzero, "the demo must give this indicator something to count"
