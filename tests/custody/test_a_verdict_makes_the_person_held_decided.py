"""A verdict, whatever its outcome, is a first-instance decision: the person held after it
is ``decided`` (SDG 16.3.2 counts them as sentenced), though a person acquitted while in
pretrial detention stays held ``pretrial`` until the release (the packs' release watch
reads that kind). The period splits at the verdict, the kind kept; a retrial undoes the
decision and splits it again; a new order after an acquittal changes neither. The
periods are read from the events as last corrected."""

from __future__ import annotations

from typing import Any

import pytest

from expediente.custody.models import CustodyPeriod
from expediente.docket.rebuild import rebuild
from tests.conftest import PERSON
from tests.custody.conftest import deadlines_of

pytestmark = pytest.mark.django_db

ACQUITTED = {"accused": "P1", "outcome": "acquitted"}
CONVICTED = {"accused": "P1", "outcome": "convicted", "custodial": True, "sentence_months": 60}
RELEASE_WATCH = "intl.release_on_order_end"


def periods(case: Any, person: str = "P1") -> list[tuple[Any, ...]]:
    """(kind, decided, started_at, ended_at) of each period, oldest first."""
    return list(
        CustodyPeriod.objects.filter(case=case, participation__uid=person)
        .order_by("started_at", "start_seq")
        .values_list("kind", "decided", "started_at", "ended_at")
    )


@pytest.fixture
def held(accused_case, custody, to_trial, at):  # type: ignore[no-untyped-def]
    """P1 arrested 40 days ago, ordered detained the next day, committed for trial."""
    custody(accused_case, "arrested", at(40, 8))
    custody(accused_case, "pretrial_ordered", at(39))
    to_trial(accused_case, at(30))
    return accused_case


def test_an_acquittal_while_in_pretrial_detention_splits_the_period_decided(
    held, record, at
) -> None:
    record(held, "verdict.delivered", ACQUITTED, occurred_at=at(10, 16))
    assert periods(held) == [
        ("police", False, at(40, 8), at(39)),
        ("pretrial", False, at(39), at(10, 16)),
        ("pretrial", True, at(10, 16), None),  # still pretrial: the release watch reads it
    ]
    [watch] = deadlines_of(held, RELEASE_WATCH)  # the release watch runs as before
    assert watch.open
    assert watch.start_type == "verdict.delivered"


def test_the_release_after_an_acquittal_ends_the_decided_period(held, record, custody, at) -> None:
    record(held, "verdict.delivered", ACQUITTED, occurred_at=at(10, 16))
    custody(held, "released", at(10, 18))
    assert periods(held)[-1] == ("pretrial", True, at(10, 16), at(10, 18))
    [watch] = deadlines_of(held, RELEASE_WATCH)
    assert not watch.open
    assert watch.satisfied_type == "custody.released"


def test_a_retrial_after_an_acquittal_undoes_the_decision(held, record, at) -> None:
    record(held, "verdict.delivered", ACQUITTED, occurred_at=at(10, 16))
    record(held, "retrial.ordered", {}, occurred_at=at(5))
    assert periods(held)[1:] == [
        ("pretrial", False, at(39), at(10, 16)),
        ("pretrial", True, at(10, 16), at(5)),
        ("pretrial", False, at(5), None),  # awaiting a first-instance decision again
    ]


def test_a_conviction_is_decided_and_so_is_an_acquittal_on_appeal(held, record, at) -> None:
    record(held, "verdict.delivered", CONVICTED, occurred_at=at(10, 16))
    assert periods(held)[-1] == ("sentenced_appeal", True, at(10, 16), None)
    record(held, "appeal.filed", {"appellant": "P1"}, occurred_at=at(9))
    record(held, "appeal.decided", {"outcome": "overturned"}, occurred_at=at(4))
    record(held, "verdict.delivered", ACQUITTED, occurred_at=at(4, 11))
    # back to pretrial (the release watch), still decided: no retrial undid a decision
    assert periods(held)[-2:] == [
        ("sentenced_appeal", True, at(10, 16), at(4, 11)),
        ("pretrial", True, at(4, 11), None),
    ]


def test_a_retrial_after_a_conviction_is_undecided(held, record, at) -> None:
    record(held, "verdict.delivered", CONVICTED, occurred_at=at(10, 16))
    record(held, "retrial.ordered", {}, occurred_at=at(3))
    assert periods(held)[-2:] == [
        ("sentenced_appeal", True, at(10, 16), at(3)),
        ("pretrial", False, at(3), None),
    ]


def test_a_new_order_after_an_acquittal_stays_decided(held, record, custody, at) -> None:
    record(held, "verdict.delivered", ACQUITTED, occurred_at=at(10, 16))
    custody(held, "pretrial_ordered", at(10, 18), grounds="Apelación del Ministerio Público")
    assert periods(held)[-1] == ("pretrial", True, at(10, 16), None)


