import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from expediente.docket.models import Case, Charge, Participation, Person
from expediente.docket.rebuild import rebuild, snapshot


def test_a_rebuild_gives_exactly_the_live_state(accused_case, record):
    record(accused_case, "indictment.filed", {"accused": "P1"})
    before = snapshot()
    result = rebuild()
    assert result.events == 5
    assert snapshot() == before


def test_check_reports_nothing_when_projections_match(accused_case):
    assert rebuild(check=True).differences == []


def test_check_finds_a_projection_that_drifted_and_leaves_it(accused_case):
    Case.objects.filter(pk=accused_case.pk).update(stage="trial")
    Person.objects.update(given_names="Otro")
    result = rebuild(check=True)
    tables = {d.table for d in result.differences}
    assert tables == {"case", "person"}
    assert Case.objects.get(pk=accused_case.pk).stage == "trial"  # check changed nothing


def test_rebuild_repairs_a_drifted_projection(accused_case):
    Charge.objects.all().delete()
    Participation.objects.filter(uid="P2").delete()
    rebuild()
    assert Charge.objects.count() == 1
    assert Participation.objects.filter(case=accused_case).count() == 2


def test_the_command_exits_non_zero_on_a_difference(accused_case, capsys):
    call_command("rebuild", "--check")
    Case.objects.filter(pk=accused_case.pk).update(police_report="changed behind our back")
    with pytest.raises(CommandError, match="1 projection row"):
        call_command("rebuild", "--check")
