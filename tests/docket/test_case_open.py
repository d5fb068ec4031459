import datetime as dt

import pytest

from expediente.docket.errors import InvalidInput, PermissionDenied
from expediente.docket.models import Case, Event
from expediente.docket.services import case_open
from tests.conftest import NOW


def test_it_opens_a_case_with_a_national_number_and_a_first_event(court, clerk):
    recorded = case_open(
        court=court, actor=clerk, procedure="adult", occurred_at=NOW, police_report="OIJ-2026-123"
    )
    case = recorded.event.case
    assert recorded.created
    assert case.nuid == "26-000001-0042-PE"
    assert case.number == case.nuid
    assert case.stage == "investigation"
    assert case.confidentiality == "public"
    assert case.last_seq == 1
    event = Event.objects.get(case=case)
    assert event.type == "case.opened"
    assert event.payload["police_report"] == "OIJ-2026-123"
    assert case.head_hash == event.hash


def test_costa_rican_courts_use_the_national_number_as_the_court_number(court, other_court, clerk):
    a = case_open(court=court, actor=clerk, procedure="adult", occurred_at=NOW).event.case
    b = case_open(court=court, actor=clerk, procedure="adult", occurred_at=NOW).event.case
    c = case_open(court=other_court, actor=clerk, procedure="adult", occurred_at=NOW).event.case
    assert [a.nuid, b.nuid, c.nuid] == [
        "26-000001-0042-PE",
        "26-000002-0042-PE",
        "26-000003-0345-PE",
    ]
    assert [a.number, b.number, c.number] == [a.nuid, b.nuid, c.nuid]


def test_a_pack_with_its_own_court_numbers_counts_per_court(jurisdiction, clerk):
    from expediente.docket.models import Court

    courts = [
        Court.objects.create(
            jurisdiction=jurisdiction,
            code=f"intl-{n}",
            name=f"Court {n}",
            office_code=f"000{n}",
            timezone="UTC",
            rule_pack="intl",
        )
        for n in (1, 2)
    ]
    numbers = [
        case_open(court=c, actor=clerk, procedure="adult", occurred_at=NOW).event.case.number
        for c in (courts[0], courts[0], courts[1])
    ]
    assert numbers == ["2026-000001", "2026-000002", "2026-000001"]


def test_the_year_in_the_number_is_the_courts_local_year(court, clerk):
    # 1 January 2026 03:00 UTC is still 31 December 2025 in Costa Rica (UTC-6).
    case = case_open(
        court=court,
        actor=clerk,
        procedure="adult",
        occurred_at=dt.datetime(2026, 1, 1, 3, tzinfo=dt.UTC),
    ).event.case
    assert case.nuid.startswith("25-")


def test_juvenile_cases_are_restricted_by_default(court, clerk):
    case = case_open(court=court, actor=clerk, procedure="juvenile", occurred_at=NOW).event.case
    assert case.procedure == "juvenile"
    assert case.confidentiality == "restricted"


def test_it_refuses_a_number_already_used_in_the_court(court, clerk):
    case_open(court=court, actor=clerk, procedure="adult", occurred_at=NOW, number="X-1")
    with pytest.raises(InvalidInput) as exc:
        case_open(court=court, actor=clerk, procedure="adult", occurred_at=NOW, number="X-1")
    assert exc.value.errors[0]["field"] == "number"
    assert Case.objects.count() == 1


def test_it_refuses_an_opening_date_in_the_future(court, clerk):
    with pytest.raises(InvalidInput) as exc:
        case_open(
            court=court,
            actor=clerk,
            procedure="adult",
            occurred_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=2),
        )
    assert exc.value.errors[0]["field"] == "occurred_at"
    assert Case.objects.count() == 0


def test_it_refuses_a_naive_datetime(court, clerk):
    with pytest.raises(InvalidInput, match="without its UTC offset"):
        case_open(
            court=court, actor=clerk, procedure="adult", occurred_at=dt.datetime(2026, 1, 1, 12)
        )


def test_it_refuses_an_unknown_procedure(court, clerk):
    with pytest.raises(InvalidInput) as exc:
        case_open(court=court, actor=clerk, procedure="military", occurred_at=NOW)
    assert exc.value.errors[0]["field"] == "procedure"


def test_a_reader_cannot_open_cases(court, reader):
    with pytest.raises(PermissionDenied):
        case_open(court=court, actor=reader, procedure="adult", occurred_at=NOW)
    assert Case.objects.count() == 0


def test_a_token_for_another_court_cannot_open_cases_here(court, outsider):
    with pytest.raises(PermissionDenied):
        case_open(court=court, actor=outsider, procedure="adult", occurred_at=NOW)


def test_a_court_refuses_a_procedure_it_does_not_hear_and_counts_nothing(court, clerk):
    from expediente.docket.models import CaseCounter

    court.procedures = ["juvenile"]
    court.save()
    with pytest.raises(InvalidInput) as refused:
        case_open(court=court, actor=clerk, procedure="adult", occurred_at=NOW)
    assert refused.value.errors == [
        {
            "field": "procedure",
            "message": "'adult' is not heard in this court: one of ['juvenile']",
        }
    ]
    assert refused.value.message == (
        "procedure: Juzgado Penal de San José does not hear “Adult” cases (it hears: “Juvenile”)"
    )
    assert not Case.objects.exists()
    assert not CaseCounter.objects.exists()
    assert case_open(court=court, actor=clerk, procedure="juvenile", occurred_at=NOW).created


def test_a_court_s_procedures_must_be_known_ones(court):
    from django.core.exceptions import ValidationError

    court.procedures = ["juvnile"]
    with pytest.raises(ValidationError) as refused:
        court.full_clean()
    assert "procedures" in refused.value.message_dict
