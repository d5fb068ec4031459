"""The demo's Brazilian court (a vara única under the br pack) has people approaching
and past each Brazilian limit: the custody hearing within 24 hours (CPP art. 310, Res.
CNJ 213/2015 art. 1), the 90-day review of preventive detention (CPP art. 316), and the
ECA limits for adolescents (arts. 108, 121 §§2, 3, 5), so its judge's due list is full
after `make run`."""

import datetime as dt
import random
from collections import Counter
from zoneinfo import ZoneInfo

import pytest

from expediente.access.policy import Actor
from expediente.custody.models import Deadline
from expediente.demo import brazil
from expediente.demo.countries import BRAZIL
from expediente.demo.generator import (
    BRAZIL_COURT,
    COURTS,
    Sim,
    court_index,
    demo_courts,
    demo_user,
    limit_scenario,
)
from expediente.docket.services import case_open
from expediente.rules.loader import load_pack

ANCHOR = dt.datetime(2025, 11, 14, 15, 30, tzinfo=dt.UTC)
SCENARIOS = [name for name, _procedure in brazil.LIMITS]


def brazilian_limit_case(scenario, seed):
    court = demo_courts()[BRAZIL_COURT]
    procedure = dict(brazil.LIMITS)[scenario]
    rng = random.Random(seed)
    tz = ZoneInfo(court.timezone)
    planned = brazil.plan(rng, scenario, ANCHOR, tz)
    actor = Actor.system(demo_user())
    case = case_open(
        court=court, actor=actor, procedure=procedure, occurred_at=planned.opened
    ).event.case
    sim = Sim(
        rng,
        case,
        actor,
        ANCHOR,
        f"test:{seed}",
        tz,
        planned.opened,
        country=BRAZIL,
        juvenile=procedure == "juvenile",
    )
    brazil.at_limit(sim, scenario, planned)
    return case


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_each_scenario_stands_at_its_limit_at_the_anchor(db, scenario, seed):
    case = brazilian_limit_case(scenario, seed)
    rule, status = brazil.EXPECTED[scenario]
    open_ = {d.rule_id: d.status(ANCHOR) for d in Deadline.objects.filter(case=case, open=True)}
    assert open_.get(rule) == status, open_
    assert max(case.events.values_list("occurred_at", flat=True)) <= ANCHOR
    assert case.court.rule_pack == "br"


def test_every_brazilian_deadline_rule_has_a_scenario():
    rules = {d.id for d in load_pack("br").deadlines if d.per == "person" and d.each is None}
    covered = {rule for rule, _status in brazil.EXPECTED.values()}
    # the baseline's release at the end of a sentence is shown by the people serving a
    # sentence in the Costa Rican courts (test_the_demo_has_people_in_every_state_of_custody)
    assert rules - {"intl.presentation_to_judge.juvenile", "intl.sentence_end_release"} <= covered
    for rule in covered:
        statuses = {s for r, s in brazil.EXPECTED.values() if r == rule}
        assert "overdue" in statuses or rule == "br.custody_hearing.from_notice"
        assert "due_soon" in statuses


def test_make_run_puts_every_brazilian_limit_in_the_brazilian_court():
    found = Counter()
    for i in range(300):  # DEMO_CASES in the Makefile
        if court_index(i) != BRAZIL_COURT:
            continue
        # the Costa Rican scenarios never fall on it
        assert limit_scenario(i, juvenile=False) is None
        picked = brazil.limit_scenario(i // 5)
        if picked:
            found[picked[0]] += 1
    assert set(found) == set(SCENARIOS)
    assert COURTS[BRAZIL_COURT][4] == "br"


def test_the_brazilian_court_counts_in_brasilia_time_with_brazilian_holidays(db):
    court = demo_courts()[BRAZIL_COURT]
    pack = load_pack(court.rule_pack)
    assert court.timezone == pack.timezone == "America/Sao_Paulo"
    assert pack.calendar.holidays == "BR"
    assert court.jurisdiction.code == "br"
