"""``waits_for_custody``: a detention order may find the person not in custody (at large:
it is carried out when they are arrested). Such a start opens no clock; the clock opens
at the fact that holds them as one of the rule's kinds, counted from it. ``held_as``: a
start that finds the person held as another kind opens nothing. Test rules here."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from expediente.rules.deadlines import Fact
from tests.rules.deadlines.helpers import cr_at, make_rule, only, run

WAITING = make_rule(
    starts="custody.pretrial_ordered",
    duration={"months": 3},
    repeats_from="custody.pretrial_reviewed",
    satisfied_by=["custody.pretrial_reviewed", "custody.pretrial_lifted"],
    waits_for_custody=["pretrial"],
)
ORDERED_AT_LARGE = Fact(1, "custody.pretrial_ordered", cr_at(2026, 3, 2, 10), not_held=True)
ARRESTED = Fact(2, "custody.arrested", cr_at(2026, 4, 15, 6), held_as="pretrial")


def test_an_order_that_finds_the_person_free_counts_nothing_until_the_arrest():
    assert run(WAITING, ORDERED_AT_LARGE) == ()
    d = only(run(WAITING, ORDERED_AT_LARGE, ARRESTED))
    assert (d.start, d.start_event, d.start_type) == (ARRESTED.occurred_at, 2, "custody.arrested")
    assert d.due_on == dt.date(2026, 7, 15)
    assert d.waited == ORDERED_AT_LARGE
    assert d.events == (1, 2)


def test_an_order_that_finds_the_person_held_counts_from_the_order():
    held = Fact(1, "custody.pretrial_ordered", cr_at(2026, 3, 2, 10), held_as="pretrial")
    d = only(run(WAITING, held, ARRESTED))
    assert (d.start_event, d.due_on, d.waited) == (1, dt.date(2026, 6, 2), None)


def test_a_review_while_waiting_keeps_the_wait_and_a_lift_ends_it():
    reviewed = Fact(3, "custody.pretrial_reviewed", cr_at(2026, 3, 20, 10), not_held=True)
    arrested = Fact(4, "custody.arrested", cr_at(2026, 4, 15, 6), held_as="pretrial")
    assert only(run(WAITING, ORDERED_AT_LARGE, reviewed, arrested)).start_event == 4
    lifted = Fact(3, "custody.pretrial_lifted", cr_at(2026, 3, 20, 10), not_held=True)
    assert run(WAITING, ORDERED_AT_LARGE, lifted, arrested) == ()


def test_custody_of_another_kind_does_not_carry_out_the_order():
    police = Fact(2, "custody.arrested", cr_at(2026, 4, 15, 6), held_as="police")
    assert run(WAITING, ORDERED_AT_LARGE, police) == ()


def test_without_the_option_a_start_counts_whoever_it_finds():
    rule = make_rule(starts="custody.pretrial_ordered", duration={"months": 3})
    assert only(run(rule, ORDERED_AT_LARGE)).start_event == 1


def test_an_order_s_own_day_stays_the_day_it_fixed():
    rule = make_rule(
        starts="custody.pretrial_ordered",
        until_from="until",
        duration={"months": 12},
        satisfied_by=["custody.pretrial_lifted"],
        waits_for_custody=["pretrial"],
    )
    order = Fact(
        1,
        "custody.pretrial_ordered",
        cr_at(2026, 3, 2, 10),
        until=dt.date(2026, 12, 31),
        not_held=True,
    )
    d = only(run(rule, order, ARRESTED))
    assert (d.start_event, d.due_on, d.ordered_until) == (
        2,
        dt.date(2026, 12, 31),
        dt.date(2026, 12, 31),
    )
    assert "the day fixed by “custody.pretrial_ordered” on 2 March 2026" in d.explain("en")
    assert "it runs from “custody.arrested” on 15 April 2026" in d.explain("en")


def test_a_start_that_finds_the_person_held_as_another_kind_opens_nothing():
    rule = make_rule(
        starts="custody.placed_before_judge",
        duration={"hours": 24},
        counting="continuous",
        satisfied_by=["custody.hearing_requested"],
        held_as=["police"],
    )
    placed = Fact(3, "custody.placed_before_judge", cr_at(2026, 4, 15, 9), held_as="pretrial")
    assert run(rule, placed) == ()
    in_police_custody = Fact(
        3, "custody.placed_before_judge", cr_at(2026, 4, 15, 9), held_as="police"
    )
    assert only(run(rule, in_police_custody)).start_event == 3
    not_said = Fact(3, "custody.placed_before_judge", cr_at(2026, 4, 15, 9))
    assert only(run(rule, not_said)).start_event == 3


def test_waiting_is_for_per_person_deadlines():
    with pytest.raises(ValidationError, match="waits_for_custody: only a per-person deadline"):
        make_rule(
            starts="petition.filed",
            each={"subject": "petitioner", "answers": "petition"},
            satisfied_by=["petition.decided"],
            waits_for_custody=["pretrial"],
        )
