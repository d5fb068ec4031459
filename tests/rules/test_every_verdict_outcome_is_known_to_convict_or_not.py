"""The outcomes a pack offers for a verdict are each known to convict or not.

The public page's presumption of innocence, the case status the public sees, the
detention clock and the statistics all read ``docket.verdicts.CONVICTIONS``. A pack that
offered an outcome the code has never classified (say ``convicted_in_absentia``) would be
read as an acquittal everywhere: the man would stay "presumed innocent" on the public
page and his detention would never turn into a sentence. This test makes that a failure.
"""

from __future__ import annotations

import pytest

from expediente.docket.verdicts import CONVICTIONS, convicts, sql_convicts
from expediente.rules.loader import load_pack

NOT_CONVICTIONS = ("acquitted",)


@pytest.mark.parametrize("pack_id", ["intl", "cr", "br", "cl", "co"])
def test_each_offered_outcome_is_classified(pack_id: str) -> None:
    verdict = load_pack(pack_id).event_types["verdict.delivered"]
    options = list(verdict.fields["outcome"].options or [])
    assert options, "the verdict's outcome offers no choice"
    unknown = [o for o in options if o not in CONVICTIONS and o not in NOT_CONVICTIONS]
    assert unknown == [], f"{pack_id}: outcomes neither convicting nor acquitting: {unknown}"
    assert set(CONVICTIONS) <= set(options), f"{pack_id} no longer offers {CONVICTIONS}"


def test_python_and_sql_agree() -> None:
    assert convicts("partly_convicted")
    assert convicts("convicted")
    assert not convicts("acquitted")
    assert not convicts(None)
    assert sql_convicts("v.outcome") == "v.outcome IN ('convicted', 'partly_convicted')"
