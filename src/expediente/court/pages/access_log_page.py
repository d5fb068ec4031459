"""The court's access log page: who read protected data of the court's cases, when, how.

For court administrators and judges (``access.access_log.access_log_courts``); anyone
else gets a 404, as for any page they may not see. Lines about a case the reader may not
see are left out: a sealed case's for readers without a SEALED_ROLES role in its court,
an expunged case's for readers whose roles the pack's rules do not show it to."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from expediente.access.access_log import access_log_courts, access_log_for_courts
from expediente.access.capabilities import SEALED_ROLES
from expediente.access.disclosure import Audience, sees_expunged
from expediente.access.models import Expunction
from expediente.access.policy import Actor
from expediente.court.access import staff_required
from expediente.docket.models import Case, Confidentiality, Court
from expediente.rules.loader import load_pack


def hidden_cases(actor: Actor, court_codes: list[str]) -> set[int]:
    """The cases of these courts whose access-log lines ``actor`` may not read (two
    queries at most)."""
    courts = list(Court.objects.filter(code__in=court_codes))
    no_sealed = [c.pk for c in courts if not actor.roles_in(c.code) & SEALED_ROLES]
    no_expunged = [
        c.pk
        for c in courts
        if c.pk not in no_sealed
        and not sees_expunged(
            load_pack(c.rule_pack), Audience(kind="staff", roles=actor.roles_in(c.code))
        )
    ]
    hidden: set[int] = set()
    if no_sealed:
        sealed = Case.objects.filter(court_id__in=no_sealed, confidentiality=Confidentiality.SEALED)
        hidden |= set(sealed.values_list("pk", flat=True))
    if no_expunged:
        expunged = Expunction.objects.filter(case__court_id__in=no_expunged)
        hidden |= set(expunged.values_list("case_id", flat=True))
    return hidden


@staff_required
def access_log(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    courts = access_log_courts(actor)
    if not courts:
        raise Http404("no access log for this account")
    number = str(request.GET.get("case", ""))[:40].strip()
    hidden = hidden_cases(actor, courts)
    rows = [
        r
        for r in access_log_for_courts(court_codes=courts, case_number=number or None)
        if r.case_id not in hidden
    ]
    return render(
        request,
        "court/pages/access_log.html",
        {"rows": rows, "case_number": number, "courts": courts},
    )
