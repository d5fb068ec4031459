"""The log's tables refuse UPDATE and DELETE in the database itself, on SQLite and
PostgreSQL alike, as the event log does: a leaf, a subtree or a checkpoint cannot be
changed or taken out through the application or a stray SQL statement."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction

from expediente.integrity.models import Checkpoint, Leaf, Node


@pytest.mark.parametrize("model", [Leaf, Node, Checkpoint])
def test_rows_of_the_log_cannot_be_changed_or_deleted(docket, checkpoint, model):
    checkpoint()
    row = model.objects.first()
    assert row is not None
    change = {"note": "forged"} if model is Checkpoint else {"hash": bytes(32)}
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        model.objects.filter(pk=row.pk).update(**change)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        model.objects.filter(pk=row.pk).delete()
