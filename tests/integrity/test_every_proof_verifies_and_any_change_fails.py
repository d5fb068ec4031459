"""Properties of the log's tree, for trees of every shape hypothesis can think of: the
tree built leaf batch by leaf batch is the RFC's tree; every audit path and every
consistency proof between sizes m <= n verifies; and a changed leaf, a changed, missing
or extra proof hash, another leaf's position or another root makes it fail."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from expediente.integrity.merkle import (
    append,
    consistency_path,
    inclusion_path,
    perfect_from_leaves,
    reference_root,
    root_from_frontier,
    verify_consistency,
    verify_inclusion,
)

leaves = st.lists(st.binary(min_size=32, max_size=32), min_size=1, max_size=70, unique=True)


def _flip(h: bytes, bit: int) -> bytes:
    return h[: bit // 8] + bytes([h[bit // 8] ^ (1 << bit % 8)]) + h[bit // 8 + 1 :]


@given(leaves, st.lists(st.integers(1, 9), max_size=20))
def test_appending_in_batches_builds_the_rfc_tree_and_stores_each_subtree_once(hashes, cuts):
    size, frontier, made = 0, [], []
    rest = list(hashes)
    for cut in [*cuts, len(rest)]:
        size, frontier, new = append(size, frontier, rest[:cut])
        made += new
        rest = rest[cut:]
        assert root_from_frontier(frontier) == reference_root(hashes[:size])
    assert size == len(hashes)
    tree = perfect_from_leaves(hashes)
    expected = {(level, p) for level in range(1, size.bit_length()) for p in range(size >> level)}
    assert {(level, p) for level, p, _ in made} == expected
    assert len(made) == len(expected)
    assert all(h == tree(level, p) for level, p, h in made)


@given(leaves, st.data())
@settings(max_examples=200)
def test_every_inclusion_proof_verifies_and_any_change_fails(hashes, data):
    size = len(hashes)
    index = data.draw(st.integers(0, size - 1))
    tree = perfect_from_leaves(hashes)
    root = reference_root(hashes)
    path = inclusion_path(index, size, tree)
    leaf = hashes[index]
    assert verify_inclusion(leaf, index, size, path, root)
    # another leaf in its place
    other = data.draw(st.binary(min_size=32, max_size=32))
    assume(other != leaf)
    assert not verify_inclusion(other, index, size, path, root)
    # another root
    assert not verify_inclusion(
        leaf, index, size, path, _flip(root, data.draw(st.integers(0, 255)))
    )
    # another leaf's position
    if size > 1:
        elsewhere = data.draw(st.integers(0, size - 1).filter(lambda i: i != index))
        assert not verify_inclusion(leaf, elsewhere, size, path, root)
    if path:
        # a bit of one proof hash flipped
        at = data.draw(st.integers(0, len(path) - 1))
        bit = data.draw(st.integers(0, 255))
        changed = [*path[:at], _flip(path[at], bit), *path[at + 1 :]]
        assert not verify_inclusion(leaf, index, size, changed, root)
        # one missing, one too many
        assert not verify_inclusion(leaf, index, size, path[:-1], root)
        assert not verify_inclusion(leaf, index, size, [*path, bytes(32)], root)
        # two swapped
        if len(path) > 1:
            assert not verify_inclusion(leaf, index, size, [path[1], path[0], *path[2:]], root)


@given(leaves, st.data())
@settings(max_examples=200)
def test_every_consistency_proof_verifies_and_any_change_fails(hashes, data):
    second = len(hashes)
    first = data.draw(st.integers(1, second))
    tree = perfect_from_leaves(hashes)
    old, new = reference_root(hashes[:first]), reference_root(hashes)
    path = consistency_path(first, second, tree)
    assert verify_consistency(first, second, old, new, path)
    bit = data.draw(st.integers(0, 255))
    assert not verify_consistency(first, second, _flip(old, bit), new, path)
    assert not verify_consistency(first, second, old, _flip(new, bit), path)
    if first == second:
        assert path == []
        assert not verify_consistency(first, second, old, new, [bytes(32)])
        return
    assert not verify_consistency(first, second, old, new, [])
    at = data.draw(st.integers(0, len(path) - 1))
    changed = [*path[:at], _flip(path[at], bit), *path[at + 1 :]]
    assert not verify_consistency(first, second, old, new, changed)
    assert not verify_consistency(first, second, old, new, path[:-1])
    assert not verify_consistency(first, second, old, new, [*path, bytes(32)])
    # the first tree with one of its leaves changed is not a prefix of the second
    changed_leaf = data.draw(st.integers(0, first - 1))
    forged = [*hashes[:changed_leaf], bytes(32), *hashes[changed_leaf + 1 : first]]
    assume(forged != hashes[:first])
    assert not verify_consistency(first, second, reference_root(forged), new, path)


@given(leaves, st.data())
def test_the_subtrees_a_proof_reads_are_all_it_needs(hashes, data):
    """The server fetches only the subtrees ``needed`` names: a proof built from those
    alone is the proof built from the whole tree."""
    from expediente.integrity.merkle import from_table, needed

    size = len(hashes)
    index = data.draw(st.integers(0, size - 1))
    first = data.draw(st.integers(1, size))
    tree = perfect_from_leaves(hashes)
    for compute in (
        lambda p: inclusion_path(index, size, p),
        lambda p: consistency_path(first, size, p),
    ):
        table = {place: tree(*place) for place in needed(compute)}
        assert compute(from_table(table)) == compute(tree)
