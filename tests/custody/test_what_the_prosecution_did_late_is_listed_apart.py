"""A deadline the prosecution owed is not the court's miss. Costa Rica's CPP art. 238:
the prosecution must ask for the detention hearing within 24 hours of the person being
placed before the judge; the judge is alerted too, so it was listed as the court's miss.
Now each deadline row keeps whose act it awaited (``Deadline.owed_by``, from the pack):
"What the court missed", the case page's section and the due list's count hold only the
court's own, and the prosecution's late request is listed apart, under its own heading,
for the court that supervises it."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from expediente.custody.models import Deadline
from expediente.docket.models import Case
from tests.conftest import PERSON
from tests.custody.test_what_the_court_missed import (  # noqa: F401  (the autouse fixture)
    URL,
    fixed_clock,
    held,
    lines,
    on,
    page,
)

REQUEST = "cr.custody_hearing_request"
REQUEST_LABEL = "Prosecutor asks for the detention hearing"
REVIEW_LABEL = "Review of pretrial detention"
PROSECUTION = 'id="missed-prosecution-heading"'


def late_request(open_case, record, custody, day: dt.datetime | None = None) -> Case:
    """Placed before the judge at 20:00 on ``day`` (1 November 2026 unless told); the
    prosecution asked for the hearing only at 10:00 two days later, 14 hours after its
    24 had run out; the judge ordered pretrial detention at 15:00 that day."""
    first = (day or on(2026, 11, 1)).replace(hour=8)
    case = open_case(occurred_at=first)
    person = {"role": "accused", "person": PERSON}
    record(case, "participant.added", person, occurred_at=first)
    custody(case, "arrested", first)
    custody(case, "placed_before_judge", first.replace(hour=20))
    custody(case, "hearing_requested", first.replace(hour=10) + dt.timedelta(days=2))
    custody(case, "pretrial_ordered", first.replace(hour=15) + dt.timedelta(days=2))
    return case


@pytest.fixture
def both(open_case, record, custody):
    """The prosecution's late request in one case; a review the court held five weeks
    late (10 November) in another."""
    request = late_request(open_case, record, custody)
    review = held(open_case, record, custody, on(2026, 7, 2, 11))  # due by 2 October
    custody(review, "pretrial_reviewed", on(2026, 11, 10))
    return SimpleNamespace(request=request, review=review)


def test_the_row_says_the_prosecution_owed_the_request(both):
    row = Deadline.objects.get(case=both.request, rule_id=REQUEST)
    assert row.missed_at == on(2026, 11, 3, 10)
    assert row.owed_by == "prosecution"
    assert "judge" in row.alert_roles  # the judge is told, but it is not the court's act
    review = Deadline.objects.get(case=both.review, rule_id="cr.pretrial_review", cycle=0)
    assert review.owed_by == "court"


def test_the_court_page_lists_the_request_under_the_prosecution_not_the_court(judge_client, both):
    html = page(judge_client)
    court_part, prosecution_part = html.split(PROSECUTION, 1)
    assert lines(court_part) == [("late", both.review.number, REVIEW_LABEL)]
    assert "What the prosecution did not do in time" in prosecution_part
    assert lines(prosecution_part) == [("late", both.request.number, REQUEST_LABEL)]
    assert "Met late</span> by “Custody hearing requested”" in prosecution_part
    assert re.search(r"14\shours\slate", prosecution_part)


def test_with_only_the_prosecutions_late_the_court_missed_nothing(
    judge_client, open_case, record, custody
):
    case = late_request(open_case, record, custody)
    html = page(judge_client)
    court_part, prosecution_part = html.split(PROSECUTION, 1)
    assert lines(court_part) == []
    assert "No deadline ended late in the last 90 days." in court_part
    assert lines(prosecution_part) == [("late", case.number, REQUEST_LABEL)]
    # and the due list counts no miss of the court's
    assert "ended late in the last 30 days" not in judge_client.get("/court/due/").content.decode()


def test_the_due_list_counts_only_the_courts_own(judge_client, both):
    html = judge_client.get("/court/due/").content.decode()
    assert "1 deadline ended late in the last 30 days." in html


def test_a_page_without_the_prosecutions_late_has_no_such_heading(
    judge_client, open_case, record, custody
):
    case = held(open_case, record, custody, on(2026, 7, 2, 11))
    custody(case, "pretrial_reviewed", on(2026, 11, 10))
    html = page(judge_client)
    assert PROSECUTION not in html
    assert lines(html) == [("late", case.number, REVIEW_LABEL)]


def test_each_list_pages_on_by_itself(judge_client, open_case, record, custody, monkeypatch):
    from expediente.court.missed import views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    first = late_request(open_case, record, custody)
    second = late_request(open_case, record, custody)
    html = page(judge_client)
    prosecution_part = html.split(PROSECUTION, 1)[1]
    seen = lines(prosecution_part)
    while (
        found := re.search(r'href="\?([^"]*after=[^"]+)" rel="next"', prosecution_part)
    ) is not None:
        query = found[1].replace("&amp;", "&")
        assert "owed=prosecution" in query
        html = judge_client.get(f"{URL}?{query}").content.decode()
        assert PROSECUTION in html
        prosecution_part = html.split(PROSECUTION, 1)[1]
        seen += lines(prosecution_part)
    numbers = [n for _h, n, _l in seen]
    assert sorted(numbers) == sorted([first.number, second.number])
    assert len(numbers) == 2


def test_the_case_page_shows_the_request_apart_from_what_the_court_missed(
    judge_client, open_case, record, custody
):
    case = late_request(open_case, record, custody)
    html = judge_client.get(f"/court/cases/{case.nuid}/").content.decode()
    assert 'id="missed-heading"' not in html  # the court missed nothing here
    panel = html.split(PROSECUTION, 1)[1].split("</section>", 1)[0]
    assert "What the prosecution did not do in time" in panel
    assert "Not the court's to meet: the court supervises it." in panel
    assert f"<strong>{REQUEST_LABEL}</strong>" in panel


def test_a_rebuild_gives_the_same_owner(both):
    from expediente.docket.rebuild import rebuild

    assert "prosecution" in set(Deadline.objects.values_list("owed_by", flat=True))
    assert rebuild(check=True).differences == []
    # and a row whose owner is wrong is a difference the check names
    wrong = Deadline.objects.filter(owed_by="prosecution")
    keys = set(wrong.values_list("key", flat=True))
    wrong.update(owed_by="court")
    found = rebuild(check=True).differences
    assert {d.key[1] for d in found} == keys


def test_the_upgrade_fills_the_owner_of_rows_computed_before_it(both, capsys, monkeypatch):
    """custody/0008 fills ``owed_by`` from each row's rule in its court's pack; a row
    whose rule the pack lacks stays the court's, and the migration says how many."""
    upgrade = importlib.import_module("expediente.custody.migrations.0008_fill_deadline_owed_by")
    computed = dict(Deadline.objects.values_list("key", "owed_by"))
    Deadline.objects.update(owed_by="court")  # as before the upgrade
    stray = Deadline.objects.filter(case=both.review).order_by("pk").first()
    Deadline.objects.filter(pk=stray.pk).update(rule_id="cr.no_such_rule")
    monkeypatch.setattr(upgrade, "BATCH", 2)  # several batches, even in this small court
    left = upgrade.fill(apps, SimpleNamespace(connection=connection))
    assert left == 1
    assert "1 deadline row(s) left owed by the court" in capsys.readouterr().out
    after = dict(Deadline.objects.values_list("key", "owed_by"))
    assert after == computed
    assert after[stray.key] == "court"


def test_an_upgrade_with_nothing_unknown_says_nothing(both, capsys):
    upgrade = importlib.import_module("expediente.custody.migrations.0008_fill_deadline_owed_by")
    Deadline.objects.update(owed_by="court")
    assert upgrade.fill(apps, SimpleNamespace(connection=connection)) == 0
    assert capsys.readouterr().out == ""
    assert Deadline.objects.get(case=both.request, rule_id=REQUEST).owed_by == "prosecution"
