"""A public defender's /my/notifications/ shows every subscription that emails her
address for the participations her account is linked to, including one the court's
staff made before her account had its page (not tied to the account), and "off" stops
it too, so the next hearing's email is not sent. While one is listed the page never
says she is linked to no case. The emails to her account send her to her own page of
the case (/my/cases/…), not to the participants' portal; a hearing's email says its kind
and courtroom. Another address, and a colleague linked to the same participation, are
not hers: not listed, not stopped."""

from __future__ import annotations

import pytest
from django.utils import timezone

from expediente.access.participant_codes import link_by_clerk
from expediente.docket.models import Participation
from expediente.notify.models import Delivery, Subscription
from expediente.notify.subscriptions import subscribe
from expediente.notify.worker import run
from tests.custody.conftest import at, custody  # noqa: F401  (custody fixtures)
from tests.notify.conftest import smtp, smtp_server  # noqa: F401  (the real SMTP server)
from tests.portal.conftest import lawyer_client, text_of
from tests.portal.test_a_lawyer_is_emailed_about_her_cases import PAGE, confirm_link
from tests.portal.test_a_sealed_case_keeps_its_detention_to_the_person_held import judge_of

HERS = "rosa@defensa.example"
BASE = "https://expediente.example"


@pytest.fixture(autouse=True)
def base_url(settings):  # type: ignore[no-untyped-def]
    settings.NOTIFY_BASE_URL = BASE


def staff_subscribed(case, uid: str, address: str) -> Subscription:  # type: ignore[no-untyped-def]
    """What the court's staff (or the demo) did before her account: an email
    subscription for her participation, tied to no account and no code."""
    return subscribe(
        participation=Participation.objects.get(case=case, uid=uid),
        channel="email",
        address=address,
        language="es",
        consent=True,
        consent_text_version="staff-1",
    )


def confirmed(browser, smtp, address: str = HERS) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """She gives her address and opens the link it received; the emails stay off."""
    assert browser.post(PAGE, {"action": "email", "email": address}).status_code == 302
    assert browser.post(confirm_link(smtp.messages[-1])).status_code == 200


def hearing(record, case, hid: str, day: str, **more):  # type: ignore[no-untyped-def]
    return record(
        case,
        "hearing.scheduled",
        {"hearing": hid, "kind": "preliminary", "starts_at": f"{day}T09:00:00-06:00", **more},
    )


def to_her(smtp) -> list:  # type: ignore[no-untyped-def]  # noqa: F811
    return [m for m in smtp.messages if m["To"] == HERS and "Confirm" not in str(m["Subject"])]


def test_off_lists_and_stops_an_older_subscription_to_her_address(  # type: ignore[no-untyped-def]
    detained_case,
    court_clerk,
    record,
    smtp,  # noqa: F811
):
    browser, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    older = staff_subscribed(detained_case, "P4", HERS)
    confirmed(browser, smtp)

    page = text_of(browser.get(PAGE).content.decode())
    assert "Off." in page
    # the page no longer says "off" and hides that her address is still emailed
    assert f"Case {detained_case.number}, to {HERS}" in page
    assert "These emails are still sent to you" in page

    hearing(record, detained_case, "H7", "2026-12-04")
    waiting = Delivery.objects.get(subscription=older)
    assert browser.post(PAGE, {"action": "off"}).status_code == 302
    older.refresh_from_db()
    waiting.refresh_from_db()
    assert not older.active
    assert (waiting.status, waiting.cancelled_because) == ("cancelled", "stopped")
    hearing(record, detained_case, "H8", "2026-12-11")
    run(once=True)
    assert to_her(smtp) == []
    assert f"to {HERS}" not in text_of(browser.get(PAGE).content.decode())


