"""``expediente rebuild --check`` names what differs: the projection, the row's natural
key, and each differing column with its live and its rebuilt value, one per line; a
projection that gives no column names is read by position, and the line says so. It
still exits non-zero and changes nothing."""

from __future__ import annotations

import io
from collections.abc import Hashable
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from expediente.custody.models import CustodyPeriod
from expediente.docket import projection
from expediente.docket.models import Case, Charge, Person
from expediente.docket.rebuild import Difference


def check() -> tuple[list[str], str]:
    """(the lines --check wrote to stderr, the error it exits with)."""
    err = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("rebuild", "--check", stdout=io.StringIO(), stderr=err)
    return err.getvalue().splitlines(), str(refused.value)


def test_a_tampered_stage_is_named_with_both_values(accused_case):
    stage = accused_case.stage
    assert stage != "trial"
    Case.objects.filter(pk=accused_case.pk).update(stage="trial")
    lines, error = check()
    assert lines == [f"case {accused_case.nuid}: stage live 'trial', rebuilt {stage!r}"]
    assert error == "1 projection row(s) differ from a rebuild of 4 events"
    assert Case.objects.get(pk=accused_case.pk).stage == "trial"  # nothing changed


def test_each_differing_column_has_a_line_of_its_own(accused_case):
    person = Person.objects.get(participations__case=accused_case, given_names="José")
    Person.objects.filter(pk=person.pk).update(given_names="Otro", sex="female")
    lines, error = check()
    assert lines == [
        f"person {person.uid}: given_names live 'Otro', rebuilt 'José'",
        f"person {person.uid}: sex live 'female', rebuilt 'male'",
    ]
    assert error.startswith("1 projection row(s) differ")


def test_a_row_missing_from_the_live_projection_is_named_by_its_key(accused_case):
    Charge.objects.all().delete()
    lines, _ = check()
    assert len(lines) == 1
    assert lines[0].startswith(
        f"charge {accused_case.nuid}, C1: missing from the live projection, a rebuild has it "
        "(accused__uid 'P1', offence_code 'CP-208', "
    )


def test_a_projectors_row_is_named_by_its_kind_key_and_column(accused_case, record):
    record(accused_case, "custody.arrested", {"person": "P1"})
    period = CustodyPeriod.objects.get(case=accused_case)
    CustodyPeriod.objects.filter(pk=period.pk).update(facility="Somewhere else")
    lines, _ = check()
    assert lines == [
        f"custody period {accused_case.nuid}, P1, {period.start_seq}: "
        f"facility live 'Somewhere else', rebuilt {period.facility!r}"
    ]


class Unnamed:
    """A projector whose snapshot gives no column names, and changes in a rebuild."""

    name = "unnamed"
    handles = frozenset()

    def __init__(self, rows: int = 1) -> None:
        self.rows = rows
        self.taken = 0

    def check(self, *args: Any, **kwargs: Any) -> None:
        return None

    def apply(self, *args: Any) -> None:
        return None

    def reset(self) -> None:
        return None

    def snapshot(self) -> dict[Hashable, tuple[Any, ...]]:
        self.taken += 1
        return {("row", n): ("same", self.taken) for n in range(self.rows)}


def test_a_projection_without_column_names_is_read_by_position(accused_case, monkeypatch):
    monkeypatch.setitem(projection._PROJECTORS, "unnamed", Unnamed())
    lines, _ = check()
    assert lines == [
        "unnamed row, 0: value 2 (the unnamed projection gives no column names for this "
        "row) live 1, rebuilt 2"
    ]


def test_past_fifty_rows_the_rest_are_counted(accused_case, monkeypatch):
    monkeypatch.setitem(projection._PROJECTORS, "unnamed", Unnamed(rows=53))
    lines, error = check()
    assert len(lines) == 51
    assert lines[-1] == "… and 3 more row(s) not shown"
    assert error.startswith("53 projection row(s) differ")


def test_a_row_only_one_side_has_is_read_by_position_when_unnamed():
    only_live = Difference("unnamed", ("a", 1), ("x", None), None)
    assert str(only_live) == (
        "unnamed a, 1: only in the live projection, a rebuild has no such row (by position, "
        "the unnamed projection gives no column names: 1: 'x', 2: None)"
    )
