"""UN-CTS "persons brought before the criminal courts, by legal representation", in
Python over rows already read (the category is the docket's own rule,
``docket.counsel.represented_by``).

The reference gives no categories and no moment (``shared/reference/indicators.md`` §2,
OAS glossary item 4.4); the choices here are the project's, stated on the indicator's
page and in ``docs/statistics.md``:

- brought before the criminal courts: an indictment filed against the person in the
  period, as for "persons indicted" (``persons.indicted``); each person once, under the
  breakdowns of their earliest indictment in the period (then the lowest participation);
- read at the end of the period: the lawyers acting for them in that case then, from the
  ``participant.acts_for`` entries dated before it, each as last corrected; for each
  lawyer the latest entry (by the number first recorded) says whether she acts for them,
  as ``docket.counsel.acting`` folds them;
- the categories: private counsel, public defender, both, or none recorded. "None
  recorded" is not "no lawyer": the docket may simply not record who acts for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from expediente.docket.counsel import represented_by
from expediente.stats.indicators.base import Counts
from expediente.stats.indicators.persons import first_in, per_person
from expediente.stats.indicators.rows import AccusedRow, CounselRow
from expediente.stats.period import Period

DIMS = ("representation", "sex", "age_status", "citizenship")
CATEGORIES = ("private_counsel", "public_defender", "both", "none_recorded")


def acting_at(entries: Iterable[CounselRow], moment: dt.datetime) -> set[str]:
    """The roles of the lawyers acting at ``moment``: for each lawyer, her latest entry
    (by ``seq``) among those dated before it, unless it says she no longer acts."""
    latest: dict[int, CounselRow] = {}
    for e in entries:
        if e.occurred_at < moment and (e.counsel not in latest or e.seq > latest[e.counsel].seq):
            latest[e.counsel] = e
    return {e.role for e in latest.values() if not e.ended}


def category(roles: set[str]) -> str:
    """As ``docket.counsel.representation`` (the same rule: ``represented_by``)."""
    return represented_by(roles)


def representation_at(r: AccusedRow, moment: dt.datetime) -> str:
    return category(acting_at(r.counsel, moment))


def represented(rows: Iterable[AccusedRow], period: Period) -> Counts:
    return per_person(
        rows,
        lambda r: first_in(r.indicted, period),
        lambda r: (representation_at(r, period.hi), r.sex, r.age_status, r.citizenship),
    )
