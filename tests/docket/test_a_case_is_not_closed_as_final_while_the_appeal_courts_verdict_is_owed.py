"""After an appeal decided as "overturned" or "modified", the appeal court's verdict is
recorded for each accused judged before it (docket/appeal_verdicts.py). Until it is,
the case is not closed for a reason that reads the judgment as final (a final
acquittal, a sentence served, a sentence extinguished): closed so, it would end on the
first court's verdict, which the appeal changed. The refusal names ``payload.reason``
and the accused, and records nothing; once the verdict is recorded the case closes.
Closing for another reason (``other``: the accused's death, a transfer) stays open. A
correction of a closing (after the case is reopened) is held to what was owed when the
closing was recorded; one that keeps its reason is not refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from expediente.access.policy import Actor
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case, Event
from expediente.docket.services.common import append
from expediente.docket.verdicts import VERDICT
from expediente.rules.loader import load_pack
from tests.conftest import NOW

INDICTED, COMMITTED, DELIVERED, FILED, DECIDED, ON_APPEAL, CLOSED, REOPENED = (
    NOW + dt.timedelta(days=d) for d in (-20, -19, -10, -8, 30, 40, 50, 60)
)
CLOSE = "case.closed"
FINAL_REASONS = ["acquittal_final", "sentence_served", "sentence_extinguished"]


def appealed(
    case: Case, record: Any, outcome: str = "overturned", first: str = "convicted"
) -> None:
    """P1 (José Pérez Mora) judged, and the appeal decided."""
    record(case, "indictment.filed", {"accused": "P1"}, occurred_at=INDICTED)
    record(case, "trial.committed", {}, occurred_at=COMMITTED)
    record(case, VERDICT, {"accused": "P1", "outcome": first}, occurred_at=DELIVERED)
    record(case, "appeal.filed", {"appellant": "P1"}, occurred_at=FILED)
    record(case, "appeal.decided", {"outcome": outcome}, occurred_at=DECIDED)


def refused(case: Case, attempt: Any) -> dict[str, str]:
    before = Event.objects.filter(case=case).count()
    with pytest.raises(InvalidInput) as exc:
        attempt()
    assert Event.objects.filter(case=case).count() == before
    case.refresh_from_db()
    return {e["field"]: e["message"] for e in exc.value.errors}


def close(case: Case, record: Any, reason: str, **kw: Any) -> Any:
    kw.setdefault("occurred_at", CLOSED)
    return record(case, CLOSE, {"reason": reason}, **kw)


@pytest.mark.parametrize("reason", FINAL_REASONS)
@pytest.mark.parametrize("outcome", ["overturned", "modified"])
def test_a_case_is_not_closed_as_final_on_the_verdict_the_appeal_changed(
    accused_case: Case, record: Any, reason: str, outcome: str
) -> None:
    appealed(accused_case, record, outcome)
    errors = refused(accused_case, lambda: close(accused_case, record, reason))
    assert list(errors) == ["payload.reason"]
    message = errors["payload.reason"]
    assert "the appeal court's verdict is not recorded for José Pérez Mora (P1)" in message
    assert "record it before closing the case for this reason" in message
    assert accused_case.stage == "judgment"


def test_once_the_appeal_courts_verdict_is_recorded_the_case_closes(
    accused_case: Case, record: Any
) -> None:
    appealed(accused_case, record)
    refused(accused_case, lambda: close(accused_case, record, "acquittal_final"))
    record(accused_case, VERDICT, {"accused": "P1", "outcome": "acquitted"}, occurred_at=ON_APPEAL)
    closed = close(accused_case, record, "acquittal_final")
    assert closed.created
    accused_case.refresh_from_db()
    assert accused_case.stage == "closed"


def test_every_accused_judged_before_the_appeal_is_named(accused_case: Case, record: Any) -> None:
    record(
        accused_case,
        "participant.added",
        {"role": "accused", "person": {"given_names": "Luis", "family_names": "Mora Soto"}},
    )
    record(accused_case, "indictment.filed", {"accused": "P3"}, occurred_at=INDICTED)
    appealed(accused_case, record, first="acquitted")
    record(accused_case, VERDICT, {"accused": "P3", "outcome": "acquitted"}, occurred_at=DELIVERED)
    # P3's verdict was recorded after the decision but given before it: their first
    # verdict, so the appeal owes them nothing; P1 is still owed
    message = refused(accused_case, lambda: close(accused_case, record, "acquittal_final"))
    assert "José Pérez Mora (P1)" in message["payload.reason"]
    assert "Luis Mora Soto" not in message["payload.reason"]


def test_a_case_is_closed_for_another_reason_while_the_verdict_is_owed(
    accused_case: Case, record: Any
) -> None:
    """The accused died, or the case went to another court: nothing reads the verdict."""
    appealed(accused_case, record)
    assert close(accused_case, record, "other").created
    accused_case.refresh_from_db()
    assert accused_case.stage == "closed"


@pytest.mark.parametrize("outcome", ["upheld", "dismissed"])
def test_an_appeal_that_changed_nothing_leaves_the_closing_free(
    accused_case: Case, record: Any, outcome: str
) -> None:
    appealed(accused_case, record, outcome, first="acquitted")
    assert close(accused_case, record, "acquittal_final").created


def test_a_closing_corrected_to_a_final_reason_is_held_to_the_same_rule(
    accused_case: Case, record: Any
) -> None:
    """Closed for "other" while the verdict was owed, then reopened (a closed case takes
    no correction): the closing is not corrected into a final acquittal, though the
    reopening owes nothing now; its day is corrected freely."""
    appealed(accused_case, record)
    closing = close(accused_case, record, "other").event
    record(accused_case, "case.reopened", {"reason": "Revisión"}, occurred_at=REOPENED)
    errors = refused(
        accused_case,
        lambda: close(accused_case, record, "acquittal_final", corrects_seq=closing.seq),
    )
    message = errors["payload.reason"]
    assert "was not recorded for José Pérez Mora (P1) before this closing" in message
    assert "cannot be corrected to this reason" in message
    later = CLOSED + dt.timedelta(days=1)
    moved = close(accused_case, record, "other", corrects_seq=closing.seq, occurred_at=later)
    assert moved.created
    # and a correction of that correction is held to the first closing's place
    refused(
        accused_case,
        lambda: close(accused_case, record, "sentence_served", corrects_seq=moved.event.seq),
    )


def test_a_closing_made_before_the_rule_keeps_its_reason_when_corrected(
    accused_case: Case, record: Any
) -> None:
    """A case closed as finally acquitted while the verdict was owed (recorded before this
    rule): correcting its day claims nothing new, and is recorded."""
    appealed(accused_case, record)
    with transaction.atomic():
        locked = Case.objects.select_for_update().select_related("court").get(pk=accused_case.pk)
        old = append(
            case=locked,
            pack=load_pack(locked.court.rule_pack),
            type_name=CLOSE,
            payload={"reason": "acquittal_final"},
            actor=Actor.staff(Event.objects.filter(case=accused_case).first().actor),
            occurred_at=CLOSED,
            now=timezone.now(),
            corrects_seq=None,
            idempotency_key=None,
            digest="a closing recorded before the rule",
        )
    record(accused_case, "case.reopened", {"reason": "Revisión"}, occurred_at=REOPENED)
    fixed = close(
        accused_case,
        record,
        "acquittal_final",
        corrects_seq=old.seq,
        occurred_at=CLOSED + dt.timedelta(days=1),
    )
    assert fixed.created
    refused(
        accused_case,
        lambda: close(accused_case, record, "sentence_served", corrects_seq=fixed.event.seq),
    )


def test_a_correction_reads_what_was_owed_at_its_closing_not_since(
    accused_case: Case, record: Any
) -> None:
    """Closed for "other" with nothing owed, reopened, tried again and appealed: the
    appeal court's verdict owed now says nothing of the first closing."""
    record(accused_case, "indictment.filed", {"accused": "P1"}, occurred_at=INDICTED)
    record(accused_case, "trial.committed", {}, occurred_at=COMMITTED)
    record(accused_case, VERDICT, {"accused": "P1", "outcome": "acquitted"}, occurred_at=DELIVERED)
    closing = close(accused_case, record, "other", occurred_at=FILED).event
    record(accused_case, "case.reopened", {"reason": "Revisión"}, occurred_at=FILED)
    record(accused_case, "indictment.filed", {"accused": "P1"}, occurred_at=DECIDED)
    record(accused_case, "trial.committed", {}, occurred_at=DECIDED)
    record(accused_case, VERDICT, {"accused": "P1", "outcome": "convicted"}, occurred_at=ON_APPEAL)
    record(accused_case, "appeal.filed", {"appellant": "P1"}, occurred_at=ON_APPEAL)
    record(accused_case, "appeal.decided", {"outcome": "overturned"}, occurred_at=CLOSED)
    fixed = close(
        accused_case, record, "acquittal_final", corrects_seq=closing.seq, occurred_at=FILED
    )
    assert fixed.created
    # while the case as it stands now is not closed as final
    refused(accused_case, lambda: close(accused_case, record, "acquittal_final"))
