"""A participation keeps the number of the entry it was first recorded under
(``Participation.added_seq``), however often its entry is corrected: the projection kept
the first correction's number when a correction was itself corrected, so the people were
listed out of their order and the analytical extract lost that accused's
``participant.added`` row. A database projected before is repaired by its migration, as a
rebuild gives it."""

from __future__ import annotations

from importlib import import_module

from django.apps import apps

from expediente.docket.models import Participation
from expediente.docket.rebuild import rebuild

FIXED = {
    "role": "accused",
    "person": {"given_names": "José", "family_names": "Pérez Mora", "id_number": "1-0234-0568"},
}


def _corrected_twice(case, record) -> Participation:  # type: ignore[no-untyped-def]
    record(case, "participant.added", FIXED, corrects_seq=2)  # #5 corrects #2
    again = dict(FIXED, person=dict(FIXED["person"], id_number="1-0234-0569"))
    record(case, "participant.added", again, corrects_seq=5)  # #6 corrects #5
    return Participation.objects.get(case=case, uid="P1")


def test_a_participant_corrected_twice_keeps_its_first_entry_number(accused_case, record):
    assert _corrected_twice(accused_case, record).added_seq == 2
    assert rebuild(check=True).differences == []


def test_the_migration_repairs_a_participation_projected_under_its_first_correction(
    accused_case, record
):
    p = _corrected_twice(accused_case, record)
    Participation.objects.filter(pk=p.pk).update(added_seq=5)  # as projected before
    assert rebuild(check=True).differences
    module = import_module(
        "expediente.docket.migrations.0016_participation_added_seq_is_the_first_entry"
    )
    module.first_entries(apps, None)
    assert Participation.objects.get(pk=p.pk).added_seq == 2
    assert rebuild(check=True).differences == []
