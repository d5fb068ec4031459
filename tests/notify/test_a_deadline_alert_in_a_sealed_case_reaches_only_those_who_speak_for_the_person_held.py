"""Review: in a sealed case, a deadline alert went to every subscriber whose role the
rule names, so a second accused at liberty and a lawyer acting only for him were told
"There is news in a case you follow" of a case they get a 404 for. Now it reaches only
those who speak for the person the deadline is about (``readers_of_alert``), in the
detention part's words, which send them to the portal and name no case."""

import datetime as dt

from expediente.custody.models import Deadline
from expediente.custody.sweep import deadline_sweep
from expediente.docket.models import Participation
from expediente.notify.models import Delivery
from tests.conftest import NOW
from tests.custody.conftest import to_trial  # noqa: F401
from tests.portal.test_a_sealed_case_keeps_its_detention_to_the_person_held import judge_of

CONVICTED = {"accused": "P1", "outcome": "convicted", "custodial": True, "sentence_months": 24}
LUIS = {"given_names": "Luis", "family_names": "Libre", "sex": "male"}
MARTA = {"given_names": "Marta", "family_names": "Abogada", "sex": "female"}


def test_the_person_held_is_told_and_the_accused_at_liberty_and_his_lawyer_are_not(  # type: ignore[no-untyped-def]
    accused_case,
    custody,
    record,
    to_trial,  # noqa: F811
    at,
    follow,
):
    case = accused_case
    record(case, "participant.added", {"role": "accused", "person": LUIS})
    luis = Participation.objects.get(case=case, role="accused", person__given_names="Luis").uid
    record(case, "participant.added", {"role": "defence", "person": MARTA})
    marta = Participation.objects.get(case=case, role="defence").uid
    record(case, "participant.acts_for", {"counsel": marta, "accused": luis})
    custody(case, "arrested", at(58, 9))
    custody(case, "pretrial_ordered", at(58))
    to_trial(case, at(50))
    record(case, "verdict.delivered", CONVICTED, occurred_at=at(40))
    record(case, "judgment.final", {}, occurred_at=at(35))
    custody(case, "sentence_started", at(34))
    ends_on = (NOW + dt.timedelta(days=20)).date().isoformat()
    record(case, "sentence.computed", {"person": "P1", "ends_on": ends_on}, occurred_at=at(30))
    for uid in ("P1", luis, marta):
        follow(case, uid, "inbox", language="en")
    record(
        case,
        "case.sealed",
        {"grounds": "Orden 7-2026"},
        actor=judge_of(case),
        occurred_at=NOW - dt.timedelta(days=1),
    )
    case.refresh_from_db()
    row = Deadline.objects.get(case=case, rule_id="intl.sentence_end_release")
    deadline_sweep(now=row.due_at - dt.timedelta(days=6))
    told = Delivery.objects.filter(notification__kind="alert")
    assert {d.subscription.participant for d in told} == {"P1"}
    text = " ".join(told.get().notification.rendered["en"].values())
    assert "A deadline about a detention" in text
    assert "/follow/" in text
    assert case.number not in text
    assert "Ask the court" not in text
