"""A clerk searching for a person sees, beside each case, who in it matched and as what
(QA: "Kevin" listed a case with its accused "Lucía Zúñiga Céspedes" and never said the
match was a witness); an identity document's number finds its holder's cases, and so
does the run of digits in the middle of a case number ("000005" found nothing)."""

from __future__ import annotations

import re

from tests.court.pages.conftest import case_url

WITNESS = {
    "role": "witness",
    "person": {"given_names": "Kevin", "family_names": "Mora Solís", "id_number": "2-0555-0111"},
}


def row_of(html: str, case) -> str:  # type: ignore[no-untyped-def]
    rows = [r for r in re.split(r"<tr[ >]", html) if case_url(case) in r]
    assert len(rows) == 1
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", rows[0]))


def test_a_case_found_through_a_witness_says_so(clerk_client, page, accused_case, record):
    record(accused_case, "participant.added", WITNESS)
    row = row_of(page(clerk_client, "/court/cases/", q="kevin"), accused_case)
    assert "Found through: Kevin Mora Solís, Witness" in row
    assert "José Pérez Mora" in row  # the accused is still the case's name


def test_a_search_by_the_accused_s_name_says_it_found_the_accused(clerk_client, page, accused_case):
    row = row_of(page(clerk_client, "/court/cases/", q="jose perez"), accused_case)
    assert "Found through: José Pérez Mora, Accused" in row


def test_an_identity_document_finds_its_holder_s_cases(
    clerk_client, page, accused_case, record, open_case
):
    other = open_case()
    record(accused_case, "participant.added", WITNESS)
    html = page(clerk_client, "/court/cases/", q="2-0555-0111")
    assert case_url(accused_case) in html
    assert case_url(other) not in html
    assert "Found through: Kevin Mora Solís, Witness" in row_of(html, accused_case)
    # the accused's own document, and a prefix of it, as typed on the form
    assert case_url(accused_case) in page(clerk_client, "/court/cases/", q="1-0234")


def test_the_digits_inside_a_case_number_find_it(clerk_client, page, accused_case, open_case):
    other = open_case()
    inner = accused_case.number.split("-")[1]  # "000001" of "26-000001-0042-PE"
    html = page(clerk_client, "/court/cases/", q=inner)
    assert case_url(accused_case) in html
    assert case_url(other) not in html
    # three digits are too few to look inside numbers: every case would match
    assert case_url(accused_case) not in page(clerk_client, "/court/cases/", q="001")
