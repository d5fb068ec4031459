"""Run in a subprocess by the "hearing moved" test, against a database of its own.

``setup``: a court, its clerk (password and authenticator), a case with an accused (P1)
and a hearing, and the accused's sister following P1 by SMS in English. Prints the case
number.

``reschedule NUID STARTS_AT``: the clerk signs in (password, then the code) and records
"Hearing rescheduled" through the workspace's real form, as a browser would post it.
Prints the HTTP status and the moment (Unix time) the page answered.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time

import django

PASSWORD = "una-clave-larga-2026"
PHONE = "+506 8888 1234"


def setup() -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from expediente.access.models import Membership, User
    from expediente.access.policy import Actor
    from expediente.docket.models import Court, Jurisdiction, Participation
    from expediente.docket.services import case_open, event_record
    from expediente.notify.subscriptions import subscribe

    now = dt.datetime.now(dt.UTC)
    jurisdiction = Jurisdiction.objects.create(code="cr", name="Costa Rica", rule_pack="cr")
    court = Court.objects.create(
        jurisdiction=jurisdiction,
        code="sj-penal",
        name="Juzgado Penal de San José",
        office_code="0042",
        timezone="America/Costa_Rica",
        rule_pack="cr",
    )
    clerk = User.objects.create_user("maria.clerk", password=PASSWORD, first_name="María")
    Membership.objects.create(user=clerk, court=court, role="clerk")
    TOTPDevice.objects.create(user=clerk, name="phone", confirmed=True)
    actor = Actor.staff(clerk)
    case = case_open(
        court=court, actor=actor, procedure="adult", occurred_at=now - dt.timedelta(days=20)
    ).event.case
    person = {"given_names": "José", "family_names": "Pérez Mora", "sex": "male"}
    event_record(
        case=case,
        type="participant.added",
        payload={"role": "accused", "person": person},
        actor=actor,
        occurred_at=now - dt.timedelta(days=19),
    )
    event_record(
        case=case,
        type="hearing.scheduled",
        payload={
            "hearing": "H1",
            "kind": "preliminary",
            "starts_at": (now + dt.timedelta(days=6)).isoformat(),
            "courtroom": "Sala 3",
        },
        actor=actor,
        occurred_at=now - dt.timedelta(days=7),
    )
    subscribe(
        participation=Participation.objects.get(case=case, uid="P1"),
        channel="sms",
        address=PHONE,
        language="en",
        consent=True,
        consent_text_version="portal-2026-1",
    )
    print(json.dumps({"nuid": case.nuid}))


def reschedule(nuid: str, starts_at: str) -> None:
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.court.conftest import code_for

    setup_test_environment()  # the test client's host name is allowed
    browser = Client(HTTP_ACCEPT_LANGUAGE="es")
    first = browser.post("/court/sign-in/", {"username": "maria.clerk", "password": PASSWORD})
    assert first.status_code == 302, first.content[:300]
    device = TOTPDevice.objects.get(user__username="maria.clerk")
    second = browser.post("/court/sign-in/code/", {"code": code_for(device)})
    assert second.status_code == 302, second.content[:300]
    url = f"/court/cases/{nuid}/record/hearing.rescheduled/"
    page = browser.get(url)
    assert page.status_code == 200, page.content[:300]
    html = page.content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    now_local = dt.datetime.now(dt.UTC).astimezone(dt.timezone(dt.timedelta(hours=-6)))
    response = browser.post(
        url,
        {
            "idempotency_key": hidden["idempotency_key"],
            "expected_seq": hidden["expected_seq"],
            "hearing": "H1",
            "starts_at": starts_at,
            "courtroom": "Sala 5",
            "reason": "La defensa pidió tiempo para preparar la prueba.",
            "occurred_at": now_local.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    answered = time.time()
    print(json.dumps({"status": response.status_code, "answered": answered}))


if __name__ == "__main__":
    django.setup()
    if sys.argv[1] == "setup":
        setup()
    else:
        reschedule(sys.argv[2], sys.argv[3])
