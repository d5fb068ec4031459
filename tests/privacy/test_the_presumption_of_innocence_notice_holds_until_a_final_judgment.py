"""The public case page says "Everyone is presumed innocent until a court convicts them
in a final judgment" while that holds: before the verdict, after a verdict that can
still be appealed, and during the appeal. After a final conviction it is gone (QA found
it printed beside the full name of a man convicted in a final judgment); after a final
acquittal the page says so plainly. Where the record cannot tell what the final
judgment decided, it claims neither."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from expediente.docket.errors import InvalidInput
from expediente.portal.public.finality import effective, finality_from
from tests.portal.conftest import text_of
from tests.privacy.conftest import START

DAY = dt.timedelta(days=1)

pytestmark = pytest.mark.django_db

PRESUMED = "Everyone is presumed innocent until a court convicts them in a final judgment."
ACQUITTED = "The court acquitted in a final judgment: no one was convicted in this case."


def page(case) -> str:
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(
        "/public/", {"court": case.court.code, "number": case.number}
    )
    assert response.status_code == 200
    return text_of(response.content.decode())


def test_before_a_verdict_everyone_is_presumed_innocent(cases):
    text = page(cases["charged"])
    assert PRESUMED in text
    assert ACQUITTED not in text


def test_a_conviction_that_can_still_be_appealed_keeps_the_presumption(cases):
    text = page(cases["convicted"])
    assert "Aurelio ReoConvicted" in text
    assert PRESUMED in text


def test_during_the_appeal_the_presumption_still_holds(cases, record):
    case = cases["convicted"]
    record(case, "appeal.filed", {"appellant": "P1"})
    assert PRESUMED in page(case)


def test_after_a_final_conviction_the_notice_is_gone(cases, record):
    case = cases["convicted"]
    record(case, "appeal.filed", {"appellant": "P1"})
    record(case, "appeal.decided", {"outcome": "upheld"})
    record(case, "judgment.final", {})
    text = page(case)
    assert "Aurelio ReoConvicted" in text
    assert "presumed innocent" not in text
    assert ACQUITTED not in text
    assert "The judgment is final" in text  # the stage says where the case stands


def test_after_a_final_acquittal_the_page_says_so(cases, record):
    case = cases["acquitted"]
    record(case, "judgment.final", {})
    text = page(case)
    assert ACQUITTED in text
    assert "presumed innocent" not in text
    record(case, "case.closed", {"reason": "acquittal_final"})
    assert ACQUITTED in page(case)


def test_after_an_appeal_that_overturned_the_verdict_the_page_waits_for_the_appeals_verdict(
    cases, record
):
    """The appeal says neither for whom nor which way: the judgment cannot be made final
    on the overturned verdict (docket/appeal_verdicts.py), and once the appeal court's
    acquittal is recorded and the judgment is final, the page says so."""
    case = cases["convicted"]
    later = START + dt.timedelta(days=10)
    record(case, "appeal.filed", {"appellant": "P1"}, occurred_at=later)
    record(case, "appeal.decided", {"outcome": "overturned"}, occurred_at=later + DAY)
    assert PRESUMED in page(case)  # not final yet
    with pytest.raises(InvalidInput):
        record(case, "judgment.final", {}, occurred_at=later + 2 * DAY)
    assert PRESUMED in page(case)
    record(case, V, {"accused": P, "outcome": "acquitted"}, occurred_at=later + 2 * DAY)
    record(case, "judgment.final", {}, occurred_at=later + 3 * DAY)
    text = page(case)
    assert "presumed innocent" not in text
    assert ACQUITTED in text


def test_the_spanish_page_follows_the_same_rule(cases, record):
    case = cases["convicted"]
    record(case, "judgment.final", {})
    response = Client(HTTP_ACCEPT_LANGUAGE="es").get(
        "/public/", {"court": case.court.code, "number": case.number}
    )
    assert "inocente" not in text_of(response.content.decode()).lower()


V, A, P = "verdict.delivered", "appeal.decided", "P1"
CLOSED_ACQUITTED = ("case.closed", {"reason": "acquittal_final"})
CONVICTED = (V, {"accused": P, "outcome": "convicted"})
ACCUSED_1 = ("participant.added", {"role": "accused", "participant": "P1"})
ACCUSED_2 = ("participant.added", {"role": "accused", "participant": "P2"})


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ([], "open"),
        ([(V, {"accused": P, "outcome": "convicted"})], "open"),
        ([(V, {"accused": P, "outcome": "convicted"}), ("judgment.final", {})], "convicted"),
        ([(V, {"accused": P, "outcome": "partly_convicted"}), ("judgment.final", {})], "convicted"),
        ([(V, {"accused": P, "outcome": "acquitted"}), ("judgment.final", {})], "acquitted"),
        # two accused: one convicted, one acquitted, final: a conviction stands
        (
            [
                (V, {"accused": "P1", "outcome": "acquitted"}),
                (V, {"accused": "P2", "outcome": "convicted"}),
                ("judgment.final", {}),
            ],
            "convicted",
        ),
        ([(V, {"accused": P, "outcome": "convicted"}), (A, {"outcome": "dismissed"})], "open"),
        (
            [CONVICTED, (A, {"outcome": "modified"}), ("judgment.final", {})],
            "unclear",
        ),
        # an overturned conviction, then the case closed for a final acquittal
        (
            [CONVICTED, (A, {"outcome": "overturned"}), CLOSED_ACQUITTED],
            "acquitted",
        ),
        # a retrial starts over: no verdict stands, the presumption is back
        (
            [CONVICTED, (A, {"outcome": "retrial_ordered"}), ("retrial.ordered", {})],
            "open",
        ),
        ([("judgment.final", {}), ("case.reopened", {"reason": "revisión"})], "open"),
        ([("judgment.final", {})], "unclear"),
        # two accused, one acquitted and the other never judged: the judgment acquitted
        # one of them, so "no one was convicted in this case" would not be true
        (
            [
                ACCUSED_1,
                ACCUSED_2,
                (V, {"accused": "P1", "outcome": "acquitted"}),
                ("judgment.final", {}),
            ],
            "unclear",
        ),
        (
            [
                ACCUSED_1,
                ACCUSED_2,
                (V, {"accused": "P1", "outcome": "acquitted"}),
                (V, {"accused": "P2", "outcome": "acquitted"}),
                ("judgment.final", {}),
            ],
            "acquitted",
        ),
    ],
)
def test_finality_is_read_from_the_record(events, expected):
    assert finality_from(events) == expected


def test_a_corrected_verdict_speaks_as_corrected():
    """A conviction entered by mistake and corrected to an acquittal is an acquittal; a
    correction of a correction counts as the last one."""
    rows = [
        (1, None, "participant.added", {"role": "accused", "participant": "P1"}),
        (2, None, V, {"accused": "P1", "outcome": "convicted"}),
        (3, 2, V, {"accused": "P1", "outcome": "partly_convicted"}),
        (4, 3, V, {"accused": "P1", "outcome": "acquitted"}),
        (5, None, "judgment.final", {}),
    ]
    assert finality_from(effective(rows)) == "acquitted"
    assert finality_from(effective(rows[:3] + rows[4:])) == "convicted"


def test_a_final_acquittal_is_not_a_judgment_being_carried_out(cases, record, clerk):
    """QA read "Enforcement: the judgment is final and is being carried out" beside "the
    court acquitted" on the public page: the stage ``judgment.final`` leads to says that
    a sentence is served. After a final acquittal every page says the acquittal instead;
    after a final conviction the stage's own words stay."""
    from expediente.court.pages.case_page import case_page
    from expediente.portal.case_view import participant_case

    acquitted, convicted = cases["acquitted"], cases["convicted"]
    record(acquitted, "judgment.final", {})
    record(convicted, "judgment.final", {})
    now = dt.datetime.now(dt.UTC)
    text = page(acquitted)
    assert "Final judgment: acquittal" in text
    assert "nothing is to be carried out in this case" in text
    assert "being carried out" not in text
    staff = case_page(nuid=acquitted.nuid, actor=clerk, now=now)
    assert (staff.stage, "being carried out" in staff.stage_explain) == (
        "Final judgment: acquittal",
        False,
    )
    accused = participant_case(case=acquitted, participant="P1", now=now)
    assert accused.stage == "Final judgment: acquittal"
    assert "being carried out" not in accused.stage_means
    assert "sentence" not in accused.stage_next  # not "the court will follow the sentence"
    # a final conviction keeps the stage's own words
    assert "being carried out" in page(convicted)
    assert case_page(nuid=convicted.nuid, actor=clerk, now=now).stage == "Enforcement"
