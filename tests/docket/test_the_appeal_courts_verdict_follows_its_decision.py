"""An appeal decided as "overturned" or "modified" says neither for whom nor which way:
the appeal court's verdict is recorded after it, one per accused, and everything that
reads verdicts reads it (the detention clock here). Before, a second verdict was refused
("one verdict per accused per trial") and the only way to record what the appeal court
decided was to correct the first court's verdict, rewriting what that court decided. An
appeal upheld or dismissed opens no second verdict; the appeal verdict is not dated
before the decision; the decision cannot be corrected into one that changed nothing
while a verdict given on the appeal rests on it. Each refusal names the field and the
rule and records nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from expediente.custody.models import CustodyPeriod, Deadline
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case, Event
from expediente.docket.verdicts import VERDICT
from tests.conftest import NOW

INDICTED, COMMITTED, DELIVERED, FILED, DECIDED, ON_APPEAL = (
    NOW + dt.timedelta(days=d) for d in (-20, -19, -10, -8, 30, 40)
)


def judged(case: Case, record: Any, outcome: str = "convicted", **extra: Any) -> Event:
    record(case, "indictment.filed", {"accused": "P1"}, occurred_at=INDICTED)
    record(case, "trial.committed", {}, occurred_at=COMMITTED)
    return verdict(record, case, DELIVERED, outcome=outcome, **extra)


def verdict(record: Any, case: Case, when: dt.datetime, **payload: Any) -> Event:
    return record(case, VERDICT, {"accused": "P1", **payload}, occurred_at=when).event


def appealed(case: Case, record: Any, outcome: str, when: dt.datetime = DECIDED) -> Event:
    record(case, "appeal.filed", {"appellant": "P1"}, occurred_at=FILED)
    return record(case, "appeal.decided", {"outcome": outcome}, occurred_at=when).event


def refused(case: Case, attempt: Any) -> dict[str, str]:
    before = Event.objects.filter(case=case).count()
    with pytest.raises(InvalidInput) as exc:
        attempt()
    assert Event.objects.filter(case=case).count() == before
    return {e["field"]: e["message"] for e in exc.value.errors}


@pytest.mark.parametrize("outcome", ["overturned", "modified"])
def test_after_an_appeal_that_changed_the_verdict_the_appeal_courts_is_recorded(
    accused_case: Case, record: Any, outcome: str
) -> None:
    first = judged(accused_case, record, custodial=True, sentence_months=48)
    appealed(accused_case, record, outcome)
    second = verdict(
        record, accused_case, ON_APPEAL, outcome="convicted", custodial=True, sentence_months=24
    )
    assert second.seq > first.seq
    assert first.payload["sentence_months"] == 48  # the first court's verdict stands as it was
    accused_case.refresh_from_db()
    assert accused_case.stage == "judgment"


@pytest.mark.parametrize("outcome", ["upheld", "dismissed"])
def test_an_appeal_that_changed_nothing_opens_no_second_verdict(
    accused_case: Case, record: Any, outcome: str
) -> None:
    first = judged(accused_case, record)
    appealed(accused_case, record, outcome)
    errors = refused(
        accused_case, lambda: verdict(record, accused_case, ON_APPEAL, outcome="acquitted")
    )
    message = errors["payload.accused"]
    assert f"already on the record (entry {first.seq})" in message
    assert "a verdict given on appeal is recorded after “Appeal decided”" in message


def test_one_verdict_per_accused_on_the_appeal(accused_case: Case, record: Any) -> None:
    judged(accused_case, record)
    appealed(accused_case, record, "overturned")
    on_appeal = verdict(record, accused_case, ON_APPEAL, outcome="acquitted")
    errors = refused(
        accused_case,
        lambda: verdict(
            record, accused_case, ON_APPEAL + dt.timedelta(days=1), outcome="convicted"
        ),
    )
    assert f"already on the record (entry {on_appeal.seq})" in errors["payload.accused"]


def test_the_appeal_courts_verdict_is_not_dated_before_the_decision(
    accused_case: Case, record: Any
) -> None:
    judged(accused_case, record)
    decision = appealed(accused_case, record, "overturned")
    errors = refused(
        accused_case,
        lambda: verdict(record, accused_case, DECIDED - dt.timedelta(days=2), outcome="acquitted"),
    )
    assert f"(entry {decision.seq})" in errors["occurred_at"]


def test_the_decision_is_not_dated_before_the_verdict_it_changed(
    accused_case: Case, record: Any
) -> None:
    first = judged(accused_case, record)
    record(accused_case, "appeal.filed", {"appellant": "P1"}, occurred_at=FILED)
    errors = refused(
        accused_case,
        lambda: record(
            accused_case,
            "appeal.decided",
            {"outcome": "overturned"},
            occurred_at=DELIVERED - dt.timedelta(days=1),
        ),
    )
    assert f"(entry {first.seq})" in errors["occurred_at"]


def test_the_decision_is_not_corrected_to_after_the_verdict_given_on_it(
    accused_case: Case, record: Any
) -> None:
    judged(accused_case, record)
    decision = appealed(accused_case, record, "overturned")
    on_appeal = verdict(record, accused_case, ON_APPEAL, outcome="acquitted")
    errors = refused(
        accused_case,
        lambda: record(
            accused_case,
            "appeal.decided",
            {"outcome": "overturned"},
            occurred_at=ON_APPEAL + dt.timedelta(days=1),
            corrects_seq=decision.seq,
        ),
    )
    assert f"(entry {on_appeal.seq})" in errors["occurred_at"]


def test_the_decision_is_not_corrected_into_one_that_changed_nothing_under_its_verdict(
    accused_case: Case, record: Any
) -> None:
    judged(accused_case, record)
    decision = appealed(accused_case, record, "overturned")
    on_appeal = verdict(record, accused_case, ON_APPEAL, outcome="acquitted")
    errors = refused(
        accused_case,
        lambda: record(
            accused_case,
            "appeal.decided",
            {"outcome": "upheld"},
            occurred_at=DECIDED,
            corrects_seq=decision.seq,
        ),
    )
    assert f"(entry {on_appeal.seq})" in errors["payload.outcome"]
    # overturned corrected into modified still changed the verdict: recorded
    fixed = record(
        accused_case,
        "appeal.decided",
        {"outcome": "modified"},
        occurred_at=DECIDED,
        corrects_seq=decision.seq,
    )
    assert fixed.created


def test_without_a_verdict_on_it_the_decision_is_corrected_freely(
    accused_case: Case, record: Any
) -> None:
    judged(accused_case, record)
    decision = appealed(accused_case, record, "overturned")
    fixed = record(
        accused_case,
        "appeal.decided",
        {"outcome": "upheld"},
        occurred_at=DECIDED,
        corrects_seq=decision.seq,
    )
    assert fixed.created


def _kinds(case: Case) -> list[tuple[str, bool]]:
    return [
        (p.kind, p.ended_at is None)
        for p in CustodyPeriod.objects.filter(case=case).order_by("started_at", "start_seq")
    ]


def test_convicted_on_appeal_a_person_held_is_held_as_sentenced(
    accused_case: Case, record: Any
) -> None:
    """Acquitted at first instance but still held (awaiting the release), then convicted
    on appeal: their custody becomes a sentence under appeal, as any conviction makes it."""
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=INDICTED)
    judged(accused_case, record, outcome="acquitted")
    # still police custody, decided from the acquittal (a new period: SDG 16.3.2)
    assert _kinds(accused_case) == [("police", False), ("police", True)]
    appealed(accused_case, record, "overturned")
    verdict(record, accused_case, ON_APPEAL, outcome="convicted", custodial=True)
    assert _kinds(accused_case) == [
        ("police", False),
        ("police", False),
        ("sentenced_appeal", True),
    ]


def test_acquitted_on_appeal_a_person_held_awaits_the_release(
    accused_case: Case, record: Any
) -> None:
    """Convicted at first instance and held, then acquitted on appeal: nothing in the case
    holds them any more; the release watch opens (the clock reads the latest verdict)."""
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=INDICTED)
    judged(accused_case, record, outcome="convicted", custodial=True)
    appealed(accused_case, record, "overturned")
    watches = Deadline.objects.filter(case=accused_case, start_type=VERDICT, open=True)
    assert not watches.exists()
    verdict(record, accused_case, ON_APPEAL, outcome="acquitted")
    assert watches.exists()
    # no longer held as sentenced: pretrial until the release (the release watch reads
    # the kind), though decided (a first-instance decision was made: SDG 16.3.2 counts
    # them sentenced, tests/custody/test_a_verdict_makes_the_person_held_decided.py)
    assert _kinds(accused_case) == [
        ("police", False),
        ("sentenced_appeal", False),
        ("pretrial", True),
    ]


def test_a_co_accuseds_first_verdict_recorded_late_is_not_the_appeals(
    accused_case: Case, record: Any
) -> None:
    """Two accused tried together; only P1's verdict was recorded before the appeal
    decision. P3's own verdict, given the same day as P1's and recorded late, is their
    first: the decision bounds only the verdicts of those judged before it."""
    record(
        accused_case, "participant.added", {"role": "accused", "person": {"given_names": "Luis"}}
    )
    record(accused_case, "indictment.filed", {"accused": "P3"}, occurred_at=INDICTED)
    judged(accused_case, record)
    appealed(accused_case, record, "overturned")
    late = record(
        accused_case, VERDICT, {"accused": "P3", "outcome": "acquitted"}, occurred_at=DELIVERED
    )
    assert late.created


def test_the_judgment_is_not_made_final_while_the_appeal_courts_verdict_is_owed(
    accused_case: Case, record: Any
) -> None:
    judged(accused_case, record, custodial=True, sentence_months=48)
    appealed(accused_case, record, "modified")
    errors = refused(
        accused_case,
        lambda: record(accused_case, "judgment.final", {}, occurred_at=ON_APPEAL),
    )
    assert "José Pérez Mora (P1)" in errors["type"]
    assert "record it first" in errors["type"]
    verdict(record, accused_case, ON_APPEAL, outcome="convicted", sentence_months=30)
    final = record(accused_case, "judgment.final", {}, occurred_at=ON_APPEAL + dt.timedelta(days=1))
    assert final.created
    accused_case.refresh_from_db()
    assert accused_case.stage == "enforcement"


def test_the_public_page_reads_no_outcome_while_a_co_accused_is_owed_the_appeals_verdict() -> None:
    from expediente.portal.public.finality import finality_from

    first_instance = [
        ("participant.added", {"role": "accused", "participant": "P1"}),
        ("participant.added", {"role": "accused", "participant": "P3"}),
        (VERDICT, {"accused": "P1", "outcome": "convicted"}),
        (VERDICT, {"accused": "P3", "outcome": "convicted"}),
        ("appeal.decided", {"outcome": "overturned"}),
        (VERDICT, {"accused": "P1", "outcome": "acquitted"}),
    ]
    final = [("judgment.final", {})]
    assert finality_from([*first_instance, *final]) == "unclear"
    both = [*first_instance, (VERDICT, {"accused": "P3", "outcome": "acquitted"}), *final]
    assert finality_from(both) == "acquitted"


def test_a_judgment_made_final_before_the_rule_asks_for_nothing() -> None:
    """A case recorded before the judgment was refused while owed: an appeal that
    modified the verdict, then the judgment made final with no new verdict. Its stage
    takes no verdict any more, so the case page asks for none."""
    from types import SimpleNamespace

    from expediente.docket.appeal_verdicts import verdicts_owed

    def entry(seq: int, type_name: str, **payload: Any) -> Any:
        return SimpleNamespace(
            seq=seq, corrects_seq=None, type=type_name, payload=payload, occurred_at=NOW
        )

    history = [
        entry(1, VERDICT, accused="P1", outcome="convicted"),
        entry(2, "appeal.filed", appellant="P1"),
        entry(3, "appeal.decided", outcome="modified"),
    ]
    assert [o.participant for o in verdicts_owed(history)] == ["P1"]
    assert verdicts_owed([*history, entry(4, "judgment.final")]) == []
