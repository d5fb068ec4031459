"""In a sealed case, the messages about a new entry reach only those who read the
detention part of it (``access/detention_part.py``), and only of an entry in that part:
the person held (and the defence and guardian speaking for them) is told of a custody
entry, of nothing else; the victim and the lawyer of the accused at liberty are told of
nothing (the case does not exist for them). The message names no case and no person."""

from __future__ import annotations

from django.utils import timezone

from expediente.notify.models import Delivery, Notification
from tests.portal.conftest import hearing_day, inbox_for
from tests.portal.test_a_sealed_case_keeps_its_detention_to_the_person_held import (  # noqa: F401
    sealed,
    the_judge,
)

FOLLOWERS = ("P1", "P2", "P4", "P6", "P7")


def told(case, uid: str) -> list[str]:  # type: ignore[no-untyped-def]
    rows = Delivery.objects.filter(subscription__case=case, subscription__participant=uid)
    return sorted(rows.values_list("notification__what", flat=True))


def test_a_custody_entry_reaches_the_person_held_and_no_other_entry_does(sealed, record):  # type: ignore[no-untyped-def]  # noqa: F811
    case, _codes = sealed
    inbox_for(case, *FOLLOWERS)
    judge = the_judge()
    record(
        case,
        "custody.pretrial_reviewed",
        {"person": "P1", "outcome": "maintained"},
        actor=judge,
        occurred_at=timezone.now(),
    )
    record(
        case,
        "hearing.scheduled",
        {"hearing": "H9", "kind": "trial", "starts_at": hearing_day().isoformat()},
        actor=judge,
        occurred_at=timezone.now(),
    )
    for uid in ("P1", "P4", "P7"):
        assert told(case, uid) == ["custody.pretrial_reviewed"], uid
    for uid in ("P2", "P6"):
        assert told(case, uid) == [], uid
    message = Notification.objects.get(what="custody.pretrial_reviewed")
    text = " ".join(message.rendered["en"].values())
    assert "news about a detention" in text
    assert case.number not in text
    assert "José" not in text


def test_once_released_nobody_is_told_any_more(sealed, record):  # type: ignore[no-untyped-def]  # noqa: F811
    case, _codes = sealed

    inbox_for(case, "P1")
    judge = the_judge()
    record(
        case,
        "custody.released",
        {"person": "P1", "reason": "order_of_court"},
        actor=judge,
        occurred_at=timezone.now(),
    )
    record(
        case,
        "custody.arrested",
        {"person": "P5"},
        actor=judge,
        occurred_at=timezone.now(),
    )
    # his release may be the last thing he is told; a co-accused's arrest is not his
    assert "custody.arrested" not in told(case, "P1")
    assert told(case, "P1") == ["custody.released"]
