"""Held past the end of the sentence the court computed: the due list shows the release
overdue like any missed limit of the law, the case page says plainly that the sentence
ended on that day and the person is still recorded as held, and the release closes it.
A person serving a final sentence with no computation recorded is a gap the case page
names ("no end date recorded for this sentence"), with the form to record it."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest

from expediente.court.due import views as due_views
from tests.conftest import LATER, NOW

pytestmark = pytest.mark.django_db

CONVICTED = {"accused": "P1", "outcome": "convicted", "custodial": True, "sentence_months": 12}
LABEL = "Release at the end of the sentence"


@pytest.fixture
def serving(accused_case, custody, record, to_trial, at):
    """P1 held since 58 days before NOW, the conviction final 35 days before NOW."""
    custody(accused_case, "arrested", at(58, 9))
    custody(accused_case, "pretrial_ordered", at(58))
    to_trial(accused_case, at(50))
    record(accused_case, "verdict.delivered", CONVICTED, occurred_at=at(40))
    record(accused_case, "judgment.final", {}, occurred_at=at(35))
    return accused_case


@pytest.fixture
def ended(serving, record, at):
    """The court computed that the sentence ends 10 days after NOW (long passed at LATER
    and today)."""
    ends_on = (NOW + dt.timedelta(days=10)).date()
    record(
        serving,
        "sentence.computed",
        {"person": "P1", "ends_on": ends_on.isoformat(), "credited_days": 58},
        occurred_at=at(30),
    )
    return serving


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def case_page(client, case) -> str:
    response = client.get(f"/court/cases/{case.nuid}/")
    assert response.status_code == 200
    return text(response.content.decode())


def due_rows(client, monkeypatch) -> list[tuple[str, str]]:
    monkeypatch.setattr(due_views, "timezone", SimpleNamespace(now=lambda: LATER))
    html = client.get("/court/due/").content.decode()
    return [
        (status, re.search(r"<strong>(.*?)</strong>", row)[1])
        for status, row in re.findall(r'<tr class="due-(\w+)">(.*?)</tr>', html, re.S)
    ]


def test_the_due_list_shows_the_release_overdue(judge_client, ended, monkeypatch):
    assert ("overdue", LABEL) in due_rows(judge_client, monkeypatch)


def test_the_case_page_says_the_sentence_ended_and_the_person_is_held(judge_client, ended):
    page = case_page(judge_client, ended)
    day = (NOW + dt.timedelta(days=10)).date()
    assert (
        f"The sentence of José Pérez Mora ended on {day.day} {day:%B} {day.year}, as the court "
        "computed it, and José Pérez Mora is still recorded as held."
    ) in page


def test_the_release_closes_it(judge_client, ended, custody, monkeypatch, at):
    custody(ended, "released", at(1), reason="sentence_served")
    assert "is still recorded as held" not in case_page(judge_client, ended)
    assert LABEL not in [label for _s, label in due_rows(judge_client, monkeypatch)]


def test_a_final_sentence_served_without_a_computation_is_named(clerk_client, serving):
    page = case_page(clerk_client, serving)
    assert "No end date recorded for this sentence." in page
    html = clerk_client.get(f"/court/cases/{serving.nuid}/").content.decode()
    assert f"/court/cases/{serving.nuid}/record/sentence.computed/?person=P1" in html


def test_the_computation_ends_the_gap(clerk_client, ended):
    assert "No end date recorded" not in case_page(clerk_client, ended)
