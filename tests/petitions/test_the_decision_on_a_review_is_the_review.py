"""The judge's decision on a review of the detention (or a habeas corpus) says what it
does to the detention, and the custody entry saying so is recorded with it, in one
transaction: upheld after review (``custody.pretrial_reviewed``), lifted
(``custody.pretrial_lifted``) or replaced by other measures
(``custody.pretrial_replaced``). The review deadline is then met, and leaves the due
list; the next review counts from the decision. A decision that says nothing about the
detention leaves the review as it was. The same in Brazil (CPP art. 316)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from expediente.custody.models import CustodyPeriod, Deadline
from expediente.custody.selectors import deadline_list_urgent
from expediente.docket.models import Court, Event, Jurisdiction
from expediente.docket.rebuild import rebuild
from expediente.docket.services import case_open
from expediente.petitions.models import Petition
from tests.conftest import NOW, PERSON
from tests.petitions.conftest import hours_ago

LATER = NOW + dt.timedelta(days=90)  # past the first review's three months


def review_rows(case, rule="cr.pretrial_review"):  # type: ignore[no-untyped-def]
    return list(
        Deadline.objects.filter(case=case, rule_id=rule)
        .order_by("cycle")
        .values_list("cycle", "open", "satisfied_type")
    )


def overdue(court, now):  # type: ignore[no-untyped-def]
    """The rule of each overdue line of the court's due list, as the judge reads it at
    ``now``."""
    rows = deadline_list_urgent(courts=[court], now=now, status="overdue", limit=50)
    return [d.rule_id for d, _court, _cursor in rows]


def test_a_review_upheld_meets_the_review_and_counts_the_next_from_the_decision(  # type: ignore[no-untyped-def]
    detained, file, decide, court
):
    filed = file(detained, ago=10)
    assert "cr.pretrial_review" in overdue(court, LATER)  # by then, undecided

    decision = decide(
        detained, petition=filed.event.seq, ago=5, detention="maintained", person="P1"
    )

    [(kind, payload)] = Event.objects.filter(case=detained, seq=decision.seq + 1).values_list(
        "type", "payload"
    )
    assert (kind, payload) == (
        "custody.pretrial_reviewed",
        {"person": "P1", "outcome": "maintained"},
    )
    assert review_rows(detained) == [(0, False, "custody.pretrial_reviewed"), (1, True, "")]
    nxt = Deadline.objects.get(case=detained, rule_id="cr.pretrial_review", open=True)
    assert (nxt.start_seq, nxt.start_at) == (decision.seq + 1, decision.occurred_at)
    petition = Petition.objects.get()
    assert (petition.status, petition.detention) == ("decided", "maintained")
    # the answer is given and the review done: neither is overdue, then or later
    assert overdue(court, NOW) == overdue(court, LATER) == []
    rebuild()
    call_command("rebuild", "--check")


def test_a_lifted_detention_ends_the_order_and_its_deadlines(detained, file, decide):  # type: ignore[no-untyped-def]
    filed = file(detained, ago=10, kind="habeas_corpus")
    decision = decide(
        detained,
        petition=filed.event.seq,
        ago=5,
        outcome="granted",
        detention="lifted",
        person="P1",
    )
    assert Event.objects.get(case=detained, seq=decision.seq + 1).type == "custody.pretrial_lifted"
    assert not Deadline.objects.filter(
        case=detained, rule_id__in=["cr.pretrial_review", "cr.pretrial_maximum"], open=True
    ).exists()
    # lifting the order does not walk the person out: the release is recorded apart
    assert CustodyPeriod.objects.get(case=detained, ended_at__isnull=True).kind == "pretrial"


def test_a_detention_replaced_by_measures_says_which(detained, file, decide):  # type: ignore[no-untyped-def]
    filed = file(detained, ago=10)
    decision = decide(
        detained,
        petition=filed.event.seq,
        ago=5,
        outcome="partly_granted",
        detention="replaced",
        person="P1",
        measures="Presentarse cada quince días y no salir del país.",
    )
    replaced = Event.objects.get(case=detained, seq=decision.seq + 1)
    assert replaced.type == "custody.pretrial_replaced"
    assert replaced.payload["measures"] == "Presentarse cada quince días y no salir del país."
    assert review_rows(detained) == [(0, False, "custody.pretrial_replaced")]


@pytest.mark.parametrize("detention", ["none", ""])
def test_a_decision_saying_nothing_of_the_detention_leaves_the_review_due(  # type: ignore[no-untyped-def]
    detained, file, decide, court, detention
):
    filed = file(detained, ago=10)
    decision = decide(detained, petition=filed.event.seq, ago=5, detention=detention)
    assert Event.objects.filter(case=detained).order_by("-seq").first().seq == decision.seq
    assert review_rows(detained) == [(0, True, "")]
    assert "cr.pretrial_review" in overdue(court, LATER)


def test_a_retried_decision_records_one_review(detained, file, decide):  # type: ignore[no-untyped-def]
    filed = file(detained, ago=10)
    asked = {"petition": filed.event.seq, "ago": 5, "detention": "maintained", "person": "P1"}
    first = decide(detained, **asked, idempotency_key="juez-1")
    again = decide(detained, **asked, idempotency_key="juez-1")
    assert again.seq == first.seq
    assert Event.objects.filter(case=detained, type="custody.pretrial_reviewed").count() == 1


@pytest.fixture
def br_case(db, clerk, record):  # type: ignore[no-untyped-def]
    country = Jurisdiction.objects.create(code="br", name="Brasil", rule_pack="br")
    court = Court.objects.create(
        jurisdiction=country,
        code="sp-criminal",
        name="Vara Criminal de São Paulo",
        office_code="26.0050",
        timezone="America/Sao_Paulo",
        rule_pack="br",
    )
    opened = NOW - dt.timedelta(days=20)
    case = case_open(court=court, actor=clerk, procedure="adult", occurred_at=opened).event.case
    record(case, "participant.added", {"role": "accused", "person": PERSON}, occurred_at=opened)
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=hours_ago(24 * 19))
    record(
        case,
        "custody.hearing_held",
        {"person": "P1", "outcome": "pretrial_detention"},
        occurred_at=hours_ago(24 * 19 - 5),
    )
    order = {"person": "P1", "until": "2027-12-31", "grounds": "Garantia da ordem pública"}
    record(case, "custody.pretrial_ordered", order, occurred_at=hours_ago(24 * 19 - 6))
    case.refresh_from_db()
    return case


def test_in_brazil_a_petition_brings_no_request_and_the_decision_is_the_review(
    br_case, file, decide
):  # type: ignore[no-untyped-def]
    rule = "br.preventive_detention_review"
    filed = file(br_case, ago=10, text="Peço a revisão da prisão preventiva do meu irmão.")
    # no custody.review_requested in br: the filing is all that is recorded
    assert Event.objects.filter(case=br_case).order_by("-seq").first().seq == filed.event.seq
    assert review_rows(br_case, rule) == [(0, True, "")]
    decide(br_case, petition=filed.event.seq, ago=5, detention="maintained", person="P1")
    assert review_rows(br_case, rule) == [(0, False, "custody.pretrial_reviewed"), (1, True, "")]
    call_command("rebuild", "--check")
