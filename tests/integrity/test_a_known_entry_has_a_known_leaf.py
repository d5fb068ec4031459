"""One entry's leaf, bytes and hash written out by hand so an auditor can check them:
the digest was computed from the literal below with coreutils
(``printf '\\x00<the JSON>' | sha256sum``), not with the code under test."""

import pytest

from expediente.integrity.leaf import entry_leaf_hash, leaf_data

ENTRY_HASH = "ab" * 32
DATA = ('{"case":"26-000001-0042-PE","hash":"' + ENTRY_HASH + '","seq":7,"v":1}').encode()
LEAF = "a6de29608a795fa5635af0dd3360dce6626276df82e602c9ace4919fc6ac2742"


def test_the_leaf_of_an_entry_is_its_canonical_json_hashed_with_a_zero_byte():
    assert leaf_data(case="26-000001-0042-PE", seq=7, entry_hash=ENTRY_HASH) == DATA
    assert entry_leaf_hash(case="26-000001-0042-PE", seq=7, entry_hash=ENTRY_HASH).hex() == LEAF


@pytest.mark.parametrize(
    ("seq", "entry_hash"), [(7, "AB" * 32), (7, "ab" * 31), (0, "ab" * 32), (7, "xy" * 32)]
)
def test_an_entry_that_cannot_be_is_refused(seq, entry_hash):
    with pytest.raises(ValueError, match="entry"):
        leaf_data(case="26-000001-0042-PE", seq=seq, entry_hash=entry_hash)
