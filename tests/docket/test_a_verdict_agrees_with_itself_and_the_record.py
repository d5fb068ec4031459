"""A verdict is refused, naming the field and the rule, and nothing is written, when its
fields contradict each other (an acquittal with a prison sentence, a prison sentence of 0
months), when the accused already has a verdict in this trial, or when it is dated before
the trial it ends or before the accused's earlier verdict. A correction that changes
nothing is refused. (A QA judge got all of these onto case 25-000014-0042-PE.)"""

import datetime as dt

import pytest

from expediente.custody.models import CustodyPeriod
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Event
from expediente.docket.verdicts import CONVICTIONS, VERDICT
from expediente.rules.loader import load_pack
from tests.conftest import NOW

INDICTED, COMMITTED, DELIVERED = (NOW - dt.timedelta(days=d) for d in (20, 19, 10))


def to_trial(case, record):
    record(case, "indictment.filed", {"accused": "P1"}, occurred_at=INDICTED)
    record(case, "trial.committed", {}, occurred_at=COMMITTED)
    case.refresh_from_db()
    return case


def verdict(record, case, when=DELIVERED, **payload):
    payload = {"accused": "P1", "outcome": "convicted", **payload}
    return record(case, VERDICT, payload, occurred_at=when)


def refused(case, attempt):
    before = Event.objects.filter(case=case).count()
    with pytest.raises(InvalidInput) as exc:
        attempt()
    assert Event.objects.filter(case=case).count() == before
    return {e["field"]: e["message"] for e in exc.value.errors}, exc.value


# -- the verdict's own fields


def test_an_acquittal_carries_no_prison_sentence(accused_case, record):
    case = to_trial(accused_case, record)
    errors, exc = refused(
        case,
        lambda: verdict(record, case, outcome="acquitted", custodial=True, sentence_months=24),
    )
    assert errors == {
        "payload.custodial": "only applies when outcome is convicted or partly_convicted",
        "payload.sentence_months": "only applies when outcome is convicted or partly_convicted",
    }
    assert set(exc.words) == {"payload.custodial", "payload.sentence_months"}


def test_an_acquittal_without_a_sentence_is_recorded(accused_case, record):
    case = to_trial(accused_case, record)
    recorded = verdict(record, case, outcome="acquitted", custodial=False)
    assert recorded.event.payload == {"accused": "P1", "outcome": "acquitted", "custodial": False}


def test_a_prison_sentence_of_no_months_is_refused(accused_case, record):
    case = to_trial(accused_case, record)
    errors, _ = refused(case, lambda: verdict(record, case, custodial=True, sentence_months=0))
    assert list(errors) == ["payload.sentence_months"]
    assert "greater than or equal to 1" in errors["payload.sentence_months"]


def test_a_conviction_with_a_sentence_is_recorded(accused_case, record):
    case = to_trial(accused_case, record)
    assert verdict(record, case, custodial=True, sentence_months=24).created


@pytest.mark.parametrize("code", ["intl", "cr", "br", "cl", "co"])
def test_every_pack_lets_a_sentence_follow_exactly_the_outcomes_that_convict(code):
    # docket/verdicts.py says which outcomes convict (custody and statistics ask it)
    fields = load_pack(code).event_types[VERDICT].fields
    for name in ("custodial", "sentence_months"):
        assert fields[name].only_if == {"outcome": list(CONVICTIONS)}


# -- one verdict per accused per trial


def test_a_second_verdict_for_the_same_accused_is_refused(accused_case, record):
    case = to_trial(accused_case, record)
    first = verdict(record, case).event
    errors, exc = refused(
        case, lambda: verdict(record, case, when=DELIVERED + dt.timedelta(days=1))
    )
    message = errors["payload.accused"]
    assert f"already on the record (entry {first.seq})" in message
    assert "correct that entry, or record “Retrial ordered” first" in message
    assert "one verdict per accused per trial" in exc.message


def test_each_accused_has_a_verdict_of_their_own(accused_case, record):
    record(
        accused_case, "participant.added", {"role": "accused", "person": {"given_names": "Luis"}}
    )
    record(accused_case, "indictment.filed", {"accused": "P3"}, occurred_at=INDICTED)
    case = to_trial(accused_case, record)
    verdict(record, case)
    assert verdict(record, case, accused="P3", outcome="acquitted").created


def test_a_retrial_opens_the_way_to_a_new_verdict(accused_case, record):
    case = to_trial(accused_case, record)
    verdict(record, case, when=DELIVERED)
    record(case, "retrial.ordered", {}, occurred_at=DELIVERED + dt.timedelta(days=2))
    again = verdict(record, case, when=DELIVERED + dt.timedelta(days=5), outcome="acquitted")
    assert again.created


def test_a_verdict_is_still_corrected(accused_case, record):
    case = to_trial(accused_case, record)
    first = verdict(record, case, custodial=True, sentence_months=24).event
    fixed = record(
        case,
        VERDICT,
        {"accused": "P1", "outcome": "convicted", "custodial": True, "sentence_months": 36},
        occurred_at=DELIVERED,
        corrects_seq=first.seq,
    )
    assert fixed.event.corrects_seq == first.seq


