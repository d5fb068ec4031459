"""The same seed and anchor give the same caseload; another seed gives another one."""

from django.db import transaction

from expediente.demo.generator import generate
from expediente.docket.models import Case, Event
from tests.demo.conftest import ANCHOR, CASES, SEED


def _events_after(last_id: int) -> list[tuple]:
    """What the docket says (not when it was typed in): recorded_at and hashes differ per run."""
    return list(
        Event.objects.filter(id__gt=last_id)
        .order_by("case__nuid", "seq")
        .values_list("case__nuid", "seq", "type", "occurred_at", "payload")
    )


def _generate_and_forget(cases: int, seed: int) -> list[tuple]:
    last_id = Event.objects.order_by("-id").values_list("id", flat=True).first() or 0
    with transaction.atomic():
        generate(cases=cases, seed=seed, anchor=ANCHOR.replace(year=2024))
        events = _events_after(last_id)
        transaction.set_rollback(True)
    return events


def test_two_runs_with_one_seed_record_the_same_events(demo):
    first = _generate_and_forget(8, seed=7)
    second = _generate_and_forget(8, seed=7)
    assert len(first) > 50
    assert first == second


def test_another_seed_records_another_caseload(demo):
    seven = _generate_and_forget(8, seed=7)
    eight = _generate_and_forget(8, seed=8)
    assert [(t, p) for _, _, t, _, p in seven] != [(t, p) for _, _, t, _, p in eight]


def test_running_the_same_seed_again_records_nothing_new(demo):
    events, cases = Event.objects.count(), Case.objects.count()
    again = generate(cases=CASES, seed=SEED, anchor=ANCHOR)
    assert again.events == 0
    assert again.cases == cases == CASES
    assert Event.objects.count() == events


def test_asking_for_more_cases_adds_only_the_new_ones(demo):
    before = set(Case.objects.values_list("nuid", flat=True))
    more = generate(cases=CASES + 2, seed=SEED, anchor=ANCHOR)
    assert more.cases == CASES + 2
    assert more.events > 0
    assert before < set(Case.objects.values_list("nuid", flat=True))
