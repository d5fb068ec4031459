"""The Merkle tree of the log, as RFC 9162 §2.1 (Certificate Transparency) defines it.
Pure Python, no Django: an auditor can run it offline.

A leaf's hash is SHA-256(0x00 || data), an inner node's SHA-256(0x01 || left || right).
The tree over n leaves splits at the largest power of two below n, so every left part is
a *perfect* subtree (2^level leaves starting at a multiple of 2^level): the server keeps
those, once complete they never change, and every root, audit path and consistency
proof is built from them. ``Perfect`` is where they come from: a function of
``(level, position)`` (level 0 is the leaves), backed by a list in tests and by the
database on the server. ``needed`` lists the perfect subtrees a computation reads, so
the server fetches them in one query.

``append`` adds leaves to a tree given its *frontier* (the perfect subtrees along the
binary digits of its size) and returns the perfect subtrees the new leaves complete.
The verifiers (``verify_inclusion``, ``verify_consistency``) are the RFC's algorithms
word for word (§2.1.3.2, §2.1.4.2).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()

# (level, position) -> the hash of leaves [position << level, (position + 1) << level)
Perfect = Callable[[int, int], bytes]


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than ``n`` (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


def subtree_hash(start: int, end: int, perfect: Perfect) -> bytes:
    """MTH(D[start:end]), built from perfect subtrees (RFC 9162 §2.1.1)."""
    n = end - start
    if n <= 0:
        raise ValueError("a subtree holds at least one leaf")
    if n & (n - 1) == 0 and start % n == 0:
        level = n.bit_length() - 1
        return perfect(level, start >> level)
    k = _split(n)
    return node_hash(subtree_hash(start, start + k, perfect), subtree_hash(start + k, end, perfect))


def root(size: int, perfect: Perfect) -> bytes:
    return EMPTY_ROOT if size == 0 else subtree_hash(0, size, perfect)


def inclusion_path(index: int, size: int, perfect: Perfect) -> list[bytes]:
    """PATH(index, D[size]): the audit path of leaf ``index`` in the tree of ``size``
    leaves (RFC 9162 §2.1.3.1)."""
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is not in a tree of {size} leaves")

    def path(m: int, start: int, end: int) -> list[bytes]:
        n = end - start
        if n == 1:
            return []
        k = _split(n)
        if m < k:
            return [*path(m, start, start + k), subtree_hash(start + k, end, perfect)]
        return [*path(m - k, start + k, end), subtree_hash(start, start + k, perfect)]

    return path(index, 0, size)


def consistency_path(first: int, second: int, perfect: Perfect) -> list[bytes]:
    """PROOF(first, D[second]): that the tree of ``first`` leaves is a prefix of the tree
    of ``second`` (RFC 9162 §2.1.4.1); empty when the sizes are equal."""
    if not 0 < first <= second:
        raise ValueError(f"no consistency proof from size {first} to size {second}")

    def subproof(m: int, start: int, end: int, whole: bool) -> list[bytes]:
        n = end - start
        if m == n:
            return [] if whole else [subtree_hash(start, end, perfect)]
        k = _split(n)
        if m <= k:
            return [*subproof(m, start, start + k, whole), subtree_hash(start + k, end, perfect)]
        return [*subproof(m - k, start + k, end, False), subtree_hash(start, start + k, perfect)]

    return subproof(first, 0, second, True)


def needed(compute: Callable[[Perfect], object]) -> set[tuple[int, int]]:
    """The perfect subtrees ``compute`` reads. The recursions above never branch on a
    hash, so running them once with placeholders names every subtree they need."""
    seen: set[tuple[int, int]] = set()

    def record(level: int, position: int) -> bytes:
        seen.add((level, position))
        return bytes(HASH_SIZE)

    compute(record)
    return seen


def from_table(table: dict[tuple[int, int], bytes]) -> Perfect:
    def perfect(level: int, position: int) -> bytes:
        try:
            return table[(level, position)]
        except KeyError:
            raise LookupError(
                f"the log has no subtree at level {level}, position {position}"
            ) from None

    return perfect


def frontier_positions(size: int) -> list[tuple[int, int]]:
    """The perfect subtrees that make up a tree of ``size`` leaves, largest first: one per
    binary digit 1 of ``size``."""
    return [
        (level, (size >> level) - 1)
        for level in range(size.bit_length() - 1, -1, -1)
        if size >> level & 1
    ]


def root_from_frontier(frontier: Sequence[bytes]) -> bytes:
    """The root of a tree from its frontier's hashes, largest subtree first."""
    if not frontier:
        return EMPTY_ROOT
    acc = frontier[-1]
    for h in reversed(frontier[:-1]):
        acc = node_hash(h, acc)
    return acc


def append(
    size: int, frontier: Sequence[bytes], leaves: Iterable[bytes]
) -> tuple[int, list[bytes], list[tuple[int, int, bytes]]]:
    """Add leaf hashes to a tree of ``size`` leaves whose frontier is ``frontier``
    (largest first). Returns the new size, the new frontier and every perfect subtree of
    level 1 or more the new leaves complete, as ``(level, position, hash)``."""
    positions = frontier_positions(size)
    if len(positions) != len(frontier):
        raise ValueError(f"a tree of {size} leaves has {len(positions)} frontier subtrees")
    by_level = {level: h for (level, _), h in zip(positions, frontier, strict=True)}
    made: list[tuple[int, int, bytes]] = []
    for leaf in leaves:
        current, level, position = leaf, 0, size
        while position & 1:  # a right child: its left sibling waits on the frontier
            current = node_hash(by_level.pop(level), current)
            level, position = level + 1, position >> 1
            made.append((level, position, current))
        by_level[level] = current
        size += 1
    return size, [by_level[level] for level, _ in frontier_positions(size)], made


def verify_inclusion(
    leaf: bytes, index: int, size: int, path: Sequence[bytes], root_hash: bytes
) -> bool:
    """RFC 9162 §2.1.3.2: does ``path`` prove leaf hash ``leaf`` at ``index`` in the tree
    of ``size`` leaves whose root is ``root_hash``?"""
    if not 0 <= index < size or not _hashes(leaf, root_hash, *path):
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root_hash


def verify_consistency(
    first: int, second: int, first_root: bytes, second_root: bytes, path: Sequence[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2: does ``path`` prove that the tree of ``first`` leaves with root
    ``first_root`` is a prefix of the tree of ``second`` leaves with root ``second_root``?"""
    if not 0 < first <= second or not _hashes(first_root, second_root, *path):
        return False
    if first == second:
        return not path and first_root == second_root
    if not path:
        return False
    proof = list(path)
    if first & (first - 1) == 0:
        proof.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return fr == first_root and sr == second_root and sn == 0


def _hashes(*values: object) -> bool:
    return all(isinstance(v, bytes) and len(v) == HASH_SIZE for v in values)


def reference_root(leaves: Sequence[bytes]) -> bytes:
    """MTH straight from the RFC's definition over leaf hashes, for tests and audits."""
    if not leaves:
        return EMPTY_ROOT
    if len(leaves) == 1:
        return leaves[0]
    k = _split(len(leaves))
    return node_hash(reference_root(leaves[:k]), reference_root(leaves[k:]))


def perfect_from_leaves(leaves: Sequence[bytes]) -> Perfect:
    """A ``Perfect`` over a list of leaf hashes, computed on demand (tests, audits)."""

    def perfect(level: int, position: int) -> bytes:
        start = position << level
        end = start + (1 << level)
        if end > len(leaves):
            raise LookupError(f"no subtree at level {level}, position {position}")
        return reference_root(leaves[start:end])

    return perfect
