"""The demo caseload has people approaching and past each kind of limit, in every court,
so the judges' "Due and overdue" page is full after `make run`."""

import datetime as dt
import random
from collections import Counter
from zoneinfo import ZoneInfo

import pytest

from expediente.access.policy import Actor
from expediente.custody.models import Deadline
from expediente.demo.generator import (
    ADULT_LIMITS,
    COURTS,
    JUVENILE_LIMITS,
    Sim,
    at_limit,
    court_index,
    demo_courts,
    demo_user,
    limit_scenario,
    limit_start,
)
from expediente.docket.services import case_open

ANCHOR = dt.datetime(2025, 11, 14, 15, 30, tzinfo=dt.UTC)
EXPECTED = {
    "presentation_soon": ("cr.presentation_to_judge", "due_soon"),
    "presentation_overdue": ("cr.presentation_to_judge", "overdue"),
    "hearing_request_soon": ("cr.custody_hearing_request", "due_soon"),
    "hearing_request_overdue": ("cr.custody_hearing_request", "overdue"),
    "review_soon": ("cr.pretrial_review", "due_soon"),
    "review_overdue": ("cr.pretrial_review", "overdue"),
    "maximum_soon": ("cr.pretrial_maximum", "due_soon"),
    "maximum_overdue": ("cr.pretrial_maximum", "overdue"),
    "maximum_extended": ("cr.pretrial_maximum", "pending"),
}


def limit_case(court, scenario, seed):
    rng = random.Random(seed)
    tz = ZoneInfo(court.timezone)
    arrested = limit_start(rng, scenario, ANCHOR, tz)
    opened = arrested - dt.timedelta(hours=2)
    actor = Actor.system(demo_user())
    juvenile = court.code == "sj-juvenil"
    case = case_open(
        court=court, actor=actor, procedure="juvenile" if juvenile else "adult", occurred_at=opened
    ).event.case
    sim = Sim(rng, case, actor, ANCHOR, f"test:{seed}", tz, opened)
    at_limit(sim, juvenile, scenario, arrested)
    return case


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("scenario", ADULT_LIMITS)
def test_each_adult_scenario_stands_at_its_limit_at_the_anchor(db, scenario, seed):
    case = limit_case(demo_courts()[0], scenario, seed)
    rule, status = EXPECTED[scenario]
    open_ = {d.rule_id: d.status(ANCHOR) for d in Deadline.objects.filter(case=case, open=True)}
    assert open_[rule] == status, open_
    assert max(case.events.values_list("occurred_at", flat=True)) <= ANCHOR


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("scenario", JUVENILE_LIMITS)
def test_each_juvenile_scenario_stands_at_its_limit_at_the_anchor(db, scenario, seed):
    case = limit_case(demo_courts()[2], scenario, seed)
    rule, status = EXPECTED[scenario]
    [deadline] = Deadline.objects.filter(case=case, open=True)
    assert (deadline.rule_id, deadline.status(ANCHOR)) == (rule, status)


def test_make_run_puts_every_kind_of_limit_in_every_court():
    courts = [code for code, *_ in COURTS]
    found = Counter()
    for i in range(300):  # DEMO_CASES in the Makefile
        code = courts[court_index(i)]
        scenario = limit_scenario(i, juvenile=code == "sj-juvenil")
        if scenario:
            found[code, scenario] += 1
    for code in courts[:2]:
        assert {s for c, s in found if c == code} == set(ADULT_LIMITS)
    assert {s for c, s in found if c == "sj-juvenil"} == set(JUVENILE_LIMITS)
