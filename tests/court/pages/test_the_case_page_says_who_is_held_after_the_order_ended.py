"""A person whose detention order the court lifted (or replaced) and who is still
recorded as held is held on no ground: the case page says so at the top, with the day
the order ended, the court's target for the release (24 hours: a service target, not a
legal limit), whether it has passed, and a link to record the release for that person.
The release, or an order that holds them again, ends the warning; a review that
maintains the order never shows it. An acquittal is said by the acquittal warning, with
the same target. The due list shows the release like any other deadline."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone, translation

from expediente.court.due import views as due_views
from expediente.court.pages.case_page import case_page
from expediente.docket.verdicts import VERDICT
from tests.conftest import LATER, NOW
from tests.court.pages.conftest import case_url

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(hours=24)
LABEL = "Release once the ground for detention has ended"


def _held(case, record, at):
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=at(40))
    order = {"person": "P1", "until": "2099-12-31", "grounds": "Peligro de fuga"}
    record(case, "custody.pretrial_ordered", order, occurred_at=at(39))
    return case


def _lift(case, record, when):
    return record(case, "custody.pretrial_lifted", {"person": "P1"}, occurred_at=when)


def _warning(html: str) -> str:
    found = html.split('class="warning ground-ended" role="alert">', 1)
    assert len(found) == 2, "no warning that someone is held after the order ended"
    return " ".join(re.sub(r"<[^>]+>", " ", found[1].split("</div>")[0]).split())


def test_a_person_held_after_the_lift_is_named_at_the_top_with_the_release_form(
    clerk_client, accused_case, record, page, at
):
    case = _held(accused_case, record, at)
    _lift(case, record, at(10))
    html = page(clerk_client, case_url(case))
    alert = _warning(html)
    assert "José Pérez Mora is still recorded as held, although the detention order ended on" in (
        alert
    )
    assert "The court's target for the release:" in alert
    assert "(the court's service target, not a legal time limit)" in alert
    assert "Overdue" in alert  # ten days on
    assert f'href="{case_url(case)}record/custody.released/?person=P1"' in html
    assert html.index("ground-ended") < html.index("National identifier")


def test_overdue_only_once_the_target_has_passed(clerk, accused_case, record, at):
    case = _held(accused_case, record, at)
    lifted = at(10)
    _lift(case, record, lifted)
    with translation.override("en"):
        page = case_page(nuid=case.nuid, actor=clerk, now=lifted + dt.timedelta(hours=2))
        [soon] = page.ground_ended
        [late] = case_page(nuid=case.nuid, actor=clerk, now=lifted + DAY).ground_ended
    assert soon.ended_at == lifted
    assert soon.release_by == lifted + DAY
    assert not soon.overdue
    assert late.overdue


def test_the_release_or_a_new_order_ends_it_and_a_maintained_review_never_shows_it(
    clerk, accused_case, record, at
):
    def custody(case, what, when, **fields):
        record(case, f"custody.{what}", {"person": "P1", **fields}, occurred_at=when)

    case = _held(accused_case, record, at)
    custody(case, "pretrial_reviewed", at(20), outcome="maintained")
    assert case_page(nuid=case.nuid, actor=clerk, now=NOW).ground_ended == []
    _lift(case, record, at(10))
    assert len(case_page(nuid=case.nuid, actor=clerk, now=NOW).ground_ended) == 1
    custody(case, "pretrial_ordered", at(9), until="2099-12-31", grounds="Peligro de fuga")
    assert case_page(nuid=case.nuid, actor=clerk, now=NOW).ground_ended == []
    custody(case, "pretrial_replaced", at(5), measures="Firmar cada quince días")
    assert len(case_page(nuid=case.nuid, actor=clerk, now=NOW).ground_ended) == 1
    custody(case, "released", at(4), reason="measures_replaced")
    assert case_page(nuid=case.nuid, actor=clerk, now=NOW).ground_ended == []


def test_an_acquittal_gives_its_target_in_the_acquittal_warning(
    clerk_client, clerk, accused_case, record, page, at
):
    case = _held(accused_case, record, at)
    record(case, "indictment.filed", {"accused": "P1"}, occurred_at=at(20))
    record(case, "trial.committed", {}, occurred_at=at(19))
    acquitted = at(10)
    record(case, VERDICT, {"accused": "P1", "outcome": "acquitted"}, occurred_at=acquitted)
    built = case_page(nuid=case.nuid, actor=clerk, now=timezone.now())
    assert built.ground_ended == []  # said once, by the acquittal warning
    [held] = built.after_acquittal
    assert held.release_by == acquitted + DAY
    assert held.overdue
    html = page(clerk_client, case_url(case))
    block = html.split('class="warning after-acquittal" role="alert">', 1)[1].split("</div>")[0]
    assert "The court's target for the release:" in block
    assert "record/custody.released/?person=P1" in block


def test_the_due_list_shows_the_release_overdue_as_a_service_target(
    judge_client, accused_case, record, at, monkeypatch
):
    case = _held(accused_case, record, at)
    _lift(case, record, at(10))
    monkeypatch.setattr(due_views, "timezone", SimpleNamespace(now=lambda: LATER))
    html = judge_client.get("/court/due/").content.decode()
    rows = re.findall(r'<tr class="due-(\w+)">(.*?)</tr>', html, re.S)
    [row] = [r for status, r in rows if LABEL in r and status == "overdue"]
    assert "service target, not a legal limit" in row


def test_an_acquittal_after_the_lift_is_one_warning_naming_the_lift_and_its_target(
    clerk_client, clerk, accused_case, record, page, at
):
    # the lift ended the ground first and the watch runs from it (a second start does
    # not move it): one warning, the lift's, with the target counted from the lift
    case = _held(accused_case, record, at)
    record(case, "indictment.filed", {"accused": "P1"}, occurred_at=at(20))
    record(case, "trial.committed", {}, occurred_at=at(19))
    lifted = at(10)
    _lift(case, record, lifted)
    record(case, VERDICT, {"accused": "P1", "outcome": "acquitted"}, occurred_at=at(8))
    with translation.override("en"):
        built = case_page(nuid=case.nuid, actor=clerk, now=timezone.now())
    [ground] = built.ground_ended
    assert ground.ended_at == lifted
    assert ground.release_by == lifted + DAY
    assert built.after_acquittal == []
    html = page(clerk_client, case_url(case))
    assert 'class="warning after-acquittal"' not in html
    assert "José Pérez Mora was acquitted" not in html
    assert _warning(html).count("is still recorded as held") == 1


def test_a_recapture_after_the_lift_is_said_as_a_recapture_on_both_pages(
    clerk_client, accused_case, record, page, at, court
):
    # the watch opens again at the recapture: the pages must not call the recapture's
    # day the day the order ended
    from tests.portal.conftest import make_clerk, make_issuer, text_of

    case = _held(accused_case, record, at)
    _lift(case, record, at(10))
    record(case, "custody.escaped", {"person": "P1"}, occurred_at=at(9))
    recaptured = at(8)
    record(case, "custody.recaptured", {"person": "P1"}, occurred_at=recaptured)
    alert = _warning(page(clerk_client, case_url(case)))
    assert "José Pérez Mora was recaptured on" in alert
    assert "is recorded as held again, but no detention order is in force" in alert
    assert "although the detention order ended" not in alert
    assert "The court's target for the release:" in alert
    code = make_issuer(make_clerk(court))(case, "P1", language="en")
    family = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert family.post("/follow/", {"case_number": case.nuid, "code": code}).status_code == 302
    body = family.get("/follow/case/").content.decode()
    [said] = re.findall(r'<p class="warning ground-ended">(.*?)</p>', body, re.S)
    assert text_of(said).startswith("Since the recapture on ")
    assert "The court ended the detention on" not in body


def test_a_custody_hearing_that_ordered_no_detention_is_named_not_an_order(
    clerk_client, accused_case, record, page, at, court
):
    # arrested, then a custody hearing that released them: no order ever held them
    from tests.portal.conftest import make_clerk, make_issuer, text_of

    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=at(3))
    heard = {"person": "P1", "outcome": "alternative_measures"}
    record(accused_case, "custody.hearing_held", heard, occurred_at=at(2))
    alert = _warning(page(clerk_client, case_url(accused_case)))
    assert "although the custody hearing of" in alert
    assert "ordered no detention" in alert
    assert "the detention order ended" not in alert
    assert "The court's target for the release:" in alert
    code = make_issuer(make_clerk(court))(accused_case, "P1", language="en")
    family = Client(HTTP_ACCEPT_LANGUAGE="en")
    post = {"case_number": accused_case.nuid, "code": code}
    assert family.post("/follow/", post).status_code == 302
    body = family.get("/follow/case/").content.decode()
    [said] = re.findall(r'<p class="warning ground-ended">(.*?)</p>', body, re.S)
    assert text_of(said).startswith("The custody hearing of ")
    assert "ordered no detention" in text_of(said)


def test_a_recapture_after_a_custody_hearing_names_the_hearing_on_both_pages(
    clerk_client, accused_case, record, page, at, court
):
    # arrested, a custody hearing that ordered no detention, an escape, a recapture: the
    # watch opens again at the recapture, but no order ever held them, so neither page
    # may say that the court ended one
    from tests.portal.conftest import make_clerk, make_issuer, text_of

    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=at(5))
    heard = {"person": "P1", "outcome": "alternative_measures"}
    record(accused_case, "custody.hearing_held", heard, occurred_at=at(4))
    record(accused_case, "custody.escaped", {"person": "P1"}, occurred_at=at(3))
    record(accused_case, "custody.recaptured", {"person": "P1"}, occurred_at=at(2))
    alert = _warning(page(clerk_client, case_url(accused_case)))
    assert "José Pérez Mora was recaptured on" in alert
    assert "the custody hearing of" in alert
    assert "ordered no detention" in alert
    assert "detention order" not in alert
    assert "the court had ended it before" not in alert
    assert "The court's target for the release:" in alert
    issue = make_issuer(make_clerk(court))
    family = Client(HTTP_ACCEPT_LANGUAGE="en")
    post = {"case_number": accused_case.nuid, "code": issue(accused_case, "P1", language="en")}
    assert family.post("/follow/", post).status_code == 302
    body = family.get("/follow/case/").content.decode()
    [said] = re.findall(r'<p class="warning ground-ended">(.*?)</p>', body, re.S)
    assert text_of(said).startswith("Since the recapture on ")
    assert "the custody hearing of" in text_of(said)
    assert "ordered no detention" in text_of(said)
    assert "the court had ended it before" not in text_of(said)
    # in the family's language too
    family = Client(HTTP_ACCEPT_LANGUAGE="es")
    code = issue(accused_case, "P1", language="es")
    assert family.post("/follow/", post | {"code": code}).status_code == 302
    body = family.get("/follow/case/").content.decode()
    [said] = re.findall(r'<p class="warning ground-ended">(.*?)</p>', body, re.S)
    assert "audiencia" in text_of(said)
