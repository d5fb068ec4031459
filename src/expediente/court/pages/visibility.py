"""Which cases a staff member may see, as a query filter rather than a Python loop.

``visible_cases`` is the queryset form of ``can(actor, Capability.CASE_VIEW, case=case)``
(access/policy.py): a case is visible in a court where the actor's roles grant CASE_VIEW,
and a sealed case only to someone holding a SEALED_ROLES role in its court; an expunged
case (``access.models.Expunction``) only if, besides, the pack's disclosure rules show
expunged cases to the actor's roles there (``access.disclosure.sees_expunged``). A test
checks that both answers agree for every role and confidentiality; this belongs in the
policy module and should move there when it next changes.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from expediente.access.capabilities import SEALED_ROLES, Capability
from expediente.access.disclosure import Audience, sees_expunged
from expediente.access.models import Expunction
from expediente.access.policy import Actor, capabilities
from expediente.docket.models import Case, Confidentiality, Court
from expediente.rules.loader import load_pack


def courts_for(actor: Actor, capability: Capability = Capability.CASE_VIEW) -> list[Court]:
    """The actor's courts in which it holds ``capability``, by name (one query)."""
    codes = [c for c in sorted(actor.staff_courts) if capability in capabilities(actor, c)]
    if not actor.user.is_active or not codes:
        return []
    return list(Court.objects.filter(code__in=codes).order_by("name"))


def visibility_q(actor: Actor, courts: list[Court]) -> Q:
    """The cases of ``courts`` that the actor may see (none in a court where it may not)."""
    allowed = (
        [c for c in courts if Capability.CASE_VIEW in capabilities(actor, c.code)]
        if actor.user.is_active
        else []
    )
    sealed_too = [c for c in allowed if actor.roles_in(c.code) & SEALED_ROLES]
    open_to_all = [c.pk for c in sealed_too if _sees_expunged(actor, c)]
    not_expunged = [c.pk for c in sealed_too if c.pk not in open_to_all]
    not_sealed = [c.pk for c in allowed if c not in sealed_too]
    q = Q(pk__in=[])
    if open_to_all:
        q |= Q(court_id__in=open_to_all)
    if not_expunged:
        q |= Q(court_id__in=not_expunged) & ~Q(pk__in=Expunction.objects.values("case_id"))
    if not_sealed:
        q |= Q(court_id__in=not_sealed) & ~Q(confidentiality=Confidentiality.SEALED)
    return q


def _sees_expunged(actor: Actor, court: Court) -> bool:
    audience = Audience(kind="staff", roles=actor.roles_in(court.code))
    return sees_expunged(load_pack(court.rule_pack), audience)


def visible_cases(actor: Actor, courts: list[Court] | None = None) -> QuerySet[Case]:
    """Every case the actor may see (in ``courts``, default all of the actor's courts)."""
    if courts is None:
        courts = courts_for(actor)
    return Case.objects.filter(visibility_q(actor, courts))
