"""What one entry of the docket puts in the Merkle log. Pure Python, no Django.

A leaf's data is the canonical JSON (``chain.canonical_json``: sorted keys, no spaces,
UTF-8) of four fields::

    {"case":"26-000001-0042-PE","hash":"<64 lowercase hex>","seq":7,"v":1}

``case`` is the case's national identifier, ``seq`` the entry's number in the case,
``hash`` the entry's hash in its case's chain (``chain.ChainedEvent.hash``: it covers
every field of the entry and, through ``prev_hash``, every entry before it in the case),
``v`` this format's version. The leaf hash is SHA-256(0x00 || those bytes)
(``merkle.leaf_hash``). The entry's hash is unguessable, so the leaf, and the audit
paths that carry other entries' leaf hashes, say nothing about an entry's content.
"""

from __future__ import annotations

import re

from expediente.integrity.chain import canonical_json
from expediente.integrity.merkle import leaf_hash

LEAF_VERSION = 1
_HEX64 = re.compile(r"[0-9a-f]{64}")


def leaf_data(*, case: str, seq: int, entry_hash: str) -> bytes:
    if not _HEX64.fullmatch(entry_hash):
        raise ValueError("an entry's hash is 64 lowercase hexadecimal digits")
    if seq < 1:
        raise ValueError("an entry's number starts at 1")
    return canonical_json({"v": LEAF_VERSION, "case": case, "seq": seq, "hash": entry_hash})


def entry_leaf_hash(*, case: str, seq: int, entry_hash: str) -> bytes:
    return leaf_hash(leaf_data(case=case, seq=seq, entry_hash=entry_hash))
