"""The one place that decides whether an actor may do something to something.

Actors are API tokens (scopes, optionally limited to courts) and staff members (roles
per court, from their memberships). Views, API routes and commands ask ``can``; a case
an actor may not see is treated as not existing (404), never as forbidden.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from expediente.access.capabilities import ROLES, SCOPES, SEALED_ROLES, Capability
from expediente.access.models import Membership, User

if TYPE_CHECKING:
    from expediente.docket.models import Case


@dataclass(frozen=True)
class Actor:
    user: User
    scopes: frozenset[str] = field(default_factory=frozenset)
    courts: frozenset[str] = field(default_factory=frozenset)  # tokens: empty means every court
    roles: tuple[tuple[str, str], ...] = ()  # staff: (court code, role) pairs
    channel: str = "api"
    # tokens: the kind of institution the token serves (``models.Agency``), which the
    # disclosure rules read (``api:<agency>``); it grants no capability
    agency: str = "other"

    @property
    def label(self) -> str:
        return self.user.actor_label

    @classmethod
    def system(cls, user: User) -> Actor:
        return cls(user=user, scopes=frozenset(SCOPES), channel="system")

    @classmethod
    def staff(cls, user: User, channel: str = "web") -> Actor:
        memberships = Membership.objects.filter(user=user, active=True).select_related("court")
        return cls(
            user=user,
            roles=tuple(sorted((m.court.code, m.role) for m in memberships)),
            channel=channel,
        )

    def roles_in(self, court_code: str) -> frozenset[str]:
        return frozenset(role for code, role in self.roles if code == court_code)

    @property
    def staff_courts(self) -> frozenset[str]:
        return frozenset(code for code, _ in self.roles)


def capabilities(actor: Actor, court_code: str | None = None) -> frozenset[Capability]:
    """What the actor may do, in one court or (court_code None) in some court."""
    granted: set[Capability] = set()
    if court_code is None or not actor.courts or court_code in actor.courts:
        for scope in actor.scopes:
            granted |= SCOPES.get(scope, frozenset())
    for code, role in actor.roles:
        if court_code is None or code == court_code:
            granted |= ROLES.get(role, frozenset())
    return frozenset(granted)


def can(
    actor: Actor,
    capability: Capability,
    *,
    court_code: str | None = None,
    case: Case | None = None,
) -> bool:
    """May this actor do this, in this court or to this case?

    A sealed case is only for ``SEALED_ROLES``, with one exception: a monitoring
    provider's token (the ``measures:device`` scope and nothing else) still reports the
    device events of a measure in a sealed case (a juvenile's measure must go on being
    supervised: MISSION ¶22), and may do nothing else there (issue 7); and the portal's
    own account files there the detention petitions of someone held in the case, and
    nothing else (``_files_detention_petition``)."""
    if not actor.user.is_active:
        return False
    if case is not None:
        court_code = case.court.code
        if (
            case.confidentiality == "sealed"
            and not _reports_devices(actor, capability)
            and not _files_detention_petition(actor, capability)
            and not _may_see_sealed(actor, case, court_code)
        ):
            return False
    return capability in capabilities(actor, court_code)


# The scopes that report into a sealed case without seeing it, and what they may do there.
SEALED_REPORTERS: dict[str, Capability] = {"measures:device": Capability.MEASURE_DEVICE_REPORT}


def _reports_devices(actor: Actor, capability: Capability) -> bool:
    """A token holding only a reporting scope, asking for what that scope grants."""
    if actor.roles or len(actor.scopes) != 1:
        return False
    (scope,) = actor.scopes
    return SEALED_REPORTERS.get(scope) == capability


def _files_detention_petition(actor: Actor, capability: Capability) -> bool:
    """The portal's own account (``petitions.services.portal_actor``: no staff role, the
    ``portal`` channel), filing a detention petition: a sealing order must not take from
    someone held in the case the way to a court (ICCPR art. 9(4); American Convention
    art. 7(6)). It records only ``petition.filed`` (and the review request it brings) under it
    (``docket.services.recording.NARROW``), and the portal offers the form only to those
    who see the detention part of the case (``access/detention_part.py``)."""
    return (
        capability == Capability.DETENTION_PETITION_FILE
        and actor.channel == "portal"
        and not actor.roles
    )


def _may_see_sealed(actor: Actor, case: Case, court_code: str) -> bool:
    """A sealed case: only for SEALED_ROLES; if it is expunged too, only for the staff
    roles the pack's disclosure rules name (one query, for sealed cases only)."""
    roles = actor.roles_in(court_code)
    if not roles & SEALED_ROLES:
        return False
    from expediente.access.disclosure import Audience, sees_expunged
    from expediente.access.sealing import is_expunged
    from expediente.rules.loader import load_pack

    if not is_expunged(case.pk):
        return True
    return sees_expunged(load_pack(case.court.rule_pack), Audience(kind="staff", roles=roles))
