"""The release once the ground for detention has ended (``intl.release_on_order_end``)
starts at a verdict only when it does not convict; the pack lists those outcomes in
``starts_when`` (the engine reads payload fields, not Python), and this test holds the
list to ``docket.verdicts.convicts``, the one answer every other part reads: an outcome
a pack adds that does not convict must open the watch, one that convicts must not.
The review opens it when it lifts or replaces the order, as custody/periods.py reads
a review that ends the order."""

from __future__ import annotations

import pytest

from expediente.docket.verdicts import VERDICT, convicts
from expediente.rules.loader import load_pack

RULE = "intl.release_on_order_end"


@pytest.mark.parametrize("pack_id", ["intl", "cr", "br", "cl", "co"])
def test_the_verdicts_that_open_it_are_exactly_those_that_do_not_convict(pack_id):
    pack = load_pack(pack_id)
    rule = next(d for d in pack.deadlines if d.id == RULE)
    options = pack.event_types[VERDICT].fields["outcome"].options or []
    assert VERDICT in rule.start_types
    assert sorted(rule.starts_when[VERDICT]["outcome"]) == sorted(
        o for o in options if not convicts(o)
    )


@pytest.mark.parametrize("pack_id", ["intl", "cr", "br", "cl", "co"])
def test_a_review_opens_it_when_it_ends_the_order(pack_id):
    rule = next(d for d in load_pack(pack_id).deadlines if d.id == RULE)
    assert sorted(rule.starts_when["custody.pretrial_reviewed"]["outcome"]) == [
        "lifted",
        "replaced",
    ]
    assert {"custody.pretrial_lifted", "custody.pretrial_replaced"} <= set(rule.start_types)
