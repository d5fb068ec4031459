"""A pack file is a mapping (pack: …, version: …); a list, a scalar or nothing is refused."""

import pytest


@pytest.mark.parametrize(
    "text",
    ["- pack: mini\n- version: 1\n", "just some words\n", "", "# only a comment\n", "42\n"],
    ids=["list", "scalar", "empty", "comment", "number"],
)
def test_anything_but_a_mapping_is_refused(refused, text):
    path, stderr = refused(text)
    assert stderr.strip() == f"{path}: the top level must be a mapping (pack: …, version: …)"
