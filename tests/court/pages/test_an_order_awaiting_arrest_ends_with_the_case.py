"""A detention order that found the person not in custody waits for the arrest that
carries it out. If the case ends for them first, it never will: the acquittal, or the
case's dismissal, ends the order (no detention without a legal basis: ICCPR art. 9(1)),
so the staff page no longer says the person is awaited for arrest, and a retrial does
not bring the order back: the court must order the detention again. A correction that
turns the acquittal into a conviction (it never happened) brings the order back. Any
arrest after the acquittal with no new order in force, even one in the act, holds them
on nothing recorded in this case (ICCPR art. 9(1); the acquittal may be under appeal, so
the staff page asks for a new order if one was made; a new offence is a new case): the
staff page and the family's page say so,
naming the day of the acquittal, with the court's target for the release. After a
dismissal the stage machine refuses the arrest itself; a person held when the case is
dismissed is held on nothing, as after a lift: the order's clocks are met and the
release is watched. The ordinary paths change nothing: an order carried out before
the verdict, a new order after the acquittal."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone, translation

from expediente.court.pages.case_page import case_page
from expediente.custody.models import CustodyPeriod
from expediente.custody.selectors import orders_awaiting_arrest
from expediente.docket.errors import NotAllowedInStage
from expediente.docket.models import Event
from expediente.docket.rebuild import rebuild
from expediente.docket.verdicts import VERDICT
from tests.court.pages.conftest import case_url
from tests.custody.conftest import deadlines_of
from tests.portal.conftest import make_clerk, make_issuer, text_of

pytestmark = pytest.mark.django_db

RELEASE = "intl.release_on_order_end"


def ago(days: float, hour: int = 10) -> dt.datetime:
    """``days`` before the present, at ``hour`` UTC: pages are read now."""
    return (timezone.now() - dt.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def _ordered_at_large(case, record):
    order = {"person": "P1", "until": "2099-12-31", "grounds": "Peligro de fuga"}
    record(case, "custody.pretrial_ordered", order, occurred_at=ago(40))
    record(case, "indictment.filed", {"accused": "P1"}, occurred_at=ago(30))
    record(case, "trial.committed", {}, occurred_at=ago(29))
    return case


def _acquit(case, record, when=None):
    payload = {"accused": "P1", "outcome": "acquitted"}
    return record(case, VERDICT, payload, occurred_at=when or ago(20))


def _arrest(case, record, when, **how):
    return record(case, "custody.arrested", {"person": "P1", **how}, occurred_at=when)


def _warning(html: str) -> str:
    found = html.split('class="warning ground-ended" role="alert">', 1)
    assert len(found) == 2, "no warning that someone is held with no ground"
    return " ".join(re.sub(r"<[^>]+>", " ", found[1].split("</div>")[0]).split())


def _family(case, issue, language="en") -> str:
    code = issue(case, "P1", language=language)
    family = Client(HTTP_ACCEPT_LANGUAGE=language)
    post = {"case_number": case.nuid, "code": code}
    assert family.post("/follow/", post).status_code == 302
    return family.get("/follow/case/").content.decode()


def test_the_acquittal_ends_the_wait_for_the_arrest(
    clerk_client, clerk, accused_case, record, page
):
    case = _ordered_at_large(accused_case, record)
    [waiting] = orders_awaiting_arrest(case)
    assert waiting.participant == "P1"
    assert "is not in custody: no arrest is recorded after" in page(clerk_client, case_url(case))
    _acquit(case, record)
    assert orders_awaiting_arrest(case) == []
    assert case_page(nuid=case.nuid, actor=clerk, now=timezone.now()).awaiting_arrest == []
    html = page(clerk_client, case_url(case))
    assert "no arrest is recorded after" not in html
    assert 'class="warning ground-ended"' not in html  # nobody is held


def test_an_arrest_on_a_warrant_after_the_acquittal_is_held_with_no_ground(
    clerk_client, clerk, accused_case, record, page, court
):
    case = _ordered_at_large(accused_case, record)
    acquitted = _acquit(case, record).event.occurred_at
    arrested = _arrest(case, record, ago(3), warrant=True).event.occurred_at
    # the arrest does not carry out the order: police custody, no pretrial clock
    [period] = CustodyPeriod.objects.filter(case=case)
    assert (period.kind, period.started_at, period.ended_at) == ("police", arrested, None)
    assert not deadlines_of(case, "cr.pretrial_review")
    [watch] = deadlines_of(case, RELEASE)
    assert watch.open
    assert watch.start_type == "custody.arrested"
    assert watch.due_at == arrested + dt.timedelta(hours=24)
    with translation.override("en"):
        [warning] = case_page(nuid=case.nuid, actor=clerk, now=timezone.now()).ground_ended
    assert warning.by_arrest
    assert not warning.by_recapture
    assert warning.ground_end_at == acquitted
    assert warning.overdue
    alert = _warning(page(clerk_client, case_url(case)))
    assert "José Pérez Mora was arrested on" in alert
    assert "nothing recorded in this case holds them: they were acquitted on" in alert
    assert "no detention order of this case has been in force since then" in alert
    assert "if they were arrested for a new offence, record it in its own case" in alert
    # the acquittal may be under appeal: a new order made since is to be recorded, and the
    # page does not say the acquitted offence can never ground a detention (art. 14(7)
    # protects only a final acquittal)
    assert "If a detention order was made since (on appeal, pending a retrial)" in alert
    assert "cannot ground" not in alert
    assert "the case ended in an acquittal" not in alert
    assert "The court's target for the release:" in alert
    assert "although the detention order ended" not in alert
    issue = make_issuer(make_clerk(court))
    body = _family(case, issue)
    [said] = re.findall(r'<p class="warning ground-ended">(.*?)</p>', body, re.S)
    said = " ".join(text_of(said).split())
    assert said.startswith("Since the arrest on ")
    assert "José Pérez Mora" in said
    assert "they were acquitted on" in said
    assert "no detention order of this case has been in force since then" in said
    assert "the case ended" not in said
    body = _family(case, issue, language="es")
    [said] = re.findall(r'<p class="warning ground-ended">(.*?)</p>', body, re.S)
    assert "absuelta" in text_of(said)


def test_the_release_ends_the_warning(clerk, accused_case, record):
    case = _ordered_at_large(accused_case, record)
    _acquit(case, record)
    _arrest(case, record, ago(3), warrant=True)
    released = {"person": "P1", "reason": "acquitted"}
    record(case, "custody.released", released, occurred_at=ago(2))
    assert case_page(nuid=case.nuid, actor=clerk, now=timezone.now()).ground_ended == []
    [watch] = deadlines_of(case, RELEASE)
    assert watch.satisfied_type == "custody.released"


def test_an_arrest_in_the_act_after_the_acquittal_is_held_with_no_ground(
    clerk_client, clerk, accused_case, record, page
):
    # nothing recorded in this case holds them; a new offence is a new case
    case = _ordered_at_large(accused_case, record)
    _acquit(case, record)
    arrested = _arrest(case, record, ago(3), flagrante=True).event.occurred_at
    [period] = CustodyPeriod.objects.filter(case=case)
    assert period.kind == "police"
    [warning] = case_page(nuid=case.nuid, actor=clerk, now=timezone.now()).ground_ended
    assert warning.by_arrest
    [watch] = deadlines_of(case, RELEASE)
    assert (watch.open, watch.start_type, watch.start_at) == (True, "custody.arrested", arrested)
    alert = _warning(page(clerk_client, case_url(case)))
    assert "if they were arrested for a new offence, record it in its own case" in alert
    # the acquittal may be under appeal: a new order made since is to be recorded, and the
    # page does not say the acquitted offence can never ground a detention (art. 14(7)
    # protects only a final acquittal)
    assert "If a detention order was made since (on appeal, pending a retrial)" in alert
    assert "cannot ground" not in alert
    assert rebuild(check=True).differences == []


def test_an_arrest_without_any_order_after_the_acquittal_is_held_with_no_ground(
    clerk, accused_case, record
):
    record(accused_case, "indictment.filed", {"accused": "P1"}, occurred_at=ago(30))
    record(accused_case, "trial.committed", {}, occurred_at=ago(29))
    _acquit(accused_case, record)
    _arrest(accused_case, record, ago(3), flagrante=True)
    [warning] = case_page(nuid=accused_case.nuid, actor=clerk, now=timezone.now()).ground_ended
    assert warning.by_arrest


def test_a_retrial_after_the_acquittal_does_not_bring_the_order_back(clerk, accused_case, record):
    case = _ordered_at_large(accused_case, record)
    _acquit(case, record)
    record(case, "retrial.ordered", {}, occurred_at=ago(15))
    assert orders_awaiting_arrest(case) == []
    _arrest(case, record, ago(3), warrant=True)
    # police custody: no order holds them, so no pretrial clock runs
    [period] = CustodyPeriod.objects.filter(case=case)
    assert period.kind == "police"
    assert not deadlines_of(case, "cr.pretrial_review")
    assert not deadlines_of(case, "cr.pretrial_maximum")
    # after the retrial the arrest is no longer one of an acquitted person
    assert case_page(nuid=case.nuid, actor=clerk, now=timezone.now()).ground_ended == []
    assert rebuild(check=True).differences == []


def test_a_new_order_pending_the_retrial_is_carried_out_by_the_arrest(clerk, accused_case, record):
    case = _ordered_at_large(accused_case, record)
    _acquit(case, record)
    record(case, "retrial.ordered", {}, occurred_at=ago(15))
    order = {"person": "P1", "until": "2099-12-31", "grounds": "Riesgo de fuga"}
    record(case, "custody.pretrial_ordered", order, occurred_at=ago(10))
    [waiting] = orders_awaiting_arrest(case)
    assert waiting.ordered_at == ago(10)
    _arrest(case, record, ago(3), warrant=True)
    [period] = CustodyPeriod.objects.filter(case=case)
    assert period.kind == "pretrial"
    assert deadlines_of(case, "cr.pretrial_review")
    assert case_page(nuid=case.nuid, actor=clerk, now=timezone.now()).ground_ended == []


def test_a_correction_of_the_acquittal_into_a_conviction_brings_the_order_back(
    accused_case, record
):
    case = _ordered_at_large(accused_case, record)
    verdict = _acquit(case, record)
    assert orders_awaiting_arrest(case) == []
    convicted = {"accused": "P1", "outcome": "convicted"}
    record(case, VERDICT, convicted, occurred_at=ago(20), corrects_seq=verdict.event.seq)
    [waiting] = orders_awaiting_arrest(case)
    assert waiting.participant == "P1"


def test_the_lift_of_the_order_the_acquittal_ended_is_accepted(accused_case, record):
    case = _ordered_at_large(accused_case, record)
    _acquit(case, record)
    record(case, "custody.pretrial_lifted", {"person": "P1"}, occurred_at=ago(19))
    assert orders_awaiting_arrest(case) == []
    assert not CustodyPeriod.objects.filter(case=case).exists()


def _held_under_order_then_dismissed(case, record):
    _arrest(case, record, ago(40), flagrante=True)
    order = {"person": "P1", "until": "2099-12-31", "grounds": "Peligro de fuga"}
    record(case, "custody.pretrial_ordered", order, occurred_at=ago(39))
    return record(case, "case.dismissed", {"reason": "withdrawn"}, occurred_at=ago(5))


def test_a_dismissal_of_a_person_held_ends_the_orders_clocks_and_watches_the_release(
    clerk, accused_case, record
):
    dismissed = _held_under_order_then_dismissed(accused_case, record).event.occurred_at
    [watch] = deadlines_of(accused_case, RELEASE)
    assert (watch.open, watch.start_type) == (True, "case.dismissed")
    assert watch.due_at == dismissed + dt.timedelta(hours=24)
    for rule in ("cr.pretrial_review", "cr.pretrial_maximum", "cr.pretrial_order_term"):
        for d in deadlines_of(accused_case, rule):
            assert not d.open, rule
            assert d.satisfied_type == "case.dismissed", rule
    with translation.override("en"):
        [warning] = case_page(nuid=accused_case.nuid, actor=clerk, now=timezone.now()).ground_ended
    assert warning.by_dismissal
    assert not warning.by_other_entry
    assert warning.ended_at == dismissed
    assert rebuild(check=True).differences == []


def test_the_pages_say_the_case_was_dismissed_and_nothing_holds_the_person(
    clerk_client, accused_case, record, page, court
):
    _held_under_order_then_dismissed(accused_case, record)
    alert = _warning(page(clerk_client, case_url(accused_case)))
    assert "although the case was dismissed on" in alert
    assert "the dismissal ended every detention order of this case" in alert
    assert "The court's target for the release:" in alert
    assert "Case dismissed" not in alert  # not named as a pack's own entry
    issue = make_issuer(make_clerk(court))
    body = _family(accused_case, issue)
    [said] = re.findall(r'<p class="warning ground-ended">(.*?)</p>', body, re.S)
    said = " ".join(text_of(said).split())
    assert said.startswith("The case was dismissed on ")
    assert "no detention order of this case has been in force since then" in said
    body = _family(accused_case, issue, language="pt")
    [said] = re.findall(r'<p class="warning ground-ended">(.*?)</p>', body, re.S)
    assert "arquivad" in text_of(said)


def test_the_release_after_the_dismissal_meets_the_watch(clerk, accused_case, record):
    _held_under_order_then_dismissed(accused_case, record)
    record(
        accused_case,
        "custody.released",
        {"person": "P1", "reason": "order_of_court"},
        occurred_at=ago(4),
    )
    [watch] = deadlines_of(accused_case, RELEASE)
    assert watch.satisfied_type == "custody.released"
    assert case_page(nuid=accused_case.nuid, actor=clerk, now=timezone.now()).ground_ended == []


def test_an_order_carried_out_before_the_verdict_is_ordinary_detention(clerk, accused_case, record):
    case = _ordered_at_large(accused_case, record)
    _arrest(case, record, ago(25), warrant=True)
    assert orders_awaiting_arrest(case) == []
    [period] = CustodyPeriod.objects.filter(case=case)
    assert period.kind == "pretrial"
    page = case_page(nuid=case.nuid, actor=clerk, now=timezone.now())
    assert page.ground_ended == []
    assert page.awaiting_arrest == []
    assert not deadlines_of(case, RELEASE)


def test_a_new_order_after_the_acquittal_is_carried_out_by_the_arrest(clerk, accused_case, record):
    # the prosecution appealed, and the court ordered the detention again: a new ground
    case = _ordered_at_large(accused_case, record)
    _acquit(case, record)
    order = {"person": "P1", "until": "2099-12-31", "grounds": "Riesgo de fuga"}
    record(case, "custody.pretrial_ordered", order, occurred_at=ago(10))
    assert [a.ordered_at for a in orders_awaiting_arrest(case)] == [ago(10)]
    _arrest(case, record, ago(3), warrant=True)
    [period] = CustodyPeriod.objects.filter(case=case)
    assert period.kind == "pretrial"
    assert case_page(nuid=case.nuid, actor=clerk, now=timezone.now()).ground_ended == []


def test_a_dismissal_ends_the_wait_and_the_closed_case_refuses_the_arrest(
    clerk, accused_case, record
):
    order = {"person": "P1", "until": "2099-12-31", "grounds": "Peligro de fuga"}
    record(accused_case, "custody.pretrial_ordered", order, occurred_at=ago(40))
    record(accused_case, "case.dismissed", {"reason": "withdrawn"}, occurred_at=ago(20))
    assert orders_awaiting_arrest(accused_case) == []
    page = case_page(nuid=accused_case.nuid, actor=clerk, now=timezone.now())
    assert page.awaiting_arrest == []
    before = Event.objects.filter(case=accused_case).count()
    with pytest.raises(NotAllowedInStage) as refused:
        _arrest(accused_case, record, ago(3), warrant=True)
    assert "'custody.arrested' is not allowed in stage 'closed'" in str(refused.value)
    assert Event.objects.filter(case=accused_case).count() == before
    # reopened, the order that fell with the dismissal is not carried out by an arrest
    record(accused_case, "case.reopened", {"reason": "Nuevas pruebas"}, occurred_at=ago(10))
    assert orders_awaiting_arrest(accused_case) == []
    _arrest(accused_case, record, ago(3), warrant=True)
    [period] = CustodyPeriod.objects.filter(case=accused_case)
    assert period.kind == "police"


def test_the_lift_of_the_fallen_order_is_accepted_after_the_arrest_too(clerk, accused_case, record):
    """The court cancels the old warrant after the wrongful arrest: accepted, and it
    changes nothing (the person stays held with no ground until released)."""
    case = _ordered_at_large(accused_case, record)
    _acquit(case, record)
    _arrest(case, record, ago(3), warrant=True)
    record(case, "custody.pretrial_lifted", {"person": "P1"}, occurred_at=ago(2))
    [warning] = case_page(nuid=case.nuid, actor=clerk, now=timezone.now()).ground_ended
    assert warning.by_arrest
    assert rebuild(check=True).differences == []


def test_a_dismissal_on_the_persons_death_watches_no_release(clerk, accused_case, record):
    """Nobody is left to release: the orders end, but no release watch opens and no page
    says the person can ask for the release."""
    _arrest(accused_case, record, ago(40), flagrante=True)
    order = {"person": "P1", "until": "2099-12-31", "grounds": "Peligro de fuga"}
    record(accused_case, "custody.pretrial_ordered", order, occurred_at=ago(39))
    record(accused_case, "case.dismissed", {"reason": "death"}, occurred_at=ago(5))
    assert deadlines_of(accused_case, RELEASE) == []
    assert case_page(nuid=accused_case.nuid, actor=clerk, now=timezone.now()).ground_ended == []
    for d in deadlines_of(accused_case, "cr.pretrial_review"):
        assert not d.open
    assert rebuild(check=True).differences == []
