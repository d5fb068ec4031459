"""Run in a subprocess by the crash test, against its own database: ``setup`` opens a
case with subscribers on every channel and records two entries (so deliveries are
queued); then (and with ``report`` alone) it prints the deliveries as JSON."""

from __future__ import annotations

import datetime as dt
import json
import sys

import django


def setup(participants: int) -> None:
    from django.conf import settings

    from expediente.access.models import User
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
    actor = Actor.system(User.objects.create(username="clerk", is_system=True))
    case = case_open(
        court=court, actor=actor, procedure="adult", occurred_at=now - dt.timedelta(days=3)
    ).event.case
    hook = settings.NOTIFY_SMS_GATEWAY_URL.rsplit("/", 1)[0] + "/hook"
    for n in range(participants):
        person = {"given_names": f"Persona {n}", "family_names": "Prueba", "sex": "female"}
        event_record(
            case=case,
            type="participant.added",
            payload={"role": "victim", "person": person},
            actor=actor,
            occurred_at=now - dt.timedelta(days=2),
        )
    for n in range(participants):
        participation = Participation.objects.get(case=case, uid=f"P{n + 1}")
        for channel, address in (
            ("email", f"p{n}@example.org"),
            ("sms", f"+5068888{n:04d}"),
            ("webhook", f"{hook}/{n}"),
        ):
            subscribe(
                participation=participation,
                channel=channel,
                address=address,
                language="es",
                consent=True,
                consent_text_version="2026-03",
            )
    for hearing in ("H1", "H2"):
        event_record(
            case=case,
            type="hearing.scheduled",
            payload={
                "hearing": hearing,
                "kind": "trial",
                "starts_at": (now + dt.timedelta(days=30)).isoformat(),
            },
            actor=actor,
            occurred_at=now - dt.timedelta(days=1),
        )


def report() -> None:
    from expediente.notify.models import Delivery

    print(
        json.dumps(
            {
                "deliveries": dict(Delivery.objects.values_list("key", "status")),
                "attempts": dict(Delivery.objects.values_list("key", "attempts")),
            }
        )
    )


if __name__ == "__main__":
    django.setup()
    if sys.argv[1] == "setup":
        setup(int(sys.argv[2]))
    report()
