"""The public defender asked the court to review her client's detention and the judge
denied it with written reasons: the receipt she is sent back to says the court decided,
when, what, and why, so she can appeal or file habeas corpus. Who reads the reasons is
the pack's disclosure rule (``petition_reasons``: the petitioner and the petitioner's
counsel; product policy): the accused reads his own (not in a case of sexual violence,
where only counsel does), a victim and her lawyer read hers, and the accused's defence
never reads the reasons on the victim's request for protection. Every read of the
reasons is in the access log."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.test import Client
from django.utils import timezone

from expediente.access.access_log import AccessRecord
from expediente.access.participant_codes import link_by_clerk
from expediente.petitions.models import Petition
from expediente.petitions.services import petition_decide, petition_file
from tests.portal.conftest import lawyer_client, make_issuer, text_of
from tests.portal.test_a_lawyer_files_a_petition_for_a_client import (
    SHE_WRITES,
    form_url,
    linked,
    token_of,
)

REASONS = "Persiste el peligro de fuga: no acreditó domicilio fijo en el país."
VICTIMS_REASONS = "La víctima vive en Calle 7 de Desamparados; se ordena alejamiento."


def filed_by_her(case, clerk):  # type: ignore[no-untyped-def]
    browser, user = linked(case, clerk)
    url = form_url(case)
    response = browser.post(url, {"text": SHE_WRITES, "token": token_of(browser, url)})
    assert response.status_code == 302
    return browser, user, Petition.objects.get(case=case), response["Location"]


def decide(case, petition, judge, outcome="denied", reasons=REASONS):  # type: ignore[no-untyped-def]
    petition_decide(
        case=case,
        petition=petition.filed_seq,
        outcome=outcome,
        reasons=reasons,
        actor=judge,
        occurred_at=timezone.now() + dt.timedelta(seconds=1),
    )
    petition.refresh_from_db()


def terms(body: str) -> dict[str, str]:
    """The page's definition lists as the reader sees them: term → what it says."""
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", body, re.S)
    return {text_of(t): " ".join(text_of(d).split()) for t, d in pairs}


def family_of(case, clerk, participant="P1"):  # type: ignore[no-untyped-def]
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    code = make_issuer(clerk)(case, participant)
    browser.post("/follow/", {"case_number": case.nuid, "code": code})
    return browser


def test_before_the_answer_the_receipt_says_received(detained_case, court_clerk):  # type: ignore[no-untyped-def]
    browser, _user, _petition, receipt = filed_by_her(detained_case, court_clerk)
    page = text_of(browser.get(receipt).content.decode())
    assert "The court has received your petition" in page
    assert "Waiting for the court's answer" in page
    assert "The court's answer" not in page


def test_she_reads_the_decision_its_date_and_the_judges_reasons(  # type: ignore[no-untyped-def]
    detained_case, court_clerk, judge_in_court
):
    browser, user, petition, receipt = filed_by_her(detained_case, court_clerk)
    decide(detained_case, petition, judge_in_court)
    body = browser.get(receipt).content.decode()
    page = text_of(body)
    assert "The court has decided your petition" in page
    assert "The court has received your petition" not in page
    said = terms(body)
    assert said["Decision"] == "The court refused what was asked."
    local = petition.decided_at.astimezone(ZoneInfo(detained_case.court.timezone))
    assert said["Decided on"] == f"{local.day} {local:%B} {local.year}, {local:%H:%M}"
    assert said["The court's reasons"] == REASONS
    # her read of the reasons is in the access log, as a read of what is written
    lines = AccessRecord.objects.filter(case=detained_case, user=user)
    assert any("free_text" in line.classes for line in lines)