def test_an_arrest_after_an_acquittal_opens_a_decided_period(held, record, custody, at) -> None:
    record(held, "verdict.delivered", ACQUITTED, occurred_at=at(10, 16))
    custody(held, "released", at(10, 18))
    custody(held, "arrested", at(3))
    assert periods(held)[-1] == ("police", True, at(3), None)


def test_a_verdict_corrected_into_a_conviction_or_an_acquittal(held, record, at) -> None:
    verdict = record(held, "verdict.delivered", ACQUITTED, occurred_at=at(10, 16)).event.seq
    again = record(
        held, "verdict.delivered", CONVICTED, occurred_at=at(10, 16), corrects_seq=verdict
    ).event.seq
    assert periods(held)[-1] == ("sentenced_appeal", True, at(10, 16), None)
    record(held, "verdict.delivered", ACQUITTED, occurred_at=at(10, 16), corrects_seq=again)
    assert periods(held)[-1] == ("pretrial", True, at(10, 16), None)


def test_a_verdict_corrected_away_to_another_accused_undoes_the_decision(held, record, at) -> None:
    record(held, "participant.added", {"role": "accused", "person": PERSON})  # P3
    verdict = record(held, "verdict.delivered", ACQUITTED, occurred_at=at(10, 16)).event.seq
    assert periods(held)[-1][:2] == ("pretrial", True)
    record(
        held,
        "verdict.delivered",
        {**ACQUITTED, "accused": "P3"},
        occurred_at=at(10, 16),
        corrects_seq=verdict,
    )
    # P1 was never acquitted: one pretrial period again, awaiting a decision
    assert periods(held) == [
        ("police", False, at(40, 8), at(39)),
        ("pretrial", False, at(39), None),
    ]


def test_a_rebuild_gives_the_same_decided_periods(held, record, custody, at) -> None:
    record(held, "verdict.delivered", ACQUITTED, occurred_at=at(10, 16))
    record(held, "retrial.ordered", {}, occurred_at=at(5))
    record(held, "verdict.delivered", CONVICTED, occurred_at=at(2))
    before = periods(held)
    assert [p[:2] for p in before] == [
        ("police", False),
        ("pretrial", False),
        ("pretrial", True),
        ("pretrial", False),
        ("sentenced_appeal", True),
    ]
    result = rebuild(check=True)
    assert not result.differences
    assert periods(held) == before


def summary(case: Any, now: Any) -> str:
    from django.utils import translation

    from expediente.custody.selectors import custody_clock

    with translation.override("en"):
        [person] = custody_clock(case=case, now=now)
    return person.summary


def test_the_clock_says_the_person_is_held_after_the_acquittal(held, record, at) -> None:
    record(held, "verdict.delivered", ACQUITTED, occurred_at=at(10, 16))
    assert summary(held, at(5)) == (
        "35 days in custody, counted from 21 January 2026 over 3 periods; "
        "held after the acquittal of 20 February 2026, in custody since 21 January 2026."
    )


def test_after_a_retrial_the_clock_says_pretrial_detention_since_the_order(
    held, record, at
) -> None:
    record(held, "verdict.delivered", ACQUITTED, occurred_at=at(10, 16))
    record(held, "retrial.ordered", {}, occurred_at=at(8))
    # the splits at the verdict and the retrial do not move "since"
    assert summary(held, at(5)).endswith("in pretrial detention since 22 January 2026.")


def test_an_arrest_after_an_acquittal_is_said_as_police_custody(held, record, custody, at) -> None:
    record(held, "verdict.delivered", ACQUITTED, occurred_at=at(10, 16))
    custody(held, "released", at(10, 18))
    custody(held, "arrested", at(3))
    assert summary(held, at(1)).endswith("in police custody since 27 February 2026.")


def test_a_new_order_after_the_acquittal_is_not_said_as_held_after_it(
    held, record, custody, at
) -> None:
    """A review found the line still saying "held after the acquittal" once a new order
    (on the prosecution's appeal) held the person: it says pretrial detention."""
    record(held, "verdict.delivered", ACQUITTED, occurred_at=at(10, 16))
    custody(held, "pretrial_ordered", at(8))
    said = summary(held, at(5))
    assert "held after the acquittal" not in said, said
    assert "in pretrial detention since" in said, said


def test_a_retrial_after_the_acquittal_keeps_the_case_pages_warning(
    held, record, at, clerk
) -> None:
    """Acquitted, then a retrial ordered, still held with no order: the split of the
    period at the retrial did not end the custody, and the case page still names the
    person held after the acquittal, with the release target."""
    from expediente.court.pages.case_page import case_page
    from tests.conftest import NOW

    record(held, "verdict.delivered", ACQUITTED, occurred_at=at(10, 16))
    record(held, "retrial.ordered", {}, occurred_at=at(5))
    page = case_page(nuid=held.nuid, actor=clerk, now=NOW)
    warned = [*page.after_acquittal, *page.ground_ended]
    assert [w.participant for w in warned] == ["P1"], warned
