"""The court's due list opens with the accused whose age at the time of the acts does not
fit their case's procedure (a child under the adult procedure has adult limits on every
deadline below), above the breaches and the petitions; only the cases the reader may see,
named as the reader may see them; none for filings that fit or dates of birth not
recorded."""

from __future__ import annotations

import datetime as dt
import re

from expediente.access.access_log import AccessRecord
from expediente.petitions.services import petition_file
from tests.conftest import NOW

URL = "/court/due/"


def person(given: str, born: str | None) -> dict:
    data = {"given_names": given, "family_names": "Solís Mora", "sex": "male"}
    return data | ({"date_of_birth": born} if born else {})


def section(html: str) -> str:
    found = re.search(r'<section class="panel ages".*?</section>', html, re.S)
    return found.group(0) if found else ""


def test_flagged_accused_come_first_and_nobody_else(
    clerk_client, outsider_client, clerk, open_case, record, page
):
    child = open_case("adult")
    record(child, "participant.added", {"role": "accused", "person": person("Kevin", "2009-11-02")})
    adult = open_case("juvenile")
    record(adult, "participant.added", {"role": "accused", "person": person("Luis", "1990-03-04")})
    fits = open_case("adult")
    record(fits, "participant.added", {"role": "accused", "person": person("Ana", "1985-01-01")})
    unknown = open_case("adult")
    record(unknown, "participant.added", {"role": "accused", "person": person("Eva", None)})
    petition_file(  # petitions awaiting an answer come below them
        case=fits,
        actor=clerk,
        occurred_at=NOW - dt.timedelta(days=2),
        petitioner="P1",
        kind="detention_review",
        text="Pido que se revise la detención.",
        filed_via="clerk",
    )

    html = page(clerk_client, URL)
    ages = section(html)
    assert ages, "no section on the page"
    assert html.index("<section") == html.index('<section class="panel ages"')  # first
    assert html.index('class="panel ages"') < html.index('id="other-petitions-heading"')
    assert child.number in ages
    assert adult.number in ages
    assert fits.number not in ages
    assert unknown.number not in ages
    assert "Kevin Solís Mora was 16 years old" in ages
    assert "Luis Solís Mora was 35 years old" in ages
    assert "Ley 7576" in ages
    # the names shown are logged as read, in the page's one INSERT
    assert AccessRecord.objects.filter(case=child, channel="web").exists()

    # a clerk of another court sees none of it
    assert section(page(outsider_client, URL)) == ""


def test_a_corrected_procedure_leaves_the_list(clerk_client, open_case, record, page):
    case = open_case("adult")
    record(case, "participant.added", {"role": "accused", "person": person("Kevin", "2009-11-02")})
    assert case.number in section(page(clerk_client, URL))
    record(
        case,
        "case.opened",
        {"procedure": "juvenile"},
        occurred_at=case.opened_at,
        corrects_seq=1,
    )
    assert section(page(clerk_client, URL)) == ""
