"""An expunged case (``case.expunged``, recorded by the privacy work) is in no statistics:
not in any count, rate or median, and not in the Parquet extract."""

from __future__ import annotations

from expediente.docket.models import Case, Event
from expediente.stats.compute import indicator_compute
from expediente.stats.extract import extract_case_ids
from expediente.stats.models import CaseFlow
from expediente.stats.projector import StatsProjector
from tests.stats.conftest import demo_scope


def test_an_expunged_case_leaves_every_figure(demo) -> None:  # type: ignore[no-untyped-def]
    scope = demo_scope("2024-01-01", "2024-12-31", ["sj-penal"])
    case = (
        Case.objects.filter(court__code="sj-penal", opened_at__year=2024, procedure="adult")
        .filter(pk__in=sorted(extract_case_ids(demo_scope("2022-01-01", "2025-11-13"))))
        .first()
    )
    assert case is not None
    before = sum(indicator_compute("incoming", scope).values())  # type: ignore[union-attr]
    # the event as the privacy work records it (the projector reads only its type)
    event = Event(case=case, seq=case.last_seq + 1, type="case.expunged", payload={})
    StatsProjector().apply(case, event, None)  # type: ignore[arg-type]
    assert CaseFlow.objects.get(case=case).expunged
    assert sum(indicator_compute("incoming", scope).values()) == before - 1  # type: ignore[union-attr]
    assert case.pk not in extract_case_ids(demo_scope("2022-01-01", "2025-11-13"))
