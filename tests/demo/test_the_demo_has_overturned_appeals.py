"""The demo records appeals that overturned the verdict (demo/appeals.py): most followed
by the appeal court's verdict for each accused, the other way, and the judgment made
final on it; and cases (every 128th adult one from case 97) whose appeal court's verdict
is still owed, so a demo user sees the case page ask for it."""

from expediente.demo.appeals import OWED_EVERY, OWED_FIRST
from expediente.demo.generator import (
    BRAZIL_COURT,
    court_index,
    generate,
    limit_scenario,
    state_scenario,
    supervised_scenario,
)
from expediente.demo.petitions import petition_case
from expediente.docket.appeal_verdicts import verdicts_owed
from expediente.docket.models import Case, Event
from tests.demo.conftest import ANCHOR, SEED


def _only_case(i: int, seed: int) -> Case:
    """Demo case ``i`` of ``seed``, recorded alone (the cases ``j`` with ``j % (i + 1) == i``)."""
    before = set(Case.objects.values_list("pk", flat=True))
    generate(cases=i + 1, seed=seed, anchor=ANCHOR, part=i, parts=i + 1)
    return Case.objects.exclude(pk__in=before).get()


def _entries(case: Case) -> list[tuple[str, dict]]:
    return [(e.type, e.payload) for e in Event.objects.filter(case=case).order_by("seq")]


def test_an_overturned_appeal_is_followed_by_the_appeal_courts_verdict(demo):
    case = _only_case(169, seed=7)  # acquitted at first instance, two accused
    entries = _entries(case)
    decided = entries.index(("appeal.decided", {"outcome": "overturned"}))
    first = {p["accused"]: p["outcome"] for t, p in entries[:decided] if t == "verdict.delivered"}
    again = {p["accused"]: p["outcome"] for t, p in entries[decided:] if t == "verdict.delivered"}
    assert first == {"P1": "acquitted", "P2": "acquitted"}
    assert again == {"P1": "convicted", "P2": "convicted"}
    assert "judgment.final" in [t for t, _ in entries[decided:]]
    assert verdicts_owed(Event.objects.filter(case=case).order_by("seq")) == []


def test_some_cases_are_left_owing_the_appeal_courts_verdict(demo):
    for i in range(OWED_FIRST, 5000, OWED_EVERY):  # no other scenario claims these cases
        assert limit_scenario(i, False) is None
        assert state_scenario(i, False) is None
        assert supervised_scenario(i, False) is None
        assert not petition_case(i)
        assert court_index(i) != BRAZIL_COURT
    case = _only_case(OWED_FIRST, seed=SEED)
    owed = verdicts_owed(Event.objects.filter(case=case).order_by("seq"))
    assert [(o.participant, o.outcome) for o in owed] == [("P1", "overturned")]
    assert case.stage == "judgment"
    assert 3 <= (ANCHOR - owed[0].decided_at).days <= 9
