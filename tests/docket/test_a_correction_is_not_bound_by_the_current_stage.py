"""An entry recorded in an earlier stage can still be corrected once the case has moved
on (a clerk fixes an indictment's date after the trial has begun); a correction never
moves the case's stage (a judged case whose retrial order is corrected stays judged);
and a closed case is reopened before anything in it is corrected."""

import datetime as dt

import pytest

from expediente.docket.errors import NotAllowedInStage
from expediente.docket.models import Event
from expediente.docket.rebuild import rebuild
from tests.conftest import NOW

INDICTED, COMMITTED, DELIVERED = (NOW - dt.timedelta(days=d) for d in (20, 19, 10))
VERDICT = {"accused": "P1", "outcome": "convicted"}


def to_trial(case, record):
    indicted = record(case, "indictment.filed", {"accused": "P1"}, occurred_at=INDICTED).event
    record(case, "trial.committed", {}, occurred_at=COMMITTED)
    case.refresh_from_db()
    return indicted


def test_an_indictment_is_corrected_after_the_trial_began(accused_case, record):
    indicted = to_trial(accused_case, record)
    assert accused_case.stage == "trial"
    fixed = record(
        accused_case,
        "indictment.filed",
        {"accused": "P1"},
        occurred_at=INDICTED - dt.timedelta(days=1),
        corrects_seq=indicted.seq,
    )
    assert fixed.created
    accused_case.refresh_from_db()
    assert accused_case.stage == "trial"


def test_a_new_indictment_is_still_refused_in_trial(accused_case, record):
    to_trial(accused_case, record)
    before = Event.objects.filter(case=accused_case).count()
    with pytest.raises(NotAllowedInStage, match="not allowed in stage 'trial'"):
        record(accused_case, "indictment.filed", {"accused": "P1"}, occurred_at=COMMITTED)
    assert Event.objects.filter(case=accused_case).count() == before


def test_correcting_a_retrial_order_leaves_a_judged_case_judged(accused_case, record):
    to_trial(accused_case, record)
    record(accused_case, "verdict.delivered", VERDICT, occurred_at=DELIVERED)
    retrial = record(
        accused_case, "retrial.ordered", {}, occurred_at=DELIVERED + dt.timedelta(days=2)
    ).event
    record(
        accused_case,
        "verdict.delivered",
        VERDICT | {"outcome": "acquitted"},
        occurred_at=DELIVERED + dt.timedelta(days=5),
    )
    accused_case.refresh_from_db()
    assert accused_case.stage == "judgment"
    since = accused_case.stage_since
    record(
        accused_case,
        "retrial.ordered",
        {},
        occurred_at=DELIVERED + dt.timedelta(days=3),
        corrects_seq=retrial.seq,
    )
    accused_case.refresh_from_db()
    assert (accused_case.stage, accused_case.stage_since) == ("judgment", since)
    assert rebuild(check=True).differences == []  # the rebuild agrees


def test_a_closed_case_is_reopened_before_a_correction(accused_case, record):
    indicted = to_trial(accused_case, record)
    record(accused_case, "case.dismissed", {"reason": "withdrawn"})
    before = Event.objects.filter(case=accused_case).count()
    with pytest.raises(NotAllowedInStage, match="cannot be corrected: the case is in the final"):
        record(accused_case, "indictment.filed", {"accused": "P1"}, corrects_seq=indicted.seq)
    assert Event.objects.filter(case=accused_case).count() == before
