"""The firearms observatory: deaths by firearm, i.e. victims of completed intentional
homicide (ICCS 0101) committed with a firearm, by the victim's sex. Pure Python."""

from __future__ import annotations

from collections.abc import Iterable

from expediente.stats.indicators.base import Counts
from expediente.stats.indicators.rows import VictimRow
from expediente.stats.period import Period

HOMICIDE = "0101"


def firearm_deaths(rows: Iterable[VictimRow], period: Period) -> Counts:
    out: Counts = {}
    for r in rows:
        if period.contains(r.charged_at):
            out[(r.sex,)] = out.get((r.sex,), 0) + 1
    return out
