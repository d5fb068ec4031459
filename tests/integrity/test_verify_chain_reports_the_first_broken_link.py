"""verify_chain accepts every well-formed chain and names the first link that was tampered with."""

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from expediente.integrity.chain import verify_chain
from tests.integrity.strategies import MUTATIONS, chains, mutate

CONTENT = sorted(set(MUTATIONS) - {"seq", "prev_hash"})


@settings(deadline=None)
@given(chains())
def test_a_well_formed_chain_holds(chain):
    assert verify_chain(chain) is None


def test_an_empty_chain_holds():
    assert verify_chain([]) is None


@settings(deadline=None)
@given(chains(), st.data())
def test_a_changed_event_is_reported_at_its_own_seq(chain, data):
    k = data.draw(st.integers(1, len(chain)), label="tampered seq")
    field = data.draw(st.sampled_from(CONTENT), label="field")
    event, stored = chain[k - 1]
    tampered = [*chain[: k - 1], (mutate(event, field), stored), *chain[k:]]
    found = verify_chain(tampered)
    assert found is not None
    assert found.seq == k
    assert found.reason == "stored hash does not match the event's content"


@settings(deadline=None)
@given(chains(), st.data())
def test_a_changed_stored_hash_is_reported_at_its_own_seq(chain, data):
    k = data.draw(st.integers(1, len(chain)), label="tampered seq")
    event, stored = chain[k - 1]
    forged = ("1" if stored[0] == "0" else "0") + stored[1:]
    found = verify_chain([*chain[: k - 1], (event, forged), *chain[k:]])
    assert found is not None
    assert found.seq == k


@settings(deadline=None)
@given(chains(), st.data())
def test_a_relinked_event_is_reported_at_its_own_seq(chain, data):
    k = data.draw(st.integers(1, len(chain)), label="tampered seq")
    event, _ = chain[k - 1]
    relinked = mutate(event, "prev_hash")
    found = verify_chain([*chain[: k - 1], (relinked, relinked.hash()), *chain[k:]])
    assert found is not None
    assert (found.seq, found.reason) == (k, "prev_hash does not match the previous event")


@settings(deadline=None)
@given(chains(min_size=2), st.data())
def test_a_missing_event_is_reported_where_the_gap_is(chain, data):
    k = data.draw(st.integers(1, len(chain) - 1), label="deleted seq")
    found = verify_chain([*chain[: k - 1], *chain[k:]])
    assert found is not None
    assert found.seq == k + 1
    assert found.reason == f"sequence gap: expected seq {k}"


@settings(deadline=None)
@given(chains(min_size=2), st.data())
def test_an_event_rewritten_with_a_fresh_hash_breaks_the_next_link(chain, data):
    # a forger who recomputes the hash of what they changed is caught one link later
    k = data.draw(st.integers(1, len(chain) - 1), label="rewritten seq")
    event, _ = chain[k - 1]
    rewritten = mutate(event, data.draw(st.sampled_from(CONTENT)))
    found = verify_chain([*chain[: k - 1], (rewritten, rewritten.hash()), *chain[k:]])
    assert found is not None
    assert (found.seq, found.reason) == (k + 1, "prev_hash does not match the previous event")


@settings(deadline=None)
@given(chains(), st.data())
def test_the_break_names_the_case(chain, data):
    k = data.draw(st.integers(1, len(chain)))
    event, stored = chain[k - 1]
    changed = dataclasses.replace(event, actor=event.actor + "!")
    found = verify_chain([*chain[: k - 1], (changed, stored), *chain[k:]])
    assert (
        str(found) == f"case {event.case} seq {k}: stored hash does not match the event's content"
    )
