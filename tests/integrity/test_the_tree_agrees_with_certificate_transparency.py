"""The tree, its audit paths and consistency proofs agree with Certificate Transparency's
published test vectors (the eight leaves and roots of RFC 6962's reference tests, used
by every CT implementation; leaf indexes from 0, as RFC 9162 counts them): a log no
other implementation agrees with would prove nothing to anyone."""

from expediente.integrity.merkle import (
    EMPTY_ROOT,
    append,
    consistency_path,
    inclusion_path,
    leaf_hash,
    perfect_from_leaves,
    reference_root,
    root,
    root_from_frontier,
    verify_consistency,
    verify_inclusion,
)

DATA = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
        "606162636465666768696a6b6c6d6e6f"]  # fmt: skip
ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
INCLUSION = {
    (0, 8): [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    (5, 8): [
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
}
CONSISTENCY = {
    (2, 8): [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    (6, 8): [
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
}
LEAVES = [leaf_hash(bytes.fromhex(d)) for d in DATA]
TREE = perfect_from_leaves(LEAVES)


def test_the_roots_of_every_size_are_the_published_ones():
    assert EMPTY_ROOT.hex() == ROOTS[0]
    for size in range(len(LEAVES) + 1):
        assert root(size, TREE).hex() == ROOTS[size]
        assert reference_root(LEAVES[:size]).hex() == ROOTS[size]


def test_appending_leaf_by_leaf_reaches_the_same_roots():
    size, frontier = 0, []
    for n, leaf in enumerate(LEAVES, 1):
        size, frontier, _made = append(size, frontier, [leaf])
        assert size == n
        assert root_from_frontier(frontier).hex() == ROOTS[n]


def test_the_audit_paths_are_the_published_ones_and_verify():
    for (index, size), path in INCLUSION.items():
        assert [h.hex() for h in inclusion_path(index, size, TREE)] == path
        proof = [bytes.fromhex(h) for h in path]
        root_hash = bytes.fromhex(ROOTS[size])
        assert verify_inclusion(LEAVES[index], index, size, proof, root_hash)
        assert not verify_inclusion(LEAVES[index + 1], index, size, proof, root_hash)


def test_the_consistency_proofs_are_the_published_ones_and_verify():
    for (first, second), path in CONSISTENCY.items():
        assert [h.hex() for h in consistency_path(first, second, TREE)] == path
        proof = [bytes.fromhex(h) for h in path]
        old, new = bytes.fromhex(ROOTS[first]), bytes.fromhex(ROOTS[second])
        assert verify_consistency(first, second, old, new, proof)
        assert not verify_consistency(first, second, new, old, proof)
