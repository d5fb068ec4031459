"""Review: a message written while the case could be seen names it and what happened;
if the court seals the case before the worker sends it (a retry hours later, an SMS
queued behind others), it must not leave: the victim it was for now gets a 404 for the
case. The delivery is cancelled and says why; what the court records after the order
reaches only the detention part's readers, in words that name nothing."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import override

from expediente.docket.models import Participation
from expediente.notify.models import Delivery
from expediente.notify.subscriptions import subscribe
from expediente.notify.worker import run
from tests.portal.conftest import detained_case  # noqa: F401
from tests.portal.test_a_sealed_case_keeps_its_detention_to_the_person_held import judge_of


def test_a_message_queued_before_the_seal_is_cancelled_not_sent(detained_case, record, smtp):  # type: ignore[no-untyped-def]  # noqa: F811
    case = detained_case
    victim = Participation.objects.get(case=case, uid="P2")
    subscribe(
        participation=victim,
        channel="email",
        address="victima@example.org",
        language="en",
        consent=True,
        consent_text_version="test",
    )
    record(case, "charge.filed", {"accused": "P1", "offence": "CP-208"})
    record(
        case,
        "case.sealed",
        {"grounds": "Orden 7-2026"},
        actor=judge_of(case),
        occurred_at=timezone.now(),
    )
    run(once=True)
    assert smtp.messages == []
    delivery = Delivery.objects.get(
        subscription__participant="P2", notification__what="charge.filed"
    )
    assert delivery.status == Delivery.Status.CANCELLED
    assert delivery.cancelled_because == Delivery.Why.SEALED
    with override("en"):
        assert delivery.get_cancelled_because_display() == (
            "Cancelled: the case was sealed before it was sent"
        )


def test_once_unsealed_a_message_waiting_is_sent_again(detained_case, record, smtp):  # type: ignore[no-untyped-def]  # noqa: F811
    case = detained_case
    subscribe(
        participation=Participation.objects.get(case=case, uid="P2"),
        channel="email",
        address="victima@example.org",
        language="en",
        consent=True,
        consent_text_version="test",
    )
    record(case, "charge.filed", {"accused": "P1", "offence": "CP-208"})
    judge = judge_of(case)
    record(
        case, "case.sealed", {"grounds": "Orden 7-2026"}, actor=judge, occurred_at=timezone.now()
    )
    record(
        case,
        "case.unsealed",
        {"grounds": "Orden 8-2026", "confidentiality": "public"},
        actor=judge,
        occurred_at=timezone.now(),
    )
    run(once=True)
    assert any(case.number in m.get_content() for m in smtp.messages)
