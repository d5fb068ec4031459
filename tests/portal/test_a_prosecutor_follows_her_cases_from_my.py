"""The prosecutor named in a case follows it from /my/ as counsel follow theirs: the clerk
issues a code for her participation and she redeems it on /my/ (or the clerk links her
account); "My cases" lists the case as the prosecutor's; /my/deadlines/ lists the
deadlines the law addresses to the prosecution (Costa Rica's 24 hours to ask for the
detention hearing, CPP art. 238) and not the court's own; with the emails on, that
deadline's alert reaches her inbox through the worker; her case page shows the record's
identity documents and free text, which the victim's hides; no petition form is offered
to her; and the family's "Who viewed my case" names her reads as the prosecutor's. A code
for a case that does not exist, or for another case, links nothing and says so."""

from __future__ import annotations

import pytest
from django.test import Client

from expediente.access.models import ParticipantLink
from expediente.access.participant_codes import code_issue, link_by_clerk
from expediente.custody.sweep import deadline_sweep
from expediente.docket.errors import InvalidInput
from expediente.notify.models import Subscription
from expediente.notify.worker import run
from tests.custody.conftest import at, custody  # noqa: F401  (custody fixtures)
from tests.notify.conftest import smtp, smtp_server  # noqa: F401  (the real SMTP server)
from tests.portal.conftest import lawyer_client, table_rows, text_of
from tests.portal.test_a_lawyer_is_emailed_about_her_cases import confirm_link

ACCUSED_ID = "1-0234-0567"  # tests/conftest.PERSON's identity document
WHAT_HAPPENED = "Sustrajo un teléfono celular en la parada de buses de la Sabana"
HEARING_REQUEST = "Prosecutor asks for the detention hearing"
FISCAL = {"given_names": "Laura", "family_names": "Fiscal Rojas", "sex": "female"}


@pytest.fixture(autouse=True)
def base_url(settings):  # type: ignore[no-untyped-def]
    settings.NOTIFY_BASE_URL = "https://expediente.example"


@pytest.fixture
def held_case(accused_case, record, custody, at):  # type: ignore[no-untyped-def]  # noqa: F811
    """José (P1) arrested two days ago and placed before the judge two hours later, held
    by the police: the prosecution has 24 hours from the placement to ask for the
    detention hearing. The victim (P2); the prosecutor (P3). The charge says what
    happened, in the record's free text."""
    record(accused_case, "participant.added", {"role": "prosecutor", "person": FISCAL})
    record(
        accused_case,
        "charge.filed",
        {"accused": "P1", "offence": "CP-208", "description": WHAT_HAPPENED},
    )
    custody(accused_case, "arrested", at(2, 8))
    custody(accused_case, "placed_before_judge", at(2, 10))
    accused_case.refresh_from_db()
    return accused_case


def prosecutor_account() -> tuple[Client, object]:
    browser, user = lawyer_client("laura.fiscal")
    user.first_name, user.last_name = "Laura", "Fiscal Rojas"  # type: ignore[attr-defined]
    user.save()  # type: ignore[attr-defined]
    return browser, user


def redeemed(browser: Client, case, code: str):  # type: ignore[no-untyped-def]
    return browser.post("/my/add/", {"case_number": case.nuid, "code": code})


def test_she_redeems_her_code_and_follows_the_case_as_its_prosecutor(held_case, court_clerk):  # type: ignore[no-untyped-def]
    _row, code = code_issue(case=held_case, participant="P3", actor=court_clerk, language="en")
    browser, user = prosecutor_account()
    response = redeemed(browser, held_case, code)
    assert response.status_code == 302
    assert response["Location"] == f"/my/cases/{held_case.nuid}/P3/"
    assert ParticipantLink.objects.filter(user=user, case=held_case, participant="P3").exists()

    rows = table_rows(browser.get("/my/").content.decode())
    [case_cell] = [row[0] for row in rows[1:]]
    assert held_case.nuid in case_cell
    assert "Prosecutor" in case_cell
    # the deadline the law addresses to her is in the row, with the person it concerns
    assert HEARING_REQUEST in " ".join(rows[1])

    deadlines = text_of(browser.get("/my/deadlines/").content.decode())
    assert HEARING_REQUEST in deadlines
    assert "José Pérez Mora" in deadlines
    assert "addresses to the prosecution" in deadlines
    assert "My clients' deadlines" not in deadlines


def test_her_due_list_leaves_out_the_deadlines_the_law_addresses_to_others(  # type: ignore[no-untyped-def]
    detained_case, record, court_clerk
):
    """In a case with a pretrial detention order, the court's own review (cr.pretrial_review
    alerts the judge and the defence, not the prosecution) is not hers; the maximum of the
    detention is (its rule names the prosecutor)."""
    record(detained_case, "participant.added", {"role": "prosecutor", "person": FISCAL})
    browser, user = prosecutor_account()
    link_by_clerk(case=detained_case, participant="P5", username=user.username, actor=court_clerk)  # type: ignore[attr-defined]
    body = text_of(browser.get("/my/deadlines/").content.decode())
    assert "Maximum term of pretrial detention" in body
    assert "Term stated in the detention order" in body
    assert "Review of pretrial detention" not in body