def test_the_accused_reads_the_answer_to_his_own_petition(  # type: ignore[no-untyped-def]
    detained_case, court_clerk, judge_in_court, record
):
    record(detained_case, "charge.filed", {"accused": "P1", "offence": "CP-208"})  # theft
    record(detained_case, "indictment.filed", {"accused": "P1"})
    _browser, _user, petition, _receipt = filed_by_her(detained_case, court_clerk)
    decide(detained_case, petition, judge_in_court)
    page = text_of(
        family_of(detained_case, court_clerk)
        .get(f"/follow/receipt/{petition.filed_seq}/")
        .content.decode()
    )
    assert "The court has decided your petition" in page
    assert REASONS in page
    # his lawyer's text is hers (unchanged: the family does not read it)
    assert SHE_WRITES not in page


def test_in_a_case_of_sexual_violence_only_counsel_reads_the_reasons(  # type: ignore[no-untyped-def]
    detained_case, court_clerk, judge_in_court, record
):
    record(detained_case, "charge.filed", {"accused": "P1", "offence": "CP-156"})
    browser, _user, petition, receipt = filed_by_her(detained_case, court_clerk)
    decide(detained_case, petition, judge_in_court)
    assert REASONS in text_of(browser.get(receipt).content.decode())
    family = text_of(
        family_of(detained_case, court_clerk)
        .get(f"/follow/receipt/{petition.filed_seq}/")
        .content.decode()
    )
    assert "The court has decided your petition" in family
    assert "The court refused what you asked." in family
    assert REASONS not in family
    assert "The court's reasons are kept in the case record" in family


def test_before_the_indictment_only_counsel_reads_the_reasons(  # type: ignore[no-untyped-def]
    detained_case, court_clerk, judge_in_court
):
    # during the investigation no indictment says yet what the case is: fails closed
    browser, _user, petition, receipt = filed_by_her(detained_case, court_clerk)
    decide(detained_case, petition, judge_in_court)
    assert REASONS in text_of(browser.get(receipt).content.decode())
    family = text_of(
        family_of(detained_case, court_clerk)
        .get(f"/follow/receipt/{petition.filed_seq}/")
        .content.decode()
    )
    assert "The court refused what you asked." in family
    assert REASONS not in family


def test_a_victims_reasons_go_to_her_and_her_lawyer_not_to_the_defence(  # type: ignore[no-untyped-def]
    detained_case, court_clerk, judge_in_court, record
):
    record(
        detained_case,
        "participant.added",
        {
            "role": "victim_lawyer",
            "person": {"given_names": "Carla", "family_names": "Abogada Ruiz", "sex": "female"},
        },
    )
    theirs = petition_file(
        case=detained_case,
        petitioner="P2",
        kind="protective_measure",
        text="Tengo miedo de que se acerque a mi casa.",
        filed_via="clerk",
        actor=court_clerk,
    ).petition
    decide(detained_case, theirs, judge_in_court, outcome="granted", reasons=VICTIMS_REASONS)
    seq = theirs.filed_seq
    # her lawyer (P5), linked to her own participation and to the victim's
    lawyer, user = lawyer_client("carla.abogada")
    for uid in ("P5", "P2"):
        link_by_clerk(
            case=detained_case, participant=uid, username=user.username, actor=court_clerk
        )
    page = text_of(lawyer.get(f"/my/cases/{detained_case.nuid}/P5/receipt/{seq}/").content.decode())
    assert "The court granted what was asked." in page
    assert VICTIMS_REASONS in page
    # the victim herself
    own = text_of(
        family_of(detained_case, court_clerk, "P2").get(f"/follow/receipt/{seq}/").content.decode()
    )
    assert VICTIMS_REASONS in own
    # the accused's defence: not her receipt, and not on the case page or its timeline
    defender, _u = lawyer_client("rosa.otra")
    for uid in ("P4", "P1"):
        link_by_clerk(case=detained_case, participant=uid, username=_u.username, actor=court_clerk)
    assert defender.get(f"/my/cases/{detained_case.nuid}/P4/receipt/{seq}/").status_code == 404
    case_page = defender.get(f"/my/cases/{detained_case.nuid}/P4/").content.decode()
    assert VICTIMS_REASONS not in text_of(case_page)
    # nor the accused's family
    accused = family_of(detained_case, court_clerk).get("/follow/case/").content.decode()
    assert VICTIMS_REASONS not in text_of(accused)
