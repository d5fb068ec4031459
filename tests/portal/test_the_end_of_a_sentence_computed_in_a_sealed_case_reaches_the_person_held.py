"""Review: in a sealed case, the court's computation of the day a sentence ends
(``sentence.computed``) was left out of the detention part, though it sets the deadline
the person serving it sees on their detention clock: they were not told of it, nor shown
it. It is in the detention part of whoever speaks for the person it computes."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from expediente.notify.models import Delivery, Notification
from tests.conftest import NOW
from tests.custody.conftest import at, custody, to_trial  # noqa: F401
from tests.notify.conftest import follow  # noqa: F401
from tests.portal.conftest import text_of
from tests.portal.test_a_sealed_case_keeps_its_detention_to_the_person_held import (
    case_page,
    judge_of,
)

CONVICTED = {"accused": "P1", "outcome": "convicted", "custodial": True, "sentence_months": 24}


def test_the_person_serving_the_sentence_is_told_and_shown_it(  # type: ignore[no-untyped-def]
    accused_case,
    custody,  # noqa: F811
    record,
    to_trial,  # noqa: F811
    at,  # noqa: F811
    follow,  # noqa: F811
    issue,
):
    case = accused_case
    custody(case, "arrested", at(58, 9))
    custody(case, "pretrial_ordered", at(58))
    to_trial(case, at(50))
    record(case, "verdict.delivered", CONVICTED, occurred_at=at(40))
    record(case, "judgment.final", {}, occurred_at=at(35))
    custody(case, "sentence_started", at(34))
    follow(case, "P1", "inbox", language="en")
    follow(case, "P2", "inbox", language="en")
    code = issue(case, "P1")
    judge = judge_of(case)
    record(
        case,
        "case.sealed",
        {"grounds": "Orden 9-2026"},
        actor=judge,
        occurred_at=timezone.now() - dt.timedelta(minutes=2),
    )
    case.refresh_from_db()
    ends_on = (NOW + dt.timedelta(days=40)).date().isoformat()
    record(
        case,
        "sentence.computed",
        {"person": "P1", "ends_on": ends_on},
        actor=judge,
        occurred_at=timezone.now(),
    )
    told = Delivery.objects.filter(notification__what="sentence.computed")
    assert list(told.values_list("subscription__participant", flat=True)) == ["P1"]
    text = " ".join(Notification.objects.get(what="sentence.computed").rendered["en"].values())
    assert "news about a detention" in text
    status, body = case_page(case, code)
    assert status == 200
    assert "Sentence computed" in text_of(body)
