"""Words of an account's pages (/my/) that depend on whom the account acts for: a
lawyer's deadlines are her clients'; the prosecution's, those the law addresses to it; a
guardian's, or a person's own, are neither."""

from __future__ import annotations

from django import template

from expediente.access.models import ParticipantLink, User
from expediente.docket.models import Participation
from expediente.docket.professional_roles import LAWYER_ROLES, PROSECUTION_ROLES
from expediente.portal.addressing import lawyer_link

register = template.Library()


@register.simple_tag
def acts_as_counsel(user: object) -> bool:
    """Does the account act as a lawyer in any case it follows: linked to a counsel
    participation (defence, a victim's lawyer), or by the clerk to a client's
    (``addressing.lawyer_link``)? Two small queries."""
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    how = {
        (case_id, uid): made
        for case_id, uid, made in ParticipantLink.objects.filter(user=user).values_list(
            "case_id", "participant", "how"
        )
    }
    if not how:
        return False
    rows = Participation.objects.filter(
        case_id__in={case_id for case_id, _uid in how}, uid__in={uid for _c, uid in how}
    ).values_list("case_id", "uid", "role")
    return any(
        (case_id, uid) in how and (role in LAWYER_ROLES or lawyer_link(role, how[case_id, uid]))
        for case_id, uid, role in rows
    )


@register.simple_tag
def acts_as_prosecution(user: object) -> bool:
    """Does the account follow a prosecutor's participation in any case? Two small queries."""
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    pairs = list(ParticipantLink.objects.filter(user=user).values_list("case_id", "participant"))
    if not pairs:
        return False
    rows = Participation.objects.filter(
        case_id__in={case_id for case_id, _uid in pairs},
        uid__in={uid for _c, uid in pairs},
        role__in=PROSECUTION_ROLES,
    ).values_list("case_id", "uid")
    return any(row in set(pairs) for row in rows)
