"""A role correction may not leave an account following both sides of a case.

``participant_codes.link_create`` refuses to link an account to a participation on the
other side (accused or victim) of one it already follows. A correction of a
``participant.added`` entry could reach the same state afterwards: a lawyer linked as
the defence of P1 and as P4, then P4 corrected from witness into a victim, would read the
victim's protected page. This projector's ``role_change`` refuses such a correction,
naming the account and the other participation, so the clerk removes the link first
(the case's "Portal access codes" page). A guardian is on the side of the person she
stands for (``participant_codes.side_of``): the same refusal holds for a correction of
that person's role, and for a ``participant.stands_for`` entry (or its correction) that
would put a guardian an account follows on the other side of another of its links
(naming ``payload.stands_for``). It holds no rows: it takes part in no entry's
projection, only in these checks (docket.projection).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from typing import Any

from django.utils.translation import gettext_noop

from expediente.access.models import ParticipantLink
from expediente.access.participant_codes import roles_and_wards, sides
from expediente.docket import standing
from expediente.docket.errors import InvalidInput, Words
from expediente.docket.models import Case, Event
from expediente.rules.schema import Pack


class LinkSidesProjector:
    name = "participant_link_sides"
    # no projection of its own: it only refuses entries that would change a side
    handles: frozenset[str] = frozenset({standing.STANDS_FOR})

    def check(
        self,
        case: Case,
        type_name: str,
        payload: dict[str, Any],
        occurred_at: dt.datetime,
        corrects_seq: int | None = None,
    ) -> None:
        """Refuse an entry saying whom a guardian stands for (or its correction) when an
        account following the guardian also follows a participation that would then be
        on the other side: a victim's guardian linked before the entry with the accused."""
        if type_name != standing.STANDS_FOR:
            return
        guardian, ward = str(payload.get("guardian", "")), str(payload.get("stands_for", ""))
        roles, wards = roles_and_wards(case)
        before = sides(roles, wards)
        wards[guardian] = ward
        _refuse_both_sides(case, before, sides(roles, wards), {guardian}, "payload.stands_for", "")

    def role_change(self, case: Case, pack: Pack, participant: str, was: str, becomes: str) -> None:
        """Refuse the correction when an account following ``participant`` (or a guardian
        standing for her, whose side follows hers) also follows a participation that would
        then be on the other side (one query for the guardians, one for the links)."""
        roles, wards = roles_and_wards(case)
        before = sides(roles, wards)
        roles[participant] = becomes
        changed = {participant} | {g for g, w in wards.items() if w == participant}
        _refuse_both_sides(case, before, sides(roles, wards), changed, "payload.role", becomes)

    def apply(self, case: Case, event: Event, pack: Pack) -> None:
        return None

    def reset(self) -> None:
        return None  # links are not a projection of the log

    def snapshot(self) -> dict[Hashable, tuple[Any, ...]]:
        return {}


def _refuse_both_sides(
    case: Case,
    before: dict[str, frozenset[str] | None],
    by_uid: dict[str, frozenset[str] | None],
    changed: set[str],
    field: str,
    becomes: str,
) -> None:
    """Raise, naming ``field``, when an account following one of ``changed`` whose side
    changes (``before`` -> ``by_uid``) would follow participations on both sides."""
    changed = {uid for uid in changed if by_uid.get(uid) not in (None, before.get(uid))}
    if not changed:
        return
    links = list(
        ParticipantLink.objects.filter(case=case)
        .select_related("user")
        .only("participant", "user__username")
    )
    for link in links:
        side = by_uid.get(link.participant)
        if link.participant not in changed or side is None:
            continue
        for other in links:
            other_side = by_uid.get(other.participant)
            if other.user_id != link.user_id or other_side is None or other_side is side:
                continue
            if field == "payload.role":
                raise InvalidInput.of(
                    field,
                    Words(
                        gettext_noop(
                            "may not change to this role while the account %(user)s follows "
                            "this participant and participant %(other)s, on the other side "
                            "(accused or victim): remove one of its links first, on the "
                            "case's portal access codes page"
                        ),
                        {"user": link.user.username, "other": other.participant},
                    ),
                    f"account {link.user.username!r} follows participant {link.participant!r} "
                    f"and participant {other.participant!r}; as {becomes!r} they would be on "
                    "opposite sides of the case: remove one of the links first",
                )
            raise InvalidInput.of(
                field,
                Words(
                    gettext_noop(
                        "the account %(user)s follows this guardian and participant "
                        "%(other)s, who would then be on the other side (accused or "
                        "victim): remove one of its links first, on the case's portal "
                        "access codes page"
                    ),
                    {"user": link.user.username, "other": other.participant},
                ),
                f"account {link.user.username!r} follows guardian {link.participant!r} and "
                f"participant {other.participant!r}, who would then be on opposite sides "
                "of the case: remove one of the links first",
            )
