"""Sealing and unsealing orders, as events: ``case.sealed`` makes the case's
confidentiality ``sealed`` (every view outside the court loses it at once: the pack's
disclosure rule ``sealed`` and ``access.policy.can``), ``case.unsealed`` gives it the
confidentiality the order names. The record itself is never deleted or changed.

Registered with ``docket.projection`` in ``AccessConfig.ready``: confidentiality is a
projection column of the case, so a rebuild replays the orders into it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from typing import Any

from django.utils.translation import gettext as _

from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case, Event
from expediente.rules.schema import Pack

SEALED = "case.sealed"
UNSEALED = "case.unsealed"


class SealingProjector:
    name = "sealing"

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
        if type_name == SEALED and case.confidentiality == "sealed":
            raise InvalidInput(
                _("The case is already sealed."),
                errors=[{"field": "type", "message": _("the case is already sealed")}],
            )
        if type_name == UNSEALED and case.confidentiality != "sealed":
            raise InvalidInput(
                _("The case is not sealed."),
                errors=[{"field": "type", "message": _("only a sealed case can be unsealed")}],
            )

    def apply(self, case: Case, event: Event, pack: Pack) -> None:
        if event.type == SEALED:
            case.confidentiality = "sealed"
        elif event.type == UNSEALED:
            case.confidentiality = str(event.payload.get("confidentiality", "restricted"))

    def reset(self) -> None:
        """Nothing of its own: the docket's rebuild resets the case row."""

    def snapshot(self) -> dict[Hashable, tuple[Any, ...]]:
        return {}  # the case's confidentiality is in the docket's own snapshot
