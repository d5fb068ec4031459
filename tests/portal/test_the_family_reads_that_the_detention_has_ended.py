"""When the court ends the detention (the order lifted) and the record still shows the
person held, the family's page says it plainly, in their language: the court's target
for the release and that it is a target, not a legal limit; once the target has passed,
that the court ended the detention on that day and the record still shows them held.
The release ends both."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tests.portal.conftest import CR, days_ago, make_clerk, make_issuer, text_of

pytestmark = pytest.mark.django_db


def hours_ago(hours: float) -> dt.datetime:
    return (timezone.now() - dt.timedelta(hours=hours)).astimezone(CR).replace(microsecond=0)


def lifted(case, record, when: dt.datetime) -> None:
    p1 = {"person": "P1"}
    record(case, "custody.arrested", p1, occurred_at=days_ago(25, 8))
    order = {**p1, "until": "2099-12-31", "grounds": "Peligro de fuga"}
    record(case, "custody.pretrial_ordered", order, occurred_at=days_ago(24))
    record(case, "custody.pretrial_lifted", p1, occurred_at=when)


def family_page(case, court, language="en") -> str:
    family = Client(HTTP_ACCEPT_LANGUAGE=language)
    code = make_issuer(make_clerk(court))(case, "P1", language=language)
    family.post("/follow/", {"case_number": case.nuid, "code": code})
    return " ".join(text_of(family.get("/follow/case/").content.decode()).split())


def test_the_target_for_the_release_reads_in_plain_words(accused_case, record, court):
    lifted(accused_case, record, hours_ago(3))
    page = family_page(accused_case, court)
    assert (
        "The court has ended the detention in this case: unless another case holds them, "
        "the person must be released. The court's target is their release by"
    ) in page
    assert "This is the court's service target, not a time limit set by law." in page
    assert "still shows" not in page  # not passed yet


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "The court ended the detention on"),
        ("es", "El tribunal puso fin a la detención el"),
        ("pt", "O tribunal pôs fim à prisão em"),
        ("fr", "Le tribunal a mis fin à la détention le"),
    ],
)
def test_a_target_passed_with_the_person_still_held_is_said_plainly(
    accused_case, record, court, language, words
):
    lifted(accused_case, record, days_ago(3))
    page = family_page(accused_case, court, language=language)
    assert words in page
    assert "José Pérez Mora" in page.split(words, 1)[1][:200]


def test_the_release_ends_it(accused_case, record, court):
    lifted(accused_case, record, days_ago(3))
    released = {"person": "P1", "reason": "order_of_court"}
    record(accused_case, "custody.released", released, occurred_at=days_ago(1))
    page = family_page(accused_case, court)
    assert "The court ended the detention on" not in page
    assert "The court's target is their release" not in page