def test_on_adopts_it_her_email_links_her_page_and_off_stops_the_next_one(  # type: ignore[no-untyped-def]
    detained_case,
    court_clerk,
    record,
    smtp,  # noqa: F811
):
    browser, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    older = staff_subscribed(detained_case, "P4", HERS)
    family = staff_subscribed(detained_case, "P1", "familia@example.org")
    confirmed(browser, smtp)
    assert browser.post(PAGE, {"action": "on", "consent": "yes"}).status_code == 302

    page = text_of(browser.get(PAGE).content.decode())
    assert f"Case {detained_case.number}, to {HERS}" in page
    assert "not linked" not in page
    older.refresh_from_db()
    assert older.account_id == user.pk  # hers now: "off" and another address stop it
    assert Subscription.objects.filter(active=True, address=HERS).count() == 1

    hearing(record, detained_case, "H7", "2026-12-04", courtroom="Sala 2")
    run(once=True)
    [mail] = to_her(smtp)
    body = mail.get_content()
    # what, which kind, when and where, in the subject as in the body
    assert "Hearing scheduled (preliminary): 4 December 2026, 09:00, in Sala 2" in str(
        mail["Subject"]
    )
    assert "Hearing scheduled (preliminary): 4 December 2026, 09:00, in Sala 2" in body
    assert f"{BASE}/my/cases/{detained_case.nuid}/P4/" in body
    assert "/follow/" not in body
    # the family's email of the same entry still sends them to the participants' portal
    [theirs] = [m for m in smtp.messages if m["To"] == family.address]
    assert f"{BASE}/follow/" in theirs.get_content()
    assert "/my/" not in theirs.get_content()

    assert browser.post(PAGE, {"action": "off"}).status_code == 302
    hearing(record, detained_case, "H8", "2026-12-11")
    run(once=True)
    assert len(to_her(smtp)) == 1  # the first hearing's only
    assert Subscription.objects.get(pk=family.pk).active  # the family's is theirs


def test_a_moved_hearing_says_the_kind_and_courtroom_it_was_set_with(  # type: ignore[no-untyped-def]
    detained_case,
    court_clerk,
    record,
    smtp,  # noqa: F811
):
    browser, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    confirmed(browser, smtp)
    assert browser.post(PAGE, {"action": "on", "consent": "yes"}).status_code == 302
    hearing(record, detained_case, "H7", "2026-12-04", courtroom="Sala 2")
    record(
        detained_case,
        "hearing.rescheduled",
        {"hearing": "H7", "starts_at": "2026-12-09T14:00:00-06:00", "reason": "Jueza enferma"},
    )
    run(once=True)
    moved = [m for m in to_her(smtp) if "rescheduled" in str(m["Subject"])]
    assert len(moved) == 1
    body = moved[0].get_content()
    assert "Hearing rescheduled (preliminary): 9 December 2026, 14:00, in Sala 2" in body
    assert "Jueza enferma" not in body  # the reason is not in a message


def test_the_not_linked_sentence_only_without_links_and_others_stay(  # type: ignore[no-untyped-def]
    detained_case,
    court_clerk,
    smtp,  # noqa: F811
):
    browser, user = lawyer_client()
    confirmed(browser, smtp)
    assert browser.post(PAGE, {"action": "on", "consent": "yes"}).status_code == 302
    assert "not linked as counsel" in text_of(browser.get(PAGE).content.decode())

    # a colleague of her office linked to the same participation, emailed elsewhere
    colleague = lawyer_client("luis.defensor")[1]
    link_by_clerk(
        case=detained_case, participant="P4", username=colleague.username, actor=court_clerk
    )
    his = staff_subscribed(detained_case, "P4", "luis@defensa.example")
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    page = text_of(browser.get(PAGE).content.decode())
    assert "not linked as counsel" not in page
    assert f"Case {detained_case.number}, to {HERS}" in page
    assert "luis@defensa.example" not in page
    assert browser.post(PAGE, {"action": "off"}).status_code == 302
    assert Subscription.objects.get(pk=his.pk).active


def test_a_sealed_case_is_listed_without_its_number(  # type: ignore[no-untyped-def]
    detained_case,
    court_clerk,
    record,
    smtp,  # noqa: F811
):
    """Sealing a case takes its page away from her; its number must not stay on her
    notifications page (the subscription is still listed, so she can stop it)."""
    browser, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    staff_subscribed(detained_case, "P4", HERS)
    confirmed(browser, smtp)
    record(
        detained_case,
        "case.sealed",
        {"grounds": "Protección de la víctima."},
        actor=judge_of(detained_case),
        occurred_at=timezone.now(),
    )
    detained_case.refresh_from_db()
    assert detained_case.confidentiality == "sealed"
    page = text_of(browser.get(PAGE).content.decode())
    assert detained_case.number not in page
    assert f"A sealed case you follow, to {HERS}" in page