# -- its date


def test_a_verdict_dated_before_the_trial_began_is_refused(accused_case, record):
    case = to_trial(accused_case, record)
    errors, _ = refused(case, lambda: verdict(record, case, when=COMMITTED - dt.timedelta(hours=1)))
    assert list(errors) == ["occurred_at"]
    assert errors["occurred_at"].startswith("may not be before “Committed for trial” of ")
    assert errors["occurred_at"].endswith("(entry 6), which it follows")


def test_a_verdict_after_a_retrial_is_not_dated_before_the_retrial(accused_case, record):
    case = to_trial(accused_case, record)
    verdict(record, case, when=DELIVERED)
    retrial = DELIVERED + dt.timedelta(days=2)
    record(case, "retrial.ordered", {}, occurred_at=retrial)
    errors, _ = refused(case, lambda: verdict(record, case, when=retrial - dt.timedelta(days=1)))
    assert errors["occurred_at"].startswith("may not be before “Retrial ordered” of ")


def test_a_backdated_verdict_does_not_rewrite_custody(accused_case, record):
    # the QA judge's clock read "convicted, under appeal, detained since 1 Oct 2026"
    record(
        accused_case, "custody.arrested", {"person": "P1"}, occurred_at=NOW - dt.timedelta(days=25)
    )
    case = to_trial(accused_case, record)
    before = list(CustodyPeriod.objects.filter(case=case).values_list("kind", flat=True))
    refused(case, lambda: verdict(record, case, when=NOW - dt.timedelta(days=26)))
    assert list(CustodyPeriod.objects.filter(case=case).values_list("kind", flat=True)) == before


def test_a_correction_may_not_date_a_verdict_after_the_retrial_that_set_it_aside(
    accused_case, record
):
    case = to_trial(accused_case, record)
    first = verdict(record, case, when=DELIVERED).event
    record(case, "retrial.ordered", {}, occurred_at=DELIVERED + dt.timedelta(days=2))
    errors, _ = refused(
        case,
        lambda: record(
            case,
            VERDICT,
            {"accused": "P1", "outcome": "convicted"},
            occurred_at=DELIVERED + dt.timedelta(days=3),
            corrects_seq=first.seq,
        ),
    )
    assert errors["occurred_at"].startswith("may not be after “Retrial ordered” of ")
    assert errors["occurred_at"].endswith("(entry 8), which follows it")


# -- a correction changes something


def test_a_correction_that_changes_nothing_is_refused(accused_case, record):
    case = to_trial(accused_case, record)
    first = verdict(record, case, custodial=True, sentence_months=24).event
    errors, _ = refused(
        case,
        lambda: record(
            case, VERDICT, dict(first.payload), occurred_at=DELIVERED, corrects_seq=first.seq
        ),
    )
    assert list(errors) == ["payload"]
    assert errors["payload"].startswith("the correction changes nothing")


def test_a_correction_of_the_date_alone_is_recorded(accused_case, record):
    note = record(accused_case, "note.added", {"text": "Llamó la defensa"}).event
    later = note.occurred_at + dt.timedelta(hours=2)
    fixed = record(
        accused_case,
        "note.added",
        {"text": "Llamó la defensa"},
        occurred_at=later,
        corrects_seq=note.seq,
    )
    assert fixed.created


def test_an_unchanged_correction_of_any_entry_is_refused(accused_case, record):
    note = record(accused_case, "note.added", {"text": "Llamó la defensa"}).event
    errors, _ = refused(
        accused_case,
        lambda: record(
            accused_case,
            "note.added",
            {"text": "Llamó la defensa"},
            occurred_at=note.occurred_at,
            corrects_seq=note.seq,
        ),
    )
    assert list(errors) == ["payload"]


# -- the entries that open a trial agree with the verdicts around them (the committal
# itself cannot be corrected once the case is in trial: the stage machine refuses it)


def test_a_retrial_is_not_dated_before_the_verdict_it_sets_aside(accused_case, record):
    case = to_trial(accused_case, record)
    first = verdict(record, case, when=DELIVERED).event
    errors, exc = refused(
        case,
        lambda: record(case, "retrial.ordered", {}, occurred_at=DELIVERED - dt.timedelta(days=1)),
    )
    assert errors["occurred_at"].startswith("may not be before “Verdict delivered” of ")
    assert errors["occurred_at"].endswith(f"(entry {first.seq}), which it follows")
    assert "the retrial.ordered may not be before" in exc.message


def test_a_retrial_is_not_corrected_to_after_the_new_verdict(accused_case, record):
    case = to_trial(accused_case, record)
    verdict(record, case, when=DELIVERED)
    retrial = record(
        case, "retrial.ordered", {}, occurred_at=DELIVERED + dt.timedelta(days=2)
    ).event
    verdict(record, case, when=DELIVERED + dt.timedelta(days=5), outcome="acquitted")
    errors, _ = refused(
        case,
        lambda: record(
            case,
            "retrial.ordered",
            {},
            occurred_at=DELIVERED + dt.timedelta(days=6),
            corrects_seq=retrial.seq,
        ),
    )
    assert errors["occurred_at"].startswith("may not be after “Verdict delivered” of ")
