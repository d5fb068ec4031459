"""Keeps ``Sitting`` rows (court/models.py) in step with the hearing events.

Registered with ``docket.projection`` in ``CourtConfig.ready``: ``apply`` runs inside
``event_record``'s transaction and inside ``rebuild``. For a hearing event it refolds
the case's hearing events up to this one (``pages.hearings.hearing_sittings``, the same
fold the case page uses) and writes the case's rows again; any other event costs
nothing. A hearing event is never refused here: the rule pack's schema checks it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable
from typing import Any

from expediente.court.models import Sitting
from expediente.court.pages.hearings import HEARING_TYPES, HearingEvent, hearing_sittings
from expediente.docket.models import Case, Event
from expediente.rules.schema import Pack

FIELDS = ("hearing", "kind", "starts_at", "courtroom", "status", "closed_by_seq", "reason")


def sitting_rows(case: Case, events: Iterable[HearingEvent]) -> list[Sitting]:
    """The case's sittings as unsaved rows."""
    return [
        Sitting(
            case_id=case.pk,
            court_id=case.court_id,
            hearing=s.hearing,
            set_by_seq=s.set_by_seq,
            kind=s.kind,
            starts_at=s.starts_at,
            courtroom=s.courtroom,
            status=s.status,
            closed_by_seq=s.closed_by_seq,
            reason=s.reason,
        )
        for s in hearing_sittings(events)
    ]


class HearingProjector:
    name = "court.sittings"

    def check(
        self,
        case: Case,
        type_name: str,
        payload: dict[str, Any],
        occurred_at: dt.datetime,
        corrects_seq: int | None = None,
    ) -> None:
        return None

    def apply(self, case: Case, event: Event, pack: Pack) -> None:
        if event.type not in HEARING_TYPES:
            return
        events = Event.objects.filter(
            case_id=case.pk, type__in=HEARING_TYPES, seq__lte=event.seq
        ).only("seq", "type", "payload", "corrects_seq")
        Sitting.objects.filter(case_id=case.pk).delete()
        Sitting.objects.bulk_create(sitting_rows(case, events))

    def reset(self) -> None:
        Sitting.objects.all().delete()

    def snapshot(self) -> dict[Hashable, tuple[Any, ...]]:
        rows = Sitting.objects.values_list("case__nuid", "set_by_seq", "court__code", *FIELDS)
        return {(nuid, seq): tuple(rest) for nuid, seq, *rest in rows.iterator()}
