"""The list's query filter and the policy module's ``can`` must give the same answer."""

import pytest

from expediente.access.capabilities import Capability
from expediente.access.models import Membership, User
from expediente.access.policy import Actor, can
from expediente.court.pages.visibility import visible_cases
from expediente.docket.models import Case


@pytest.mark.parametrize("role", ["clerk", "judge", "court_admin"])
def test_every_role_sees_exactly_the_cases_the_policy_allows(role, court, other_court, open_case):
    for confidentiality in ("public", "restricted", "sealed"):
        open_case(confidentiality=confidentiality)
    user = User.objects.create(username=f"{role}.matrix")
    Membership.objects.create(user=user, court=court, role=role)
    actor = Actor.staff(user)
    expected = {
        c.pk
        for c in Case.objects.select_related("court")
        if can(actor, Capability.CASE_VIEW, case=c)
    }
    assert set(visible_cases(actor).values_list("pk", flat=True)) == expected


def test_an_inactive_account_sees_nothing(court, open_case):
    open_case()
    user = User.objects.create(username="gone", is_active=False)
    Membership.objects.create(user=user, court=court, role="judge")
    assert not visible_cases(Actor.staff(user)).exists()
