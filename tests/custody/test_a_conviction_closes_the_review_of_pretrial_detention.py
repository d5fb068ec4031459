"""A review of pretrial detention concerns a person held in pretrial detention: once a
conviction makes them sentenced (judgment under appeal), the review is no longer open,
in the projector's rows and after a rebuild alike (pack key ``held_as``)."""

from django.core.management import call_command

from expediente.custody.models import Deadline
from tests.custody.conftest import deadlines_of, periods_of

CONVICTED = {"accused": "P1", "outcome": "convicted", "custodial": True, "sentence_months": 60}


def test_a_conviction_stops_the_overdue_review(accused_case, custody, record, to_trial, at):
    custody(accused_case, "arrested", at(59))
    custody(accused_case, "pretrial_ordered", at(58))
    to_trial(accused_case, at(30))
    verdict = record(accused_case, "verdict.delivered", CONVICTED, occurred_at=at(20)).event
    assert [p[0] for p in periods_of(accused_case)] == ["police", "pretrial", "sentenced_appeal"]
    [review] = deadlines_of(accused_case, "cr.pretrial_review")
    assert not review.open
    assert (review.stopped_seq, review.stopped_type) == (verdict.seq, "verdict.delivered")
    assert review.satisfied_at is None  # stopped, not met
    # the person is still held: nothing of pretrial detention is listed as open
    open_rules = set(
        Deadline.objects.filter(case=accused_case, open=True).values_list("rule_id", flat=True)
    )
    assert not {"cr.pretrial_review", "cr.pretrial_maximum", "cr.pretrial_order_term"} & open_rules


def test_an_acquittal_leaves_the_review_to_the_release(accused_case, custody, record, to_trial, at):
    custody(accused_case, "arrested", at(51))
    custody(accused_case, "pretrial_ordered", at(50))
    to_trial(accused_case, at(30))
    record(
        accused_case,
        "verdict.delivered",
        {"accused": "P1", "outcome": "acquitted"},
        occurred_at=at(20),
    )
    [review] = deadlines_of(accused_case, "cr.pretrial_review")
    assert review.open  # still held as pretrial until the release is recorded
    released = custody(accused_case, "released", at(19)).event
    [review] = deadlines_of(accused_case, "cr.pretrial_review")
    assert (review.open, review.stopped_seq) == (False, released.seq)


def test_the_rebuild_gives_the_same_closed_review(accused_case, custody, record, to_trial, at):
    custody(accused_case, "arrested", at(59))
    custody(accused_case, "pretrial_ordered", at(58))
    to_trial(accused_case, at(30))
    record(accused_case, "verdict.delivered", CONVICTED, occurred_at=at(20))
    before = list(Deadline.objects.filter(case=accused_case).values("key", "open", "stopped_seq"))
    call_command("rebuild", "--check")
    after = list(Deadline.objects.filter(case=accused_case).values("key", "open", "stopped_seq"))
    assert before == after
    assert any(r["stopped_seq"] for r in after)


def test_a_review_before_the_conviction_still_counts(accused_case, custody, record, to_trial, at):
    custody(accused_case, "arrested", at(59))
    custody(accused_case, "pretrial_ordered", at(58))
    custody(accused_case, "pretrial_reviewed", at(40))
    to_trial(accused_case, at(30))
    record(accused_case, "verdict.delivered", CONVICTED, occurred_at=at(20))
    first, second = deadlines_of(accused_case, "cr.pretrial_review")
    assert first.satisfied_at == at(40)
    assert (second.open, second.stopped_type) == (False, "verdict.delivered")
    assert second.start_seq != first.start_seq


def test_a_retrial_back_in_pretrial_detention_opens_the_review_again(
    accused_case, custody, record, to_trial, at
):
    """A conviction closed the review; a retrial puts him back in pretrial detention: the
    review must be counted again (the review found it closed for good, and the person
    had no review, no maximum and no order term left to warn)."""
    custody(accused_case, "arrested", at(59))
    custody(accused_case, "pretrial_ordered", at(58))
    to_trial(accused_case, at(30))
    record(accused_case, "verdict.delivered", CONVICTED, occurred_at=at(20))
    record(accused_case, "appeal.filed", {"appellant": "P1"}, occurred_at=at(19))
    retrial = record(accused_case, "retrial.ordered", {}, occurred_at=at(10)).event
    assert [p[0] for p in periods_of(accused_case)][-1] == "pretrial"
    first, again = deadlines_of(accused_case, "cr.pretrial_review")
    assert (first.open, first.stopped_type) == (False, "verdict.delivered")
    assert again.open
    assert again.start_seq == retrial.seq
    before = list(Deadline.objects.filter(case=accused_case).values("key", "open", "start_seq"))
    call_command("rebuild", "--check")
    assert list(Deadline.objects.filter(case=accused_case).values("key", "open", "start_seq")) == (
        before
    )


def test_an_acquittal_on_appeal_starts_no_review_again(accused_case, custody, record, to_trial, at):
    """QA saw a new art. 253 review "due 1 March 2027, from «Verdict delivered»" for a
    person the appeal court's verdict had acquitted: held as pretrial again, with no
    ground, until the release, they have no detention to review. The release is what is
    owed (the release watch), and nothing of pretrial detention opens again."""
    custody(accused_case, "arrested", at(59))
    custody(accused_case, "pretrial_ordered", at(58))
    to_trial(accused_case, at(30))
    record(accused_case, "verdict.delivered", CONVICTED, occurred_at=at(20))
    record(accused_case, "appeal.filed", {"appellant": "P1"}, occurred_at=at(15))
    record(accused_case, "appeal.decided", {"outcome": "overturned"}, occurred_at=at(10))
    acquittal = {"accused": "P1", "outcome": "acquitted"}
    record(accused_case, "verdict.delivered", acquittal, occurred_at=at(5))
    assert [p[0] for p in periods_of(accused_case)][-1] == "pretrial"
    open_rules = set(
        Deadline.objects.filter(case=accused_case, open=True).values_list("rule_id", flat=True)
    )
    assert not {"cr.pretrial_review", "cr.pretrial_maximum", "cr.pretrial_order_term"} & open_rules
    assert "intl.release_on_order_end" in open_rules
    before = list(Deadline.objects.filter(case=accused_case).values("key", "open", "stopped_seq"))
    call_command("rebuild", "--check")
    assert before == list(
        Deadline.objects.filter(case=accused_case).values("key", "open", "stopped_seq")
    )


def test_a_retrial_still_reopens_the_release_watch_of_a_person_held_with_no_order(
    accused_case, custody, record, to_trial, at
):
    """The review's rule above is not the release watch's: a person whose order was
    lifted, then convicted, then sent to a retrial is held as pretrial with no order, and
    the release is owed again from the retrial (a review found the acquittal's rule
    holding this watch off too)."""
    custody(accused_case, "arrested", at(59))
    custody(accused_case, "pretrial_ordered", at(58))
    custody(accused_case, "pretrial_lifted", at(50))
    to_trial(accused_case, at(30))
    record(accused_case, "verdict.delivered", CONVICTED, occurred_at=at(20))
    record(accused_case, "appeal.filed", {"appellant": "P1"}, occurred_at=at(15))
    retrial = record(accused_case, "retrial.ordered", {}, occurred_at=at(10)).event
    watch = Deadline.objects.filter(
        case=accused_case, rule_id="intl.release_on_order_end", open=True
    ).get()
    assert watch.start_seq == retrial.seq
