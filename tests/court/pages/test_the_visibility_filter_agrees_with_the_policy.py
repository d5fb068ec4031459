"""The list's query filter and the policy module's ``can`` must give the same answer."""

import pytest

from expediente.access.capabilities import Capability
from expediente.access.models import Membership, User
from expediente.access.policy import Actor, can
from expediente.court.pages.visibility import visible_cases
from expediente.docket.models import Case


@pytest.mark.parametrize("role", ["clerk", "judge", "court_admin"])
def test_every_role_sees_exactly_the_cases_the_policy_allows(
    role, court, other_court, open_case, record, judge_in_court
):
    for confidentiality in ("public", "restricted", "sealed"):
        open_case(confidentiality=confidentiality)
    record(open_case(), "case.expunged", {"basis": "Ley de prueba art. 1"}, actor=judge_in_court)
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


@pytest.mark.parametrize("hidden_from_judges", [False, True])
def test_an_expunged_case_follows_the_packs_rules_in_both(
    hidden_from_judges, court, open_case, record, tmp_path, settings, judge_in_court
):
    from tests.privacy.conftest import use_test_pack

    if hidden_from_judges:
        rule = (
            "  expunged_judges:\n    to: ['staff:judge']\n"
            "    when: {confidentiality: [expunged]}\n    show: {case: false}\n    source: t\n"
        )
        use_test_pack(court, tmp_path, settings, rule)
    case = open_case()
    record(case, "case.expunged", {"basis": "Ley de prueba art. 1"}, actor=judge_in_court)
    user = User.objects.create(username="judge.expunged")
    Membership.objects.create(user=user, court=court, role="judge")
    actor = Actor.staff(user)
    case = Case.objects.select_related("court").get(pk=case.pk)
    seen = can(actor, Capability.CASE_VIEW, case=case)
    assert seen is not hidden_from_judges
    assert visible_cases(actor).filter(pk=case.pk).exists() is seen
