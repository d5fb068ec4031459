"""In a Chilean court, the deadlines of the Chilean pack are computed from what is
recorded: 24 hours to bring an arrested adult before the judge (CPP art. 131), counted
every hour of every day (art. 14: a holiday Sunday counts), replacing the baseline's 48;
the ex officio review hearing of preventive detention every 6 months from the order or
the last review (art. 145); and for an adolescent the 24 hours of Ley 20.084 art. 31,
which replace the baseline's juvenile benchmark in juvenile cases only."""

import datetime as dt
from zoneinfo import ZoneInfo

import holidays
import pytest

from expediente.docket.models import Court, Jurisdiction
from expediente.docket.services import case_open
from tests.custody.conftest import deadlines_of

SCL = ZoneInfo("America/Santiago")
PERSON = {"given_names": "Camila", "family_names": "Rojas", "sex": "female"}


def scl(year, month, day, hour=10, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=SCL)


@pytest.fixture
def cl_court(db):
    country = Jurisdiction.objects.create(code="cl", name="Chile", rule_pack="cl")
    return Court.objects.create(
        jurisdiction=country,
        code="stgo-garantia",
        name="Juzgado de Garantía de Santiago",
        office_code="0007",
        timezone="America/Santiago",
        rule_pack="cl",
    )


def open_cl(court, clerk, record, procedure="adult"):
    opened = scl(2025, 9, 1)
    case = case_open(court=court, actor=clerk, procedure=procedure, occurred_at=opened).event.case
    added = opened + dt.timedelta(minutes=5)
    record(case, "participant.added", {"role": "accused", "person": PERSON}, occurred_at=added)
    return case


def test_an_adult_arrested_late_on_saturday_is_due_before_the_judge_on_the_holiday_sunday(
    cl_court, clerk, record
):
    # Sunday 12 October 2025 is a public holiday in Chile; every hour counts (art. 14)
    assert dt.date(2025, 10, 12) in holidays.country_holidays("CL", years=2025)
    case = open_cl(cl_court, clerk, record)
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=scl(2025, 10, 11, 23))
    [due] = deadlines_of(case)
    assert due.rule_id == "cl.presentation_to_judge"
    assert due.due_at == scl(2025, 10, 12, 23)
    assert due.law == {"text": "Código Procesal Penal (Ley 19.696)", "article": "131", "flag": "V"}
    assert "Código Procesal Penal (Ley 19.696) art. 131, 24 hours" in due.explanation["en"]


def test_the_baseline_48_hours_do_not_apply_in_a_chilean_court(cl_court, clerk, record):
    case = open_cl(cl_court, clerk, record)
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=scl(2025, 10, 1, 9))
    rules = {d.rule_id for d in deadlines_of(case)}
    assert rules == {"cl.presentation_to_judge"}
    assert deadlines_of(case, "intl.presentation_to_judge.adult") == []


def test_the_appearance_meets_the_24_hours_and_an_order_alone_does_not(
    cl_court, clerk, record, custody
):
    heard = open_cl(cl_court, clerk, record)
    custody(heard, "arrested", scl(2025, 10, 1, 9))
    custody(heard, "hearing_held", scl(2025, 10, 2, 8))
    [met] = deadlines_of(heard, "cl.presentation_to_judge")
    assert (met.open, met.satisfied_at) == (False, scl(2025, 10, 2, 8))

    ordered = open_cl(cl_court, clerk, record)
    custody(ordered, "arrested", scl(2025, 10, 1, 9))
    custody(ordered, "pretrial_ordered", scl(2025, 10, 2, 8))
    [still] = deadlines_of(ordered, "cl.presentation_to_judge")
    assert still.open
    assert still.satisfied_at is None


