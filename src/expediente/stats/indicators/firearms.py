"""The firearms observatory: victims recorded in cases charged with completed
intentional homicide (ICCS 0101) involving a firearm, by the victim's sex, each victim
once per case. Pure Python.

Not SDG 16.1.1's deaths: the docket records who is a victim in a case, not who died, and
a charge names no victim (so a relative recorded as a victim counts, and a case with no
victim recorded counts nobody)."""

from __future__ import annotations

from collections.abc import Iterable

from expediente.stats.indicators.base import Counts
from expediente.stats.indicators.rows import VictimRow
from expediente.stats.period import Period

HOMICIDE = "0101"


def firearm_homicide_victims(rows: Iterable[VictimRow], period: Period) -> Counts:
    out: Counts = {}
    for r in rows:
        if period.contains(r.charged_at):
            out[(r.sex,)] = out.get((r.sex,), 0) + 1
    return out
