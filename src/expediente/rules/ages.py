"""Does an accused's age at the time of the alleged acts fit the case's procedure?

Pure: no Django. The pack says who the juvenile procedure is for
(``Pack.juvenile_ages``: from ``minimum`` to under ``under``, with the law); the record
says the person's date of birth and a day that stands for the date of the acts
(``acts_dated``). Three findings, none a refusal (the date of birth may be wrong):

- ``juvenile_in_adult``: under ``under`` (and not under ``minimum``) in an adult case;
- ``adult_in_juvenile``: ``under`` or older in a juvenile case;
- ``under_minimum``: under ``minimum`` in any case (no criminal procedure applies).

The docket holds no date of the alleged acts (a charge records when it was filed, not
when the offence was committed). The acts came before the case was opened and before the
person was arrested for them, so the earlier of the two is the day nearest to them that
the record holds: the person's earliest arrest in the case when it comes before the
opening (an arrest in flagrante is the moment of the acts), else the opening. An age on
that day is never younger than the age at the acts: "under 18 then" proves under 18 at
the acts, while "18 then" does not prove 18 at the acts, which the adult-in-juvenile
flag says in so many words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from expediente.rules.schema import JuvenileAges, Law

Finding = Literal["juvenile_in_adult", "adult_in_juvenile", "under_minimum"]
FINDINGS: tuple[Finding, ...] = ("juvenile_in_adult", "adult_in_juvenile", "under_minimum")
# which day of the record stands for the date of the acts
Basis = Literal["arrest", "opening"]


def age_on(born: dt.date, day: dt.date) -> int:
    """Whole years from ``born`` to ``day`` (a birthday counts on its day; someone born on
    29 February turns a year older on 1 March of a common year)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def birthday(born: dt.date, years: int) -> dt.date:
    """The day ``born`` turns ``years`` old (1 March for 29 February in a common year)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return dt.date(born.year + years, 3, 1)


def acts_dated(opened: dt.date, arrests: list[dt.date]) -> tuple[dt.date, Basis]:
    """The day that stands for the date of the acts: the earliest arrest when it comes
    before the opening day, else the opening day."""
    first = min(arrests, default=None)
    if first is not None and first < opened:
        return first, "arrest"
    return opened, "opening"


@dataclass(frozen=True)
class AgeCheck:
    """An accused's age on the day that stands for the acts, and what it says of the
    case's procedure (``finding`` None: it fits)."""

    born: dt.date
    on: dt.date
    basis: Basis
    age: int
    finding: Finding | None
    law: Law | None  # the law the finding rests on (None when it fits)
    under: int
    minimum: int | None

    @property
    def comes_of_age(self) -> dt.date:
        """The day the person reached (or reaches) ``under``."""
        return birthday(self.born, self.under)


def check_age(
    ages: JuvenileAges | None, *, procedure: str, born: dt.date, on: dt.date, basis: Basis
) -> AgeCheck | None:
    """The age check of one accused (None when the pack says nothing of ages)."""
    if ages is None:
        return None
    age = age_on(born, on)
    finding: Finding | None = None
    law: Law | None = None
    if ages.minimum is not None and age < ages.minimum:
        finding, law = "under_minimum", ages.minimum_law or ages.law
    elif procedure == "adult" and age < ages.under:
        finding, law = "juvenile_in_adult", ages.law
    elif procedure == "juvenile" and age >= ages.under:
        finding, law = "adult_in_juvenile", ages.law
    return AgeCheck(born, on, basis, age, finding, law, ages.under, ages.minimum)
