from expediente.access.capabilities import Capability
from expediente.access.policy import Actor, can


def test_scopes_grant_their_capabilities_only(reader, clerk):
    assert can(reader, Capability.CASE_VIEW)
    assert not can(reader, Capability.EVENT_RECORD)
    assert can(clerk, Capability.EVENT_RECORD)


def test_a_court_limited_actor_acts_only_in_its_courts(outsider, court, other_court):
    assert can(outsider, Capability.CASE_VIEW, court_code=other_court.code)
    assert not can(outsider, Capability.CASE_VIEW, court_code=court.code)


def test_an_inactive_account_may_do_nothing(clerk):
    clerk.user.is_active = False
    assert not can(clerk, Capability.CASE_VIEW)


def test_an_actor_without_scopes_may_do_nothing(clerk):
    bare = Actor(user=clerk.user)
    assert not any(can(bare, c) for c in Capability)
