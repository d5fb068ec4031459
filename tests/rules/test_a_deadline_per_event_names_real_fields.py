"""A deadline with ``each`` names the starting event's participant field (whose deadline
it is) and the satisfying event's int field (which start it answers); a pack naming
fields that are not there is refused, naming the path."""

from __future__ import annotations

from expediente.rules.loader import load_pack
from expediente.rules.schema import EachStart, reference_problems


def problems_with(each: EachStart) -> list[tuple[str, str]]:
    pack = load_pack("intl")
    rule = next(d for d in pack.deadlines if d.id == "intl.petition_answer")
    index = pack.deadlines.index(rule)
    bad = rule.model_copy(update={"each": each})
    deadlines = [*pack.deadlines[:index], bad, *pack.deadlines[index + 1 :]]
    found = reference_problems(pack.model_copy(update={"deadlines": deadlines}))
    return [(path, message) for path, message in found if ".each." in path]


def test_the_shipped_petition_deadline_names_real_fields() -> None:
    assert problems_with(EachStart(subject="petitioner", answers="petition")) == []


def test_a_subject_that_is_not_a_participant_field_is_refused() -> None:
    [(path, message)] = problems_with(EachStart(subject="text", answers="petition"))
    assert path.endswith(".each.subject")
    assert "petition.filed has no participant field 'text'" in message


def test_an_answer_field_that_is_not_a_number_is_refused() -> None:
    [(path, message)] = problems_with(EachStart(subject="petitioner", answers="reasons"))
    assert path.endswith(".each.answers")
    assert "petition.decided has no int field 'reasons'" in message
