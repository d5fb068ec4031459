"""Review: an expunged case is sealed too, and the messages about its entries went only
to the readers of a detention part, which nobody has in an expunged case; so its accused
and their defence, whom the rules still give the whole of it (rule
``expunged_own_record``), were told nothing any more. They are told again, as before, in
words that name nothing ("There is news in a case you follow"); the victim, who lost
the case, is not."""

import datetime as dt

import pytest
from django.utils import timezone

from expediente.notify.models import Delivery
from tests.portal.conftest import schedule_review
from tests.portal.test_a_sealed_case_keeps_its_detention_to_the_person_held import judge_of

pytestmark = pytest.mark.django_db

LAWYER = {"given_names": "Laura", "family_names": "Méndez", "sex": "female"}


def test_the_accused_and_the_defence_are_told_and_the_victim_is_not(accused_case, record, follow):  # type: ignore[no-untyped-def]
    case = accused_case
    record(case, "participant.added", {"role": "defence", "person": LAWYER})  # P3
    for uid in ("P1", "P2", "P3"):
        follow(case, uid, "inbox", language="en")
    judge = judge_of(case)
    record(
        case,
        "case.expunged",
        {"basis": "Ley de ejemplo, art. 1 (prueba)", "grounds": "Orden 3-2026"},
        actor=judge,
        occurred_at=timezone.now() - dt.timedelta(hours=2),
    )
    case.refresh_from_db()
    schedule_review(lambda *a, **k: record(*a, actor=judge, **k), case)
    told = Delivery.objects.filter(notification__what="hearing.scheduled")
    assert sorted(told.values_list("subscription__participant", flat=True)) == ["P1", "P3"]
    text = " ".join(told.first().notification.rendered["en"].values())
    assert "There is news in a case you follow" in text
    assert "detention" not in text
    assert case.number not in text
