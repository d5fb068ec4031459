"""The API audience carries the token's agency beside its scopes: rules name it as
``api:<agency>``, and it is part of the audience's key (what a kept body is kept under)."""

from __future__ import annotations

from expediente.access.disclosure import audience_for
from expediente.access.models import User
from expediente.access.policy import Actor


def test_the_audience_of_a_token_names_its_agency_and_tells_agencies_apart(db):
    user = User.objects.create(username="sistema", is_system=True)
    scopes = frozenset({"cases:read"})
    defence = audience_for(Actor(user=user, scopes=scopes, agency="public_defence"), "sj-penal")
    prosecution = audience_for(Actor(user=user, scopes=scopes, agency="prosecution"), "sj-penal")
    assert defence.matches("api:public_defence")
    assert defence.matches("api:cases:read")
    assert not defence.matches("api:prosecution")
    assert prosecution.matches("api:prosecution")
    assert defence.key != prosecution.key


def test_an_actor_built_without_an_agency_reads_as_another_institution(db):
    user = User.objects.create(username="sistema", is_system=True)
    reader = audience_for(Actor(user=user, scopes=frozenset({"cases:read"})), "sj-penal")
    assert reader.roles == {"cases:read", "other"}