def test_with_the_emails_on_the_deadline_alert_reaches_her_inbox(  # type: ignore[no-untyped-def]
    held_case,
    court_clerk,
    at,  # noqa: F811
    smtp,  # noqa: F811
):
    browser, user = prosecutor_account()
    link_by_clerk(case=held_case, participant="P3", username=user.username, actor=court_clerk)  # type: ignore[attr-defined]
    page = "/my/notifications/"
    assert (
        browser.post(page, {"action": "email", "email": "laura@fiscalia.example"}).status_code
        == 302
    )
    browser.post(confirm_link(smtp.messages[0]))
    assert "the prosecutor" in text_of(browser.get(page).content.decode())
    assert browser.post(page, {"action": "on", "consent": "yes"}).status_code == 302
    sub = Subscription.objects.get(account=user, active=True)
    assert (sub.case_id, sub.participant) == (held_case.pk, "P3")

    deadline_sweep(now=at(1, 5))  # five hours before the 24 hours run out
    run(once=True)
    hers = [m for m in smtp.messages[1:] if m["To"] == "laura@fiscalia.example"]
    subjects = [str(m["Subject"]) for m in hers]
    alerts = [m for m in hers if HEARING_REQUEST in str(m["Subject"])]
    assert len(alerts) == 1, subjects
    body = alerts[0].get_content()
    assert "deadline approaching" in str(alerts[0]["Subject"])
    assert "client" not in body.lower()
    assert "/notify/unsubscribe/" in body


def test_her_case_page_shows_the_record_the_victims_page_hides(held_case, court_clerk):  # type: ignore[no-untyped-def]
    browser, user = prosecutor_account()
    link_by_clerk(case=held_case, participant="P3", username=user.username, actor=court_clerk)  # type: ignore[attr-defined]
    mine = browser.get(f"/my/cases/{held_case.nuid}/P3/").content.decode()
    assert ACCUSED_ID in mine
    assert "1 May 1990" in text_of(mine)  # the accused's date of birth
    assert WHAT_HAPPENED in mine

    _row, code = code_issue(case=held_case, participant="P2", actor=court_clerk, language="en")
    victim = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert victim.post("/follow/", {"case_number": held_case.nuid, "code": code}).status_code == 302
    hers = victim.get("/follow/case/").content.decode()
    assert "José Pérez Mora" in hers  # the same case, read
    assert ACCUSED_ID not in hers
    assert WHAT_HAPPENED not in hers


def test_no_petition_form_is_offered_to_her(held_case, court_clerk):  # type: ignore[no-untyped-def]
    browser, user = prosecutor_account()
    link_by_clerk(case=held_case, participant="P3", username=user.username, actor=court_clerk)  # type: ignore[attr-defined]
    body = browser.get(f"/my/cases/{held_case.nuid}/P3/").content.decode()
    assert "/ask/" not in body
    assert "The prosecution addresses the court in its own filings" in text_of(body)
    assert "This case has ended" not in text_of(body)
    for kind in ("information_request", "delay_complaint", "habeas_corpus"):
        url = f"/my/cases/{held_case.nuid}/P3/ask/P3/{kind}/"
        assert browser.get(url).status_code == 404
        assert browser.post(url, {"text": "Solicito información", "token": "t"}).status_code == 404


def test_her_code_alone_does_not_open_the_record_on_the_portal(held_case, court_clerk):  # type: ignore[no-untyped-def]
    # her rules show identity documents and the record's text: a printed code, with no
    # password and no second factor, must not open them (/my/ asks for both)
    _row, code = code_issue(case=held_case, participant="P3", actor=court_clerk, language="en")
    follow = Client(HTTP_ACCEPT_LANGUAGE="en")
    refused = follow.post("/follow/", {"case_number": held_case.nuid, "code": code})
    assert refused.status_code == 403
    assert "Sign in to your account at /my/" in text_of(refused.content.decode())
    assert follow.get("/follow/case/").status_code in (302, 404)
    assert ACCUSED_ID not in follow.get("/follow/case/").content.decode()
    # the same code still adds the case to her account
    browser, _user = prosecutor_account()
    assert redeemed(browser, held_case, code).status_code == 302
    assert ACCUSED_ID in browser.get(f"/my/cases/{held_case.nuid}/P3/").content.decode()


