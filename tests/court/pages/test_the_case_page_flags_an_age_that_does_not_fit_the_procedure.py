"""A child filed under the adult procedure, an adult under the juvenile one, or a child
below the minimum age of criminal responsibility: the staff case page opens with an
alert naming the person, their age on the day that stands for the acts, the rule and its
source, and links the correction of the opening. Nothing is said for a filing that fits
or a date of birth not recorded, which the parties table says instead."""

from __future__ import annotations

import datetime as dt
import html as markup
import re

from tests.conftest import NOW
from tests.court.pages.conftest import case_url


def person(born: str | None) -> dict:
    data = {"given_names": "Kevin", "family_names": "Solís Mora", "sex": "male"}
    return data | ({"date_of_birth": born} if born else {})


def alert(html: str) -> str:
    """The text of the page's age alert ("" when there is none)."""
    found = re.search(r'<div class="warning age-procedure" role="alert">(.*?)</div>', html, re.S)
    if not found:
        return ""
    return markup.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip())


def test_a_child_in_an_adult_case(clerk_client, open_case, record, page):
    case = open_case("adult")  # opened on 31 January 2026
    record(case, "participant.added", {"role": "accused", "person": person("2009-11-02")})
    html = page(clerk_client, case_url(case))
    said = alert(html)
    assert said.startswith(
        "Kevin Solís Mora was 16 years old on 31 January 2026 (the day the case was opened): "
        "under 18, the age until which the juvenile procedure applies (Ley de Justicia Penal "
        "Juvenil (Ley 7576) art. 1), but this case is under the adult procedure."
    ), said
    assert "Correct the opening entry (its procedure)" in said
    assert f'href="/court/cases/{case.nuid}/events/1/correct/"' in html
    assert html.index("age-procedure") < html.index("National identifier")  # first


def test_an_adult_in_a_juvenile_case_is_told_what_the_record_cannot_say(
    clerk_client, open_case, record, page
):
    case = open_case("juvenile")
    record(case, "participant.added", {"role": "accused", "person": person("2007-06-15")})
    said = alert(page(clerk_client, case_url(case)))
    assert "Kevin Solís Mora was 18 years old on 31 January 2026" in said
    assert "in a case under the juvenile procedure" in said
    assert "if they were committed before 15 June 2025, the juvenile procedure is right" in said


def test_a_child_under_the_minimum_age_and_the_first_arrest(clerk_client, open_case, record, page):
    case = open_case("juvenile")
    record(case, "participant.added", {"role": "accused", "person": person("2014-01-20")})
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=NOW - dt.timedelta(days=45))
    said = alert(page(clerk_client, case_url(case)))
    assert "was 11 years old on 16 January 2026 (the day of their first arrest in this case)" in (
        said
    )
    assert "under 12, the minimum age of criminal responsibility" in said
    assert "(Ley de Justicia Penal Juvenil (Ley 7576) art. 6)" in said


def test_no_alert_for_a_filing_that_fits_or_an_unknown_date_of_birth(
    clerk_client, open_case, record, page
):
    fits = open_case("juvenile")
    record(fits, "participant.added", {"role": "accused", "person": person("2009-11-02")})
    html = page(clerk_client, case_url(fits))
    assert alert(html) == ""
    assert "Born 2 November 2009: 16 years old on 31 January 2026" in html

    unknown = open_case("adult")
    record(unknown, "participant.added", {"role": "accused", "person": person(None)})
    html = page(clerk_client, case_url(unknown))
    assert alert(html) == ""
    assert "Date of birth not recorded." in html


def test_the_alert_goes_once_the_procedure_is_corrected(clerk_client, open_case, record, page):
    case = open_case("adult")
    record(case, "participant.added", {"role": "accused", "person": person("2009-11-02")})
    record(
        case,
        "case.opened",
        {"procedure": "juvenile"},
        occurred_at=case.opened_at,
        corrects_seq=1,
    )
    assert alert(page(clerk_client, case_url(case))) == ""