def test_the_six_month_review_recurs_from_the_order_and_restarts_from_a_later_review(
    cl_court, clerk, record, custody
):
    case = open_cl(cl_court, clerk, record)
    custody(case, "arrested", scl(2025, 9, 10, 9))
    custody(case, "hearing_held", scl(2025, 9, 10, 20))
    custody(case, "pretrial_ordered", scl(2025, 9, 10, 21))
    [first] = deadlines_of(case, "cl.preventive_detention_review")
    assert first.due_on == dt.date(2026, 3, 10)  # 6 months from the order
    assert first.open
    cpp = "Código Procesal Penal (Ley 19.696)"
    assert first.law == {"text": cpp, "article": "145", "flag": "V"}

    # a review decided on paper is no hearing: still due
    custody(case, "pretrial_reviewed", scl(2025, 10, 20, 11), hearing=False)
    [still] = deadlines_of(case, "cl.preventive_detention_review")
    assert still.open
    assert still.due_on == dt.date(2026, 3, 10)

    # a hearing that debated the detention before the 6 months: the next count runs from it
    custody(case, "pretrial_reviewed", scl(2025, 11, 20, 11), hearing=True)
    first, second = deadlines_of(case, "cl.preventive_detention_review")
    assert (first.open, first.satisfied_at) == (False, scl(2025, 11, 20, 11))
    assert second.open
    assert second.due_on == dt.date(2026, 5, 20)
    assert "every 6 months from the last" in second.explanation["en"]


def test_the_review_ends_with_the_release(cl_court, clerk, record, custody):
    case = open_cl(cl_court, clerk, record)
    custody(case, "arrested", scl(2025, 9, 10, 9))
    custody(case, "pretrial_ordered", scl(2025, 9, 10, 21))
    custody(case, "released", scl(2025, 10, 15, 12))
    [review] = deadlines_of(case, "cl.preventive_detention_review")
    assert not review.open
    assert review.stopped_at == scl(2025, 10, 15, 12)


def test_the_juvenile_24_hours_replace_the_baseline_in_juvenile_cases_only(cl_court, clerk, record):
    young = open_cl(cl_court, clerk, record, procedure="juvenile")
    flagrant = {"person": "P1", "flagrante": True}
    record(young, "custody.arrested", flagrant, occurred_at=scl(2025, 10, 11, 23))
    [due] = deadlines_of(young)
    assert due.rule_id == "cl.juvenile.presentation_to_judge"
    assert due.due_at == scl(2025, 10, 12, 23)
    assert due.law == {
        "text": "Ley 20.084 (Responsabilidad Penal Adolescente)",
        "article": "31",
        "flag": "V",
    }
    assert "guardian" in due.alert_roles

    adult = open_cl(cl_court, clerk, record)
    record(adult, "custody.arrested", flagrant, occurred_at=scl(2025, 10, 11, 23))
    assert {d.rule_id for d in deadlines_of(adult)} == {"cl.presentation_to_judge"}


def test_a_petitions_decision_on_paper_keeping_the_detention_does_not_replace_the_hearing(
    cl_court, clerk, record, custody
):
    """A decision on a review petition that maintains the detention, taken on paper,
    brings a review entry (petitions/detention.py) held in no hearing: art. 145's
    hearing stays due."""
    from expediente.petitions.services import petition_decide, petition_file

    case = open_cl(cl_court, clerk, record)
    custody(case, "arrested", scl(2025, 9, 10, 9))
    custody(case, "hearing_held", scl(2025, 9, 10, 20))
    custody(case, "pretrial_ordered", scl(2025, 9, 10, 21))
    filed = petition_file(
        case=case,
        actor=clerk,
        occurred_at=scl(2025, 12, 1, 9),
        petitioner="P1",
        kind="detention_review",
        text="Pido que se revise la prisión preventiva.",
        filed_via="clerk",
        received_from="Camila Rojas, hermana",
    )
    petition_decide(
        case=case,
        petition=filed.event.seq,
        outcome="denied",
        reasons="Subsisten los antecedentes.",
        actor=clerk,
        detention="maintained",
        person="P1",
        in_hearing=False,
        occurred_at=scl(2025, 12, 2, 9),
    )
    [review] = deadlines_of(case, "cl.preventive_detention_review")
    assert review.open
    assert review.due_on == dt.date(2026, 3, 10)  # still 6 months from the order
