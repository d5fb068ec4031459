"""Review: in a sealed case, the messages about a release reached nobody, because the
custody projection had closed the custody period before the outbox asked who is held.
The release is the last entry of the detention part the person held, their guardian and
their defence are told of (``held_spoken_for(closed_by=…)``); nobody else is told."""

from __future__ import annotations

from django.utils import timezone

from expediente.notify.models import Delivery, Notification
from tests.portal.conftest import inbox_for
from tests.portal.test_a_sealed_case_keeps_its_detention_to_the_person_held import (  # noqa: F401
    sealed,
    the_judge,
)


def test_the_person_held_their_guardian_and_defence_are_told_of_the_release(sealed, record):  # type: ignore[no-untyped-def]  # noqa: F811
    case, _codes = sealed
    inbox_for(case, "P1", "P2", "P4", "P5", "P6", "P7")
    record(
        case,
        "custody.released",
        {"person": "P1", "reason": "order_of_court"},
        actor=the_judge(),
        occurred_at=timezone.now(),
    )
    told = Delivery.objects.filter(notification__what="custody.released")
    assert sorted(told.values_list("subscription__participant", flat=True)) == ["P1", "P4", "P7"]
    text = " ".join(Notification.objects.get(what="custody.released").rendered["en"].values())
    # not "you can see it in the portal": P1's family loses the case with the release
    assert "news about a detention" in text
    assert "ask the court" in text
    assert "You can see it in the portal" not in text


def test_an_escape_does_not_promise_the_portal_either(sealed, record):  # type: ignore[no-untyped-def]  # noqa: F811
    case, _codes = sealed
    inbox_for(case, "P1", "P4", "P7")
    record(case, "custody.escaped", {"person": "P1"}, actor=the_judge(), occurred_at=timezone.now())
    told = Delivery.objects.filter(notification__what="custody.escaped")
    assert sorted(told.values_list("subscription__participant", flat=True)) == ["P1", "P4", "P7"]
    text = " ".join(Notification.objects.get(what="custody.escaped").rendered["en"].values())
    assert "You can see it in the portal" not in text
    assert "escape" not in text.lower()  # what happened is the court's to tell
    assert case.number not in text
