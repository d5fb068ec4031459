"""A guardian's account turns on email notifications on /my/notifications/, as counsel
does: her own participation is subscribed, and she is told what the person the docket
records she stands for is told. A child victim's mother gets the breach of the order
protecting her child with "If you are in danger, call 911"; a young accused's mother gets
it without (he was not told to call for help against himself). Real SMTP."""

from __future__ import annotations

import datetime as dt

from expediente.access.participant_codes import link_by_clerk
from expediente.notify.models import Subscription
from expediente.notify.worker import run
from tests.conftest import NOW
from tests.notify.conftest import smtp, smtp_server  # noqa: F401  (the real SMTP server)
from tests.portal.conftest import lawyer_client, text_of
from tests.portal.test_a_lawyer_is_emailed_about_her_cases import ES, PAGE, confirm_link

DANGER = "911"  # "Si está en peligro, llame al 911."


def _guardian(case, record, name: str, stands_for: str) -> str:  # type: ignore[no-untyped-def]
    person = {"given_names": name, "family_names": "Rojas", "sex": "female"}
    uid = record(case, "participant.added", {"role": "guardian", "person": person}).event.payload[
        "participant"
    ]
    record(case, "participant.stands_for", {"guardian": uid, "stands_for": stands_for})
    return str(uid)


def _breach(case, record) -> None:  # type: ignore[no-untyped-def]
    when = NOW - dt.timedelta(days=3)
    record(
        case,
        "measure.imposed",
        {
            "measure": "M1",
            "person": "P1",
            "kind": "restraining_order",
            "starts_on": when.date().isoformat(),
            "protected": "P2",
            "distance_m": 200,
            "device": "DEV-1",
        },
        occurred_at=when,
    )
    record(
        case,
        "measure.device_event",
        {"measure": "M1", "device": "DEV-1", "kind": "zone_breach"},
        occurred_at=NOW - dt.timedelta(days=1),
    )


def test_the_victims_mother_is_told_whom_to_call_and_the_accuseds_is_not(  # type: ignore[no-untyped-def]
    accused_case,
    court_clerk,
    record,
    smtp,  # noqa: F811
    settings,
):
    settings.NOTIFY_BASE_URL = "https://expediente.example"
    victims = _guardian(accused_case, record, "María", stands_for="P2")
    accuseds = _guardian(accused_case, record, "Elena", stands_for="P1")
    addresses = {}
    for uid, username, address in (
        (victims, "maria.rojas", "maria@familia.example"),
        (accuseds, "elena.rojas", "elena@familia.example"),
    ):
        browser, user = lawyer_client(username)
        link_by_clerk(case=accused_case, participant=uid, username=user.username, actor=court_clerk)
        smtp.mailbox.messages.clear()
        assert browser.post(PAGE, {"action": "email", "email": address}, **ES).status_code == 302
        assert browser.post(confirm_link(smtp.messages[0])).status_code == 200
        assert browser.post(PAGE, {"action": "on", "consent": "yes"}, **ES).status_code == 302
        page = text_of(browser.get(PAGE).content.decode())
        assert accused_case.number in page
        addresses[uid] = address
    assert set(Subscription.objects.filter(active=True).values_list("participant", flat=True)) == {
        victims,
        accuseds,
    }
    smtp.mailbox.messages.clear()
    _breach(accused_case, record)
    run(once=True)
    received: dict[str, list[str]] = {}
    for message in smtp.messages:
        received.setdefault(str(message["To"]), []).append(message.get_content())
    assert set(received) == {addresses[victims], addresses[accuseds]}
    # both were told of the breach, in Spanish (the language they turned the emails on in)
    for bodies in received.values():
        assert any(accused_case.number in body and "DEV-1" not in body for body in bodies)
    assert any(DANGER in body for body in received[addresses[victims]])
    assert all(DANGER not in body for body in received[addresses[accuseds]])
