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


def test_only_the_portals_account_files_a_detention_petition_into_a_sealed_case(clerk, case):
    """A sealing order must not take from someone held the way to a court: the portal's
    own account passes the seal to file a detention petition, and only that; an API
    token with the same scope does not."""
    from expediente.petitions.services import portal_actor

    case.confidentiality = "sealed"
    portal = portal_actor(case)
    assert can(portal, Capability.DETENTION_PETITION_FILE, case=case)
    assert not can(portal, Capability.EVENT_RECORD, case=case)
    assert not can(portal, Capability.CASE_VIEW, case=case)
    assert not can(clerk, Capability.DETENTION_PETITION_FILE, case=case)
