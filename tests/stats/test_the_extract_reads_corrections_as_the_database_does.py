"""A correction counts by the moment it gives the entry, in the database and in the
extract alike: a charge or an indictment corrected to a date after the extract's end is
not in it (neither its old date nor its old offence), one corrected from after the end
to before it is. A charge whose correction was itself corrected keeps the number it was
first recorded under (``Charge.filed_seq``), so among charges filed at one moment it is
still the first; a database projected before this is repaired by its migrations, as a
rebuild would give it."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps

from expediente.docket.models import Charge, Court, Event
from expediente.docket.rebuild import rebuild
from expediente.stats.compute import indicator_compute
from tests.stats.conftest import demo_scope
from tests.stats.test_the_extract_ranks_each_person_as_the_database_does import (
    CODE,
    _accused,
    _both,
    _case,
    a_court,
    local,
)


@pytest.fixture
def court(demo) -> Court:  # type: ignore[no-untyped-def]
    return a_court()


HOMICIDE = ("01", "male", "adult", "unknown")
HARM = ("02", "male", "adult", "unknown")


def test_a_charge_corrected_to_after_the_extract_s_end_is_not_the_first_charge(
    court: Court, tmp_path: Path
) -> None:
    a = _accused(1, "CP-111", None, local("2024-05-10", 9))
    a["charges"] = [("CP-111", local("2024-03-01", 9)), ("CP-123", local("2024-03-10", 9))]
    # the homicide charge was in fact filed long after: bodily harm is the first charge
    a["moved"] = [("charge.filed", "CP-111", local("2025-08-01", 9))]
    _case(court, [a])
    database, duck = _both(tmp_path / "extract.parquet")
    assert duck == database
    assert database["indicted"] == {HARM: 1}


def test_an_indictment_corrected_to_after_the_extract_s_end_is_not_in_the_year(
    court: Court, tmp_path: Path
) -> None:
    corrected = _accused(1, "CP-111", None, local("2024-05-10", 9))
    corrected["moved"] = [("indictment.filed", "CP-111", local("2025-08-01", 9))]
    _case(court, [corrected])
    # the same person indicted that afternoon in another case, for bodily harm
    _case(court, [_accused(1, "CP-123", None, local("2024-05-10", 16))])
    database, duck = _both(tmp_path / "extract.parquet")
    assert duck == database
    assert database["indicted"] == {HARM: 1}


def test_an_indictment_corrected_from_after_the_year_into_it_counts(
    court: Court, tmp_path: Path
) -> None:
    corrected = _accused(1, "CP-111", None, local("2025-08-01", 9))
    corrected["moved"] = [("indictment.filed", "CP-111", local("2024-05-10", 9))]
    _case(court, [corrected])
    database, duck = _both(tmp_path / "extract.parquet")
    assert duck == database
    assert database["indicted"] == {HOMICIDE: 1}


def _corrected_twice(court: Court) -> Charge:
    """Homicide and bodily harm charged at one moment, homicide recorded first; its
    entry corrected to an hour later, then back."""
    a = _accused(1, "CP-111", None, local("2024-05-10", 9))
    a["charges"] = [("CP-111", local("2024-03-01", 9)), ("CP-123", local("2024-03-01", 9))]
    a["moved"] = [
        ("charge.filed", "CP-111", local("2024-03-01", 10)),
        ("charge.filed", "CP-111", local("2024-03-01", 9)),
    ]
    case = _case(court, [a])
    return Charge.objects.get(case=case, offence_code="CP-111")


def test_a_charge_corrected_twice_keeps_the_number_it_was_first_recorded_under(
    court: Court, tmp_path: Path
) -> None:
    homicide = _corrected_twice(court)
    first = Event.objects.filter(case=homicide.case, type="charge.filed").order_by("seq")[0]
    assert homicide.filed_seq == first.seq
    database, duck = _both(tmp_path / "extract.parquet")
    assert duck == database
    assert database["indicted"] == {HOMICIDE: 1}


def test_the_migrations_repair_a_charge_projected_under_its_first_correction(
    court: Court,
) -> None:
    homicide = _corrected_twice(court)
    scope = demo_scope("2024-01-01", "2024-12-31", [CODE])
    right = homicide.filed_seq
    stale = Event.objects.get(case=homicide.case, seq__gt=right, corrects_seq=right).seq
    # as the projection stored it before, and the statistics read it
    Charge.objects.filter(pk=homicide.pk).update(filed_seq=stale)
    first_charges = import_module(
        "expediente.stats.migrations.0009_first_charge_by_the_first_entry"
    )
    first_charges.first_charges(apps, None)
    assert indicator_compute("indicted", scope) == {HARM: 1}
    assert rebuild(check=True).differences

    first_entries = import_module(
        "expediente.docket.migrations.0015_charge_filed_seq_is_the_first_entry"
    )
    first_entries.first_entries(apps, None)
    first_charges.first_charges(apps, None)
    assert Charge.objects.get(pk=homicide.pk).filed_seq == right
    assert indicator_compute("indicted", scope) == {HOMICIDE: 1}
    assert rebuild(check=True).differences == []
