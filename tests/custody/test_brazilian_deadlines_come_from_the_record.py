"""In a Brazilian court, the deadlines of the Brazilian pack are computed from what is
recorded: both custody-hearing clocks (from the arrest and from the notice of the
flagrant arrest), and for an adolescent the ECA limits, including the compulsory
release at 21, counted from the date of birth given when the person was added."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from expediente.docket.models import Court, Jurisdiction
from expediente.docket.services import case_open
from tests.conftest import NOW
from tests.custody.conftest import deadlines_of, periods_of

SP = ZoneInfo("America/Sao_Paulo")
TEEN = {"given_names": "Lucas", "family_names": "Souza", "sex": "male"}


def sp(days, hour=10, minute=0):
    """``days`` before NOW, at that time in Brasília."""
    day = (NOW - dt.timedelta(days=days)).astimezone(SP).date()
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=SP)


@pytest.fixture
def br_court(db):
    country = Jurisdiction.objects.create(code="br", name="Brasil", rule_pack="br")
    return Court.objects.create(
        jurisdiction=country,
        code="sp-criminal",
        name="Vara Criminal de São Paulo",
        office_code="26.0050",
        timezone="America/Sao_Paulo",
        rule_pack="br",
    )


def open_br(court, clerk, record, procedure, person):
    case = case_open(court=court, actor=clerk, procedure=procedure, occurred_at=sp(1000)).event.case
    record(case, "participant.added", {"role": "accused", "person": person}, occurred_at=sp(999))
    return case


def test_an_adult_has_both_custody_hearing_clocks(br_court, clerk, record):
    case = open_br(br_court, clerk, record, "adult", TEEN)
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=sp(2, 22, 30))
    record(case, "custody.flagrant_notified", {"person": "P1"}, occurred_at=sp(1, 3, 10))
    rules = {d.rule_id: d.due_at for d in deadlines_of(case)}
    assert rules == {
        "br.custody_hearing.from_arrest": sp(1, 22, 30),
        "br.custody_hearing.from_notice": sp(0, 3, 10),
    }


def test_an_interned_adolescent_must_be_released_on_their_21st_birthday(br_court, clerk, record):
    born = dt.date(2005, 6, 15)
    case = open_br(br_court, clerk, record, "juvenile", TEEN | {"date_of_birth": born.isoformat()})
    record(case, "indictment.filed", {"accused": "P1"}, occurred_at=sp(500))
    record(case, "trial.committed", {}, occurred_at=sp(499))
    verdict = {"accused": "P1", "outcome": "convicted", "custodial": True}
    record(case, "verdict.delivered", verdict, occurred_at=sp(400))
    start = record(case, "custody.sentence_started", {"person": "P1"}, occurred_at=sp(399))
    [release] = deadlines_of(case, "br.eca.compulsory_release_at_21")
    assert release.due_on == dt.date(2026, 6, 14)
    assert release.effect == "legal_consequence"
    assert release.detail["born"] == "2005-06-15"
    assert "born 15 June 2005" in release.explain("en")
    [maximum] = deadlines_of(case, "br.eca.internment_maximum")
    assert maximum.due_on == sp(399).date().replace(year=sp(399).year + 3)
    assert [p[0] for p in periods_of(case)] == ["sentenced_appeal"]
    assert start.event.seq in [p[3] for p in periods_of(case)]


def test_without_a_date_of_birth_there_is_no_age_limit(br_court, clerk, record):
    case = open_br(br_court, clerk, record, "juvenile", TEEN)
    record(case, "indictment.filed", {"accused": "P1"}, occurred_at=sp(500))
    record(case, "trial.committed", {}, occurred_at=sp(499))
    verdict = {"accused": "P1", "outcome": "convicted", "custodial": True}
    record(case, "verdict.delivered", verdict, occurred_at=sp(400))
    record(case, "custody.sentence_started", {"person": "P1"}, occurred_at=sp(399))
    assert deadlines_of(case, "br.eca.compulsory_release_at_21") == []
    assert len(deadlines_of(case, "br.eca.internment_maximum")) == 1
