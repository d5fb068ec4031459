"""Review: the accused's case page printed the entry recording whom a guardian stands
for with both names as the page shows them, "Carmen Campos Soto (Guardian) · Víctima A
(Victim)": beside her mother's full name, the pseudonym the court gave the child no
longer hid her family. The page now reads the entry as the API's events list does
(``access/disclosure.CaseView.stands_for``): the child is left out for a reader who sees
the guardian's name more fully than hers, and named where the reader sees both fully."""

from __future__ import annotations

import pytest

from tests.portal.test_a_guardian_is_addressed_as_the_guardian import (  # noqa: F401
    follow,
    juvenile_case,
    said,
)

CHILD = {
    "given_names": "Lucía",
    "family_names": "Campos Soto",
    "sex": "female",
    "date_of_birth": "2012-01-01",
}
MOTHER = {"given_names": "Carmen", "family_names": "Campos Soto", "sex": "female"}
STANDS_FOR = "Guardian stands for"


@pytest.fixture
def child_and_mother(juvenile_case, record):  # type: ignore[no-untyped-def]  # noqa: F811
    # P1 accused, P2 his guardian, P3 public defender, P4 victim, P5 victim's lawyer
    record(
        juvenile_case,
        "participant.added",
        {"role": "victim", "person": CHILD, "protected": True, "pseudonym": "Víctima A"},
    )  # P6
    record(juvenile_case, "participant.added", {"role": "guardian", "person": MOTHER})  # P7
    record(juvenile_case, "participant.stands_for", {"guardian": "P7", "stands_for": "P6"})
    return juvenile_case


def _entry(page: str) -> str:
    """The stands-for entry of the page's history (the last one): its label to the end
    of the history."""
    start = page.index(STANDS_FOR)
    return page[start : page.index("Who viewed my case", start)]


def test_the_accused_does_not_read_whom_the_named_mother_stands_for(child_and_mother, issue):  # type: ignore[no-untyped-def]
    page = said(follow(child_and_mother, issue, "P1", "en"), "/follow/case/")
    entry = _entry(page)
    assert "Carmen Campos Soto" in entry  # the guardian the participants list names
    assert "Víctima A" not in entry
    assert "Lucía" not in page


@pytest.mark.parametrize("reader", ["P2", "P4", "P7"])
def test_nor_does_anyone_who_sees_the_child_by_pseudonym(child_and_mother, issue, reader):  # type: ignore[no-untyped-def]
    # the accused's mother, the other victim and the child's own mother alike: the
    # rule is the API's (her mother's page names the child by pseudonym elsewhere)
    entry = _entry(said(follow(child_and_mother, issue, reader, "en"), "/follow/case/"))
    assert "Carmen Campos Soto" in entry
    assert "Víctima A" not in entry


def test_the_childs_own_page_tells_whom_her_mother_stands_for(child_and_mother, issue):  # type: ignore[no-untyped-def]
    # the child sees herself in full, and her mother's name: the link says nothing new
    entry = _entry(said(follow(child_and_mother, issue, "P6", "en"), "/follow/case/"))
    assert "Carmen Campos Soto" in entry
    assert "Lucía Campos Soto" in entry
