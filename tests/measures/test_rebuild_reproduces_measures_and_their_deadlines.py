from __future__ import annotations

from expediente.docket.rebuild import rebuild
from expediente.measures.models import Measure, MeasureDeadline


def _rows():
    return (
        sorted(Measure.objects.values_list("uid", "kind", "status", "check_ins", "hours_logged")),
        sorted(MeasureDeadline.objects.values_list("key", "due_at", "open", "satisfied_at")),
    )


def test_rebuild_gives_the_same_rows(accused_case, impose, comply, at):
    impose(accused_case, "periodic_reporting", at(30))
    impose(accused_case, "community_service", at(30), measure="M2", hours=30)
    comply(accused_case, "checked_in", at(23))
    comply(accused_case, "hours_logged", at(22), measure="M2", hours=6)
    comply(accused_case, "violation_reported", at(5), source="victim")
    before = _rows()
    assert before[0]
    assert before[1]
    rebuild()
    assert _rows() == before
