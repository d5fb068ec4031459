"""The tests' forger switches the append-only triggers back on when done."""

import pytest
from django.db import DatabaseError, transaction

from expediente.docket.models import Event


def test_after_tampering_updates_and_deletes_are_refused_again(docket, tamper):
    case, _ = docket
    with tamper():
        Event.objects.filter(case=case, seq=5).update(actor_label="forger")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Event.objects.filter(case=case, seq=5).update(actor_label="second forger")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Event.objects.filter(case=case, seq=5).delete()
    assert Event.objects.get(case=case, seq=5).actor_label == "forger"