def test_her_table_of_people_lists_the_people_of_the_facts_not_the_professionals(  # type: ignore[no-untyped-def]
    held_case, court_clerk, record
):
    lawyer = {
        "given_names": "Marta",
        "family_names": "Defensa Solano",
        "sex": "female",
        "id_number": "9-9999-9999",
    }
    record(held_case, "participant.added", {"role": "defence", "person": lawyer})
    browser, user = prosecutor_account()
    link_by_clerk(case=held_case, participant="P3", username=user.username, actor=court_clerk)  # type: ignore[attr-defined]
    mine = browser.get(f"/my/cases/{held_case.nuid}/P3/").content.decode()
    assert ACCUSED_ID in mine
    assert "9-9999-9999" not in mine


def test_a_code_for_no_case_or_another_case_links_nothing(held_case, open_case, court_clerk):  # type: ignore[no-untyped-def]
    _row, code = code_issue(case=held_case, participant="P3", actor=court_clerk, language="en")
    other = open_case()
    browser, user = prosecutor_account()
    for number in ("26-999999-0042-PE", other.nuid):
        response = browser.post("/my/add/", {"case_number": number, "code": code})
        assert response.status_code == 200
        assert "The case number and access code do not match" in text_of(response.content.decode())
    response = browser.post("/my/add/", {"case_number": held_case.nuid, "code": "K7QM"})
    assert response.status_code == 400
    assert "The access code has 12 letters and digits" in text_of(response.content.decode())
    assert not ParticipantLink.objects.filter(user=user).exists()


def test_her_account_follows_no_other_side_of_the_case(held_case, court_clerk):  # type: ignore[no-untyped-def]
    """A slip of the clerk's must not let the prosecution's account read and petition as
    the accused (or a defence lawyer's read the prosecution's whole record)."""
    _browser, user = prosecutor_account()
    link_by_clerk(case=held_case, participant="P3", username=user.username, actor=court_clerk)  # type: ignore[attr-defined]
    with pytest.raises(InvalidInput) as refused:
        link_by_clerk(
            case=held_case,
            participant="P1",
            username=user.username,  # type: ignore[attr-defined]
            actor=court_clerk,
            namesake_confirmed=True,  # her name is the prosecutor's (P3): she is asked first
        )
    assert refused.value.errors[0]["field"] == "username"
    assert "The prosecution's account follows no other side" in refused.value.errors[0]["message"]
    assert list(
        ParticipantLink.objects.filter(user=user).values_list("participant", flat=True)
    ) == ["P3"]


def test_the_accuseds_who_viewed_names_her_reads_as_the_prosecutors(held_case, court_clerk):  # type: ignore[no-untyped-def]
    browser, user = prosecutor_account()
    link_by_clerk(case=held_case, participant="P3", username=user.username, actor=court_clerk)  # type: ignore[attr-defined]
    assert browser.get(f"/my/cases/{held_case.nuid}/P3/").status_code == 200
    _row, code = code_issue(case=held_case, participant="P1", actor=court_clerk, language="en")
    family = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert family.post("/follow/", {"case_number": held_case.nuid, "code": code}).status_code == 302
    rows = table_rows(family.get("/follow/who-viewed/").content.decode())[1:]
    [read] = [row for row in rows if "Prosecutor" in row[1]]
    assert read[1] == "A participant: Prosecutor"
    assert read[2] == "this portal"
    for shown in (
        "names",
        "identity documents",
        "dates of birth",
        "what was written in the record",
    ):
        assert shown in read[3], read


def test_a_breach_reaches_her_without_the_line_for_someone_in_danger(  # type: ignore[no-untyped-def]
    held_case,
    court_clerk,
    record,
    smtp,  # noqa: F811
):
    """She is told of a breach of the order protecting the victim to act on it, not as
    someone at risk: no "If you are in danger, call 911", which the victim is told."""
    from tests.portal.test_a_guardian_is_emailed_what_the_person_she_stands_for_is_told import (
        _breach,
    )

    browser, user = prosecutor_account()
    link_by_clerk(case=held_case, participant="P3", username=user.username, actor=court_clerk)  # type: ignore[attr-defined]
    page = "/my/notifications/"
    browser.post(page, {"action": "email", "email": "laura@fiscalia.example"})
    browser.post(confirm_link(smtp.messages[0]))
    assert browser.post(page, {"action": "on", "consent": "yes"}).status_code == 302
    from expediente.docket.models import Participation
    from expediente.notify.subscriptions import subscribe

    subscribe(  # the victim's own subscription, with her code's consent
        participation=Participation.objects.get(case=held_case, uid="P2"),
        channel="email",
        address="ana@correo.example",
        language="en",
        consent=True,
        consent_text_version="test",
    )
    _breach(held_case, record)
    run(once=True)
    told: dict[str, str] = {}
    for m in smtp.messages[1:]:  # every message to each address, the breach's among them
        told[m["To"]] = told.get(m["To"], "") + m.get_content()
    assert "911" in told["ana@correo.example"]
    assert "911" not in told["laura@fiscalia.example"]
    assert "client" not in told["laura@fiscalia.example"].lower()
