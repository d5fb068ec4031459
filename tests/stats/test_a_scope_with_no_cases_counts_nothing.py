"""A scope limited to no case at all (an extract with nothing the public may see, a
selection that matched nothing) gives every figure as nothing counted, in the database
and in the pure functions alike, instead of failing inside the query builder."""

from __future__ import annotations

import dataclasses

import pytest

from expediente.stats.catalogue import INDICATORS
from expediente.stats.compute import indicator_compute
from tests.stats.conftest import demo_scope

COMPUTABLE = [i.id for i in INDICATORS if i.computable and i.sql is not None and i.pure is not None]


@pytest.mark.django_db
@pytest.mark.parametrize("ident", COMPUTABLE)
def test_a_scope_with_no_cases_counts_nothing(demo, ident: str) -> None:  # type: ignore[no-untyped-def]
    nothing = dataclasses.replace(demo_scope("2024-01-01", "2024-12-31"), cases=frozenset())
    figure = indicator_compute(ident, nothing)
    assert figure == indicator_compute(ident, nothing, engine="pure")
