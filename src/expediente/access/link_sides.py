"""A role correction may not leave an account following both sides of a case.

``participant_codes.link_create`` refuses to link an account to a participation on the
other side (accused or victim) of one it already follows. A correction of a
``participant.added`` entry could reach the same state afterwards: a lawyer linked as
the defence of P1 and as P4, then P4 corrected from witness into a victim, would read the
victim's protected page. This projector's ``role_change`` refuses such a correction,
naming the account and the other participation, so the clerk removes the link first
(the case's "Portal access codes" page). It holds no rows: it takes part in no entry
(``handles`` is empty), only in role corrections (docket.projection).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from typing import Any

from django.utils.translation import gettext_noop

from expediente.access.models import ParticipantLink
from expediente.access.participant_codes import side_of
from expediente.docket.errors import InvalidInput, Words
from expediente.docket.models import Case, Event
from expediente.rules.schema import Pack


class LinkSidesProjector:
    name = "participant_link_sides"
    handles: frozenset[str] = frozenset()  # no entry, only role corrections

    def check(
        self,
        case: Case,
        type_name: str,
        payload: dict[str, Any],
        occurred_at: dt.datetime,
        corrects_seq: int | None = None,
    ) -> None:
        return None

    def role_change(self, case: Case, pack: Pack, participant: str, was: str, becomes: str) -> None:
        """Refuse the correction when an account following ``participant`` also follows
        a participation that would then be on the other side (one query)."""
        new_side = side_of(becomes)
        if new_side is None or new_side is side_of(was):
            return
        roles = dict((case.roster or {}).get("participants", {}))
        roles[participant] = becomes
        links = list(
            ParticipantLink.objects.filter(case=case)
            .select_related("user")
            .only("participant", "user__username")
        )
        following = {link.user_id for link in links if link.participant == participant}
        for link in links:
            if link.user_id not in following or link.participant == participant:
                continue
            other = side_of(roles.get(link.participant, ""))
            if other is not None and other is not new_side:
                raise InvalidInput.of(
                    "payload.role",
                    Words(
                        gettext_noop(
                            "may not change to this role while the account %(user)s follows "
                            "this participant and participant %(other)s, on the other side "
                            "(accused or victim): remove one of its links first, on the "
                            "case's portal access codes page"
                        ),
                        {"user": link.user.username, "other": link.participant},
                    ),
                    f"account {link.user.username!r} follows participant {participant!r} and "
                    f"participant {link.participant!r}; as {becomes!r} they would be on "
                    "opposite sides of the case: remove one of the links first",
                )

    def apply(self, case: Case, event: Event, pack: Pack) -> None:
        return None

    def reset(self) -> None:
        return None  # links are not a projection of the log

    def snapshot(self) -> dict[Hashable, tuple[Any, ...]]:
        return {}
