"""Review: the entries recording that a detainee was told of the right to consular
notification, and that the consulate was informed, were on every participant's case
page (and in their messages): they told the victim, the witnesses and the guardians that
the accused is a foreign national, which nobody else in the case is told. They are now
on the pages of the person they name and of the defence only
(``custody.consular.may_read_entry``)."""

from __future__ import annotations

import pytest

from tests.portal.test_a_guardian_is_addressed_as_the_guardian import (  # noqa: F401
    follow,
    juvenile_case,
    said,
)

TOLD = "Told of the right to consular notification"
INFORMED = "Consulate informed of the detention"


@pytest.fixture
def consulate_informed(juvenile_case, record):  # type: ignore[no-untyped-def]  # noqa: F811
    # P1 accused, P2 his guardian, P3 public defender, P4 victim, P5 victim's lawyer
    record(
        juvenile_case,
        "consular.rights_informed",
        {"person": "P1", "requested": True, "language": "inglés"},
    )
    record(
        juvenile_case,
        "consular.post_notified",
        {"person": "P1", "consular_post": "Consulado de Nicaragua", "means": "phone"},
    )
    return juvenile_case


@pytest.mark.parametrize("reader", ["P1", "P3"])
def test_the_accused_and_the_defence_read_them(consulate_informed, issue, reader):  # type: ignore[no-untyped-def]
    page = said(follow(consulate_informed, issue, reader, "en"), "/follow/case/")
    assert TOLD in page
    assert INFORMED in page


@pytest.mark.parametrize("reader", ["P2", "P4", "P5"])
def test_nobody_else_reads_them(consulate_informed, issue, reader):  # type: ignore[no-untyped-def]
    page = said(follow(consulate_informed, issue, reader, "en"), "/follow/case/")
    assert TOLD not in page
    assert INFORMED not in page
    assert "consul" not in page.lower()
    assert "Hearing scheduled" in page  # the rest of the history is still there
