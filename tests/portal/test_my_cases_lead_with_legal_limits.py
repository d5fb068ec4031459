"""On /my/, a client's legal limits on liberty lead the case's deadlines; the court's
own service target (the answer to a petition) comes after them, marked as a target and
never with the "Overdue" badge of a legal limit (QA: "Overdue — Answer to a petition"
led the column)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from expediente.petitions.services import petition_file
from tests.portal.conftest import text_of
from tests.portal.test_a_lawyer_files_a_petition_for_a_client import linked


def test_legal_limits_first_the_courts_target_apart(detained_case, court_clerk):  # type: ignore[no-untyped-def]
    petition_file(
        case=detained_case,
        petitioner="P1",
        kind="detention_review",
        text="Revisión, por favor.",
        filed_via="clerk",
        actor=court_clerk,
        occurred_at=timezone.now() - dt.timedelta(days=4),
    )
    browser, _user = linked(detained_case, court_clerk)
    body = browser.get("/my/").content.decode()
    cell = text_of(body.split('data-label="Detention deadlines"', 1)[1].split("</td>", 1)[0])
    review = cell.index("Review of pretrial detention")
    target = cell.index("The court's service targets (not legal limits):")
    answer = cell.index("Answer to a petition")
    assert review < target < answer, cell
    assert "Target passed" in cell[target:]
    assert "Overdue" not in cell


def test_the_deadlines_page_puts_the_legal_limits_first_and_the_targets_apart(  # type: ignore[no-untyped-def]
    detained_case, court_clerk
):
    """/my/deadlines/ listed 15 petition answers ("Overdue") before the legal limits,
    under the article the target cites, marked only in small print."""
    petition_file(
        case=detained_case,
        petitioner="P1",
        kind="detention_review",
        text="Revisión, por favor.",
        filed_via="clerk",
        actor=court_clerk,
        occurred_at=timezone.now() - dt.timedelta(days=4),
    )
    browser, _user = linked(detained_case, court_clerk)
    text = text_of(browser.get("/my/deadlines/").content.decode())
    legal = text.index("Limits set by law")
    targets = text.index("The court's service targets (not legal limits)")
    assert legal < text.index("Review of pretrial detention") < targets
    assert targets < text.index("Answer to a petition")
