"""Who the juvenile procedure is for, by age at the time of the acts, is the pack's data
(``juvenile_ages``: a minimum age of criminal responsibility, the age from which the
adult procedure applies, and the law), validated on load: a range that is not one, or an
unverified source, is refused naming the path. ``rules/ages.py`` judges an accused's age
on the day that stands for the acts: a child in an adult case, an adult in a juvenile
case, a child under the minimum in any case; nothing for a filing that fits."""

from __future__ import annotations

import datetime as dt

import pytest

from expediente.rules.ages import acts_dated, age_on, birthday, check_age
from expediente.rules.loader import load_pack
from tests.rules.conftest import edit

AGES = """procedures: [adult, juvenile]
juvenile_ages:
  minimum: {minimum}
  under: {under}
  law: {{text: Mini juvenile law, article: "1", flag: {flag}}}
"""


def _with(minimum: str = "12", under: str = "18", flag: str = "V") -> str:
    return edit(
        "procedures: [adult, juvenile]\n", AGES.format(minimum=minimum, under=under, flag=flag)
    )


def test_a_pack_with_an_age_range_loads(write_pack, rules_check):
    result = rules_check(write_pack(_with()))
    assert result.error is None, result.stderr


@pytest.mark.parametrize(
    ("minimum", "under", "flag"),
    [
        ("18", "18", "V"),
        ("14", "12", "V"),
        ("12", "18", "U"),
        ("12", "18", "policy"),
        ("0", "18", "V"),
    ],
)
def test_a_range_that_is_not_one_or_an_unverified_source_is_refused(refused, minimum, under, flag):
    path, stderr = refused(_with(minimum, under, flag))
    assert stderr.startswith(f"{path}: juvenile_ages"), stderr


def test_the_shipped_packs_give_their_ranges_with_their_articles():
    cr, br, intl = (load_pack(p).juvenile_ages for p in ("cr", "br", "intl"))
    assert cr is not None
    assert (cr.minimum, cr.under) == (12, 18)
    assert (cr.law.text, cr.law.article) == ("Ley de Justicia Penal Juvenil (Ley 7576)", "1")
    assert cr.minimum_law is not None
    assert cr.minimum_law.article == "6"
    assert br is not None
    assert (br.minimum, br.under) == (12, 18)
    assert br.law.flag == "P"  # not in shared/reference: to confirm, and said so
    assert "104" in br.law.article
    assert intl is not None
    assert (intl.minimum, intl.under) == (None, 18)
    assert intl.law.flag == "P"


CR = load_pack("cr").juvenile_ages
OPENED = dt.date(2026, 1, 31)


@pytest.mark.parametrize(
    ("procedure", "born", "finding"),
    [
        ("adult", dt.date(2009, 11, 2), "juvenile_in_adult"),
        ("adult", dt.date(2008, 1, 31), None),  # 18 that very day
        ("adult", dt.date(2008, 2, 1), "juvenile_in_adult"),  # 18 the day after
        ("juvenile", dt.date(2009, 11, 2), None),
        ("juvenile", dt.date(2008, 1, 31), "adult_in_juvenile"),
        ("juvenile", dt.date(2014, 2, 1), "under_minimum"),
        ("adult", dt.date(2016, 5, 5), "under_minimum"),
        ("juvenile", dt.date(2014, 1, 31), None),  # 12 that very day
    ],
)
def test_an_age_is_judged_against_the_procedure(procedure, born, finding):
    check = check_age(CR, procedure=procedure, born=born, on=OPENED, basis="opening")
    assert check is not None
    assert check.finding == finding
    if finding == "under_minimum":
        assert check.law is CR.minimum_law
    elif finding:
        assert check.law is CR.law


def test_a_pack_without_ages_judges_nothing():
    assert check_age(None, procedure="adult", born=OPENED, on=OPENED, basis="opening") is None


def test_the_earlier_of_the_first_arrest_and_the_opening_stands_for_the_acts():
    assert acts_dated(OPENED, []) == (OPENED, "opening")
    assert acts_dated(OPENED, [dt.date(2026, 2, 5)]) == (OPENED, "opening")
    before = dt.date(2026, 1, 20)
    assert acts_dated(OPENED, [dt.date(2026, 1, 25), before]) == (before, "arrest")


def test_a_birthday_on_29_february():
    born = dt.date(2008, 2, 29)
    assert age_on(born, dt.date(2026, 2, 28)) == 17
    assert age_on(born, dt.date(2026, 3, 1)) == 18
    assert birthday(born, 18) == dt.date(2026, 3, 1)
