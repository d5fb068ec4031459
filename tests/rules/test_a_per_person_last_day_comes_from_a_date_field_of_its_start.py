"""A per-person deadline with ``until_from`` takes its last day from a date field of its
starting event (a detention order's ``until``, a sentence computation's ``ends_on``); a
field that is not a date of that event, or a second rule reading another field of the
same starting event, is refused naming the path."""

from __future__ import annotations

from expediente.rules.loader import load_pack
from expediente.rules.schema import reference_problems

RULE = "intl.sentence_end_release"


def problems_with(*changed: dict) -> list[tuple[str, str]]:
    pack = load_pack("intl")
    rule = next(d for d in pack.deadlines if d.id == RULE)
    extra = [rule.model_copy(update=c) for c in changed]
    found = reference_problems(pack.model_copy(update={"deadlines": [*pack.deadlines, *extra]}))
    return [(path, message) for path, message in found if path.endswith(".until_from")]


def test_the_shipped_sentence_end_reads_ends_on() -> None:
    assert problems_with() == []


def test_a_field_that_is_not_a_date_is_refused() -> None:
    found = problems_with({"id": "intl.other", "until_from": "note"})
    assert any("sentence.computed has no date field 'note'" in m for _p, m in found)


def test_two_fields_for_one_starting_event_are_refused() -> None:
    found = problems_with({"id": "intl.other", "until_from": "person"})
    assert any("already gives its last day as 'ends_on'" in m for _p, m in found), found
