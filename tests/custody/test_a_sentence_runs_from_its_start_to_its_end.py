"""A sentence served: a person free after the verdict begins a sentenced period when the
sentence starts, of the kind the judgment gives (final or under appeal); the end of the
sentence ends custody."""

from tests.custody.conftest import periods_of

CONVICTED = {"accused": "P1", "outcome": "convicted", "custodial": True, "sentence_months": 6}


def convict(case, record, to_trial, at, days):
    to_trial(case, at(days + 1))
    record(case, "verdict.delivered", CONVICTED, occurred_at=at(days))


def test_a_free_person_begins_serving_a_final_sentence(accused_case, custody, record, to_trial, at):
    convict(accused_case, record, to_trial, at, 40)
    record(accused_case, "judgment.final", {}, occurred_at=at(30))
    start = custody(accused_case, "sentence_started", at(20), facility="CAI Liberia").event.seq
    end = custody(accused_case, "sentence_ended", at(2), reason="served").event.seq
    assert periods_of(accused_case) == [("sentenced_final", at(20), at(2), start, end)]


def test_a_sentence_started_before_the_judgment_is_final_is_under_appeal(
    accused_case, custody, record, to_trial, at
):
    convict(accused_case, record, to_trial, at, 40)
    start = custody(accused_case, "sentence_started", at(35)).event.seq
    final = record(accused_case, "judgment.final", {}, occurred_at=at(30)).event.seq
    assert periods_of(accused_case) == [
        ("sentenced_appeal", at(35), at(30), start, final),
        ("sentenced_final", at(30), None, final, None),
    ]


def test_a_person_held_since_the_verdict_carries_on_in_the_same_period(
    accused_case, custody, record, to_trial, at
):
    arrest = custody(accused_case, "arrested", at(60, 9, 30)).event.seq
    order = custody(accused_case, "pretrial_ordered", at(60)).event.seq
    convict(accused_case, record, to_trial, at, 40)
    verdict = periods_of(accused_case)[-1][3]
    custody(accused_case, "sentence_started", at(39))
    assert periods_of(accused_case) == [
        ("police", at(60, 9, 30), at(60), arrest, order),
        ("pretrial", at(60), at(40), order, verdict),
        ("sentenced_appeal", at(40), None, verdict, None),
    ]
