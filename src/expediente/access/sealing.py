"""Sealing, unsealing and expunction orders, as events.

``case.sealed`` makes the case's confidentiality ``sealed``: every view outside the court
loses it at once (the pack's disclosure rule ``sealed`` and ``access.policy.can``), but
for the detention part that a person held in it, their defence and their guardian keep
while they are held (rule ``sealed_detention_own``, ``access/detention_part.py``).
``case.unsealed`` gives it the confidentiality the order names. ``case.expunged`` seals it
for good: it cannot be unsealed, and inside the court only the roles the pack's
``expunged_*`` rules name still see it. The record itself is never deleted or changed.

The case's confidentiality is a docket projection column, so the docket's own projection
writes it (``docket.projection.CONFIDENTIALITY_ORDERS``, from the whole history: a
correction of the opening never undoes an order). This projector, registered in
``AccessConfig.ready``, refuses orders that make no sense and keeps the access app's own
projection, ``Expunction``: which cases are expunged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable
from typing import Any

from django.utils.translation import gettext_noop

from expediente.access.models import Expunction
from expediente.docket.errors import InvalidInput, Words
from expediente.docket.models import Case, Event
from expediente.rules.schema import Pack

SEALED = "case.sealed"
UNSEALED = "case.unsealed"
EXPUNGED = "case.expunged"


def is_expunged(case_id: int) -> bool:
    return Expunction.objects.filter(case_id=case_id).exists()


def expunged_among(case_ids: Iterable[int]) -> set[int]:
    """Which of these cases are expunged (one query)."""
    ids = list(case_ids)
    if not ids:
        return set()
    return set(Expunction.objects.filter(case_id__in=ids).values_list("case_id", flat=True))


def _refuse(message: str, detail: str) -> InvalidInput:
    """A refusal in English (the API's), with its words for a court form (``detail`` is
    marked for translation where it is written)."""
    return InvalidInput.of("type", Words(detail, {}), message)


class SealingProjector:
    name = "sealing"
    columns = ("seq", "ordered_at")  # of ``snapshot``'s rows (docket/projection.py)
    handles = frozenset({SEALED, UNSEALED, EXPUNGED})

    def check(
        self,
        case: Case,
        type_name: str,
        payload: dict[str, Any],
        occurred_at: dt.datetime,
        corrects_seq: int | None = None,
    ) -> None:
        if corrects_seq is not None:
            return
        sealed = case.confidentiality == "sealed"
        if sealed and type_name in (UNSEALED, EXPUNGED, SEALED) and is_expunged(case.pk):
            raise _refuse(
                "The case is expunged.",
                gettext_noop("an expunged case cannot be sealed, unsealed or expunged again"),
            )
        if type_name == SEALED and sealed:
            raise _refuse("The case is already sealed.", gettext_noop("the case is already sealed"))
        if type_name == UNSEALED and not sealed:
            raise _refuse(
                "The case is not sealed.", gettext_noop("only a sealed case can be unsealed")
            )

    def apply(self, case: Case, event: Event, pack: Pack) -> None:
        if event.type == EXPUNGED and event.corrects_seq is None:
            Expunction.objects.get_or_create(
                case_id=case.pk, defaults={"seq": event.seq, "ordered_at": event.occurred_at}
            )

    def reset(self) -> None:
        Expunction.objects.all().delete()

    def snapshot(self) -> dict[Hashable, tuple[Any, ...]]:
        return {
            nuid: (seq, at)
            for nuid, seq, at in Expunction.objects.values_list(
                "case__nuid", *self.columns
            ).iterator()
        }
