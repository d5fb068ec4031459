"""The demo caseload has people moved to another facility, at large after an escape,
recaptured, sentenced with an appeal pending, and serving a final sentence."""

import datetime as dt
import random
from collections import Counter
from zoneinfo import ZoneInfo

import pytest

from expediente.access.policy import Actor
from expediente.custody.models import CustodyPeriod
from expediente.demo.generator import (
    COURTS,
    STATES,
    Sim,
    court_index,
    demo_courts,
    demo_user,
    in_state,
    limit_scenario,
    state_scenario,
)
from expediente.docket.services import case_open

ANCHOR = dt.datetime(2025, 11, 14, 15, 30, tzinfo=dt.UTC)


def state_case(state, seed):
    court = demo_courts()[0]
    opened = ANCHOR - dt.timedelta(days=280)
    actor = Actor.system(demo_user())
    case = case_open(court=court, actor=actor, procedure="adult", occurred_at=opened).event.case
    sim = Sim(
        random.Random(seed), case, actor, ANCHOR, f"t:{seed}", ZoneInfo(court.timezone), opened
    )
    in_state(sim, state)
    periods = list(CustodyPeriod.objects.filter(case=case).order_by("started_at", "start_seq"))
    return case, periods


@pytest.mark.parametrize("state", STATES)
def test_each_state_is_reached_by_the_anchor(db, state):
    case, periods = state_case(state, 1)
    last = periods[-1]
    assert max(case.events.values_list("occurred_at", flat=True)) <= ANCHOR
    kinds = [p.kind for p in periods]
    if state == "transferred":
        assert kinds == ["police", "pretrial"]
        assert last.ended_at is None
        assert last.end_type == ""
    elif state == "escaped":
        assert last.end_type == "custody.escaped"
    elif state == "recaptured":
        assert [p.end_type for p in periods[-2:]] == ["custody.escaped", ""]
        assert last.kind == "pretrial"
        assert last.ended_at is None
    elif state == "sentenced_appeal":
        assert kinds[-1] == "sentenced_appeal"
        assert last.ended_at is None
    else:
        assert kinds == ["sentenced_final"]
        assert last.ended_at is None


def test_make_run_puts_every_state_in_the_adult_courts_and_never_on_a_limit_case():
    courts = [code for code, *_ in COURTS]
    found = Counter()
    for i in range(300):  # DEMO_CASES in the Makefile
        code = courts[court_index(i)]
        state = state_scenario(i, juvenile=code == "sj-juvenil")
        if state:
            assert limit_scenario(i, juvenile=code == "sj-juvenil") is None
            found[state] += 1
    assert set(found) == set(STATES)


def test_people_serving_a_final_sentence_have_its_end_computed_or_not(db):
    """Across seeds: no computation (the gap the case page names), an end to come, and
    an end passed with the person still held (the due list's overdue release)."""
    from expediente.custody.models import Deadline

    seen = set()
    for seed in range(12):
        case, periods = state_case("sentenced_final", seed)
        rows = list(Deadline.objects.filter(case=case, rule_id="intl.sentence_end_release"))
        if not rows:
            seen.add("none")
            continue
        (row,) = rows
        assert row.open
        assert periods[-1].ended_at is None
        seen.add("passed" if row.status(ANCHOR) == "overdue" else "to_come")
    assert seen == {"none", "to_come", "passed"}
