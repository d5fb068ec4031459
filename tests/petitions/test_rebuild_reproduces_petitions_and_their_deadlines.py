"""Petitions and their answer deadlines are projections: ``rebuild`` gives exactly the
rows recording gave, and ``rebuild --check`` finds no difference. A corrected decision
moves to the petition it now names."""

from __future__ import annotations

from django.core.management import call_command

from expediente.custody.models import Deadline
from expediente.docket.rebuild import rebuild
from expediente.petitions.answer_rules import answer_rule_ids
from expediente.petitions.models import Petition
from expediente.petitions.projector import PetitionProjector


def petitions_and_deadlines() -> tuple[dict, dict]:  # type: ignore[type-arg]
    custody_rows = {
        d.key: (d.open, d.satisfied_seq, d.due_at, d.participation.uid)
        for d in Deadline.objects.filter(rule_id__in=answer_rule_ids("cr"))
    }
    return PetitionProjector().snapshot(), custody_rows


def test_rebuild_gives_the_same_petitions_and_deadlines(detained, file, decide):  # type: ignore[no-untyped-def]
    first = file(detained, ago=50)
    file(detained, ago=40, kind="protective_measure", petitioner="P2", filed_via="portal")
    decide(detained, petition=first.event.seq, ago=30)
    before = petitions_and_deadlines()
    assert len(before[0]) == 2
    assert len(before[1]) == 2
    rebuild()
    assert petitions_and_deadlines() == before
    call_command("rebuild", "--check")  # exits non-zero on any difference


def test_a_corrected_decision_moves_to_the_petition_it_now_names(detained, file, decide, record):  # type: ignore[no-untyped-def]
    first = file(detained, ago=50)
    second = file(detained, ago=40)
    wrong = decide(detained, petition=first.event.seq, ago=30)
    record(
        detained,
        "petition.decided",
        {"petition": second.event.seq, "outcome": "denied", "reasons": "Sin motivos nuevos."},
        occurred_at=wrong.occurred_at,
        corrects_seq=wrong.seq,
    )
    status = {p.filed_seq: p.status for p in Petition.objects.all()}
    assert status == {first.event.seq: "open", second.event.seq: "decided"}
    open_by_start = {
        d.start_seq: d.open for d in Deadline.objects.filter(rule_id__in=answer_rule_ids("cr"))
    }
    assert open_by_start == {first.event.seq: True, second.event.seq: False}
    before = petitions_and_deadlines()
    rebuild()
    assert petitions_and_deadlines() == before
