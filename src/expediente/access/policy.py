"""The one place that decides whether an actor may do something to something.

For now the actors are API tokens (scopes, optionally limited to courts) and Django
superusers; staff roles and participants arrive with the workspace and the portal and
extend this module, not the views.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from expediente.access.capabilities import SCOPES, Capability
from expediente.access.models import User


@dataclass(frozen=True)
class Actor:
    user: User
    scopes: frozenset[str] = field(default_factory=frozenset)
    courts: frozenset[str] = field(default_factory=frozenset)  # empty: every court
    channel: str = "api"

    @property
    def label(self) -> str:
        return self.user.actor_label

    @classmethod
    def system(cls, user: User) -> Actor:
        return cls(user=user, scopes=frozenset(SCOPES), channel="system")


def capabilities(actor: Actor) -> frozenset[Capability]:
    granted: set[Capability] = set()
    for scope in actor.scopes:
        granted |= SCOPES.get(scope, frozenset())
    return frozenset(granted)


def can(actor: Actor, capability: Capability, *, court_code: str | None = None) -> bool:
    if not actor.user.is_active:
        return False
    if capability not in capabilities(actor):
        return False
    return not (court_code is not None and actor.courts and court_code not in actor.courts)
