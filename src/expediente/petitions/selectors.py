"""Reading petitions: a case's open ones (for the judge's decision form), a
participant's own (for the portal), one by its receipt."""

from __future__ import annotations

from django.db.models import QuerySet

from expediente.docket.models import Case
from expediente.petitions.models import Petition


def petition_list_open(*, case: Case) -> QuerySet[Petition]:
    return Petition.objects.filter(case=case, status=Petition.Status.OPEN).order_by("filed_seq")


def petition_list_of(*, case: Case, participant: str) -> QuerySet[Petition]:
    """The petitions a participant filed (or a clerk filed for them), newest first."""
    return (
        Petition.objects.filter(case=case, petitioner__uid=participant)
        .select_related("petitioner", "court")
        .order_by("-filed_seq")
    )


def petition_get(*, case: Case, seq: int, participant: str | None = None) -> Petition | None:
    """The petition filed as entry ``seq``; with ``participant``, only if it is theirs."""
    rows = Petition.objects.filter(case=case, filed_seq=seq).select_related("court", "case")
    if participant is not None:
        rows = rows.filter(petitioner__uid=participant)
    return rows.first()
