"""Is anyone in a case in custody? A stopgap read of the event log.

A person is taken to be in custody when the case has a ``custody.arrested`` or
``custody.pretrial_ordered`` event for them with no later ``custody.released`` for the
same person. The detention-clock issue replaces this with a custody projection (periods
per person, kept in the same transaction as the append): switch ``in_custody_q`` to it
then. Until then the filter is a correlated subquery on the events of each case, found
through the ``event_seq_per_case`` index (case_id, seq).
"""

from __future__ import annotations

from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from expediente.docket.models import Event

DETAINED_BY = ("custody.arrested", "custody.pretrial_ordered")
RELEASED_BY = "custody.released"


def in_custody_q() -> Q:
    """Cases with someone arrested or ordered detained and not released since."""
    released_later = (
        Event.objects.filter(case_id=OuterRef("case_id"), type=RELEASED_BY, seq__gt=OuterRef("seq"))
        .annotate(person=Cast(KT("payload__person"), CharField()))
        .filter(person=OuterRef("person"))
    )
    detained = (
        Event.objects.filter(case_id=OuterRef("pk"), type__in=DETAINED_BY)
        .annotate(person=Cast(KT("payload__person"), CharField()))
        .filter(~Exists(released_later))
    )
    return Q(Exists(detained))
