"""Petitions filed from /my/: an account asks the court on behalf of a client in a case it
follows, with the same form, service and receipt as the client's own portal page.

Thin: ``my_cases.link_get`` says the account follows the case (else 404),
``counsel_petitions`` whether the case exists for the participation it follows (the
disclosure rules, as on the case page), who its clients are, how each is named and what
each may ask, ``petition_file`` records it. A case the account does not follow or that
no longer exists for it (sealed), a client who is not theirs, and a kind the client's
role may not ask for are all a 404; a detention petition the client's custody record
does not allow is refused on the form's page, naming the kind; nothing is written. The
same request sent again while unanswered lands on the earlier receipt, saying so
(``petition_views.already_sent``).
"""

from __future__ import annotations

import secrets

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from expediente.docket.errors import DocketError, NotFound
from expediente.petitions.selectors import (
    petition_get,
    petition_reasons_text,
    petition_text_for_sender,
)
from expediente.portal.addressing import Reader, reasons_elsewhere
from expediente.portal.counsel_petitions import (
    Counsel,
    counsel_for,
    counsel_petition_file,
    handed_in_by,
    offers_for,
)
from expediente.portal.my_cases import acting_as, link_get
from expediente.portal.my_views import account_required
from expediente.portal.petition_views import (
    ALREADY_SENT_QUERY,
    TEXT_MAX,
    TOKEN_MAX,
    form_context,
    not_offered,
    receipt_context,
    refusal_errors,
)
from expediente.portal.receipt_proof import proof_download, wants_proof


def _counsel(request: HttpRequest, nuid: str, participant: str) -> Counsel:
    """The account's link and what it may see; a 404 where the account follows no such
    participation or the case no longer exists for it (sealed), as on the case page."""
    try:
        link = link_get(user=request.user, nuid=nuid, participant=participant)  # type: ignore[arg-type]
        return counsel_for(link)
    except NotFound as e:
        raise Http404(str(e)) from e


@never_cache
@account_required
@require_http_methods(["GET", "HEAD", "POST"])
def petition_form(
    request: HttpRequest, nuid: str, participant: str, client: str, kind: str
) -> HttpResponse:
    counsel = _counsel(request, nuid, participant)
    link = counsel.link
    try:
        who = counsel.client(client)
    except NotFound as e:
        raise Http404(str(e)) from e
    offered = next((o for o in offers_for(counsel) if o.client.uid == who.uid), None)
    back = reverse("portal:my_case", args=[nuid, participant])
    if offered is None or kind not in {k for k, _ask in offered.offers}:
        extra = {"on_behalf": counsel.name(who), "account_nav": True}
        return not_offered(
            request, case=link.case, participation=who, kind=kind, back_url=back, extra=extra
        )
    errors: dict[str, str] = {}
    text = ""
    token = secrets.token_urlsafe(16)
    status = 200
    if request.method == "POST":
        text = str(request.POST.get("text", ""))[: TEXT_MAX * 2]
        token = str(request.POST.get("token", ""))[:TOKEN_MAX] or token
        try:
            filed = counsel_petition_file(
                link=link,
                user=request.user,  # type: ignore[arg-type]
                client=who,
                kind=kind,
                text=text,
                token=token,
            )
        except DocketError as e:
            errors, status = refusal_errors(e, text), 400
        else:
            receipt = reverse(
                "portal:my_petition_receipt", args=[nuid, participant, filed.petition.filed_seq]
            )
            return redirect(receipt + (ALREADY_SENT_QUERY if filed.repeated else ""))
    reader = Reader(role=acting_as(link) or counsel.me.role)
    context = form_context(
        case=link.case, kind=kind, text=text, token=token, errors=errors, reader=reader
    )
    context |= {
        "back_url": back,
        "on_behalf": offered.name,
        "account_nav": True,
    }
    return render(request, "portal/follow/petition_form.html", context, status=status)


@never_cache
@account_required
def petition_receipt(request: HttpRequest, nuid: str, participant: str, seq: int) -> HttpResponse:
    counsel = _counsel(request, nuid, participant)
    link = counsel.link
    petition = petition_get(case=link.case, seq=seq)
    clients = {p.uid: p for p in counsel.clients}
    if petition is None or petition.petitioner.uid not in clients:
        raise Http404(str(seq))
    if wants_proof(request.GET):
        return proof_download(petition, request.GET.get("size"))
    context = receipt_context(request, petition, timezone.now()) | {
        "back_url": reverse("portal:my_case", args=[nuid, participant]),
        "on_behalf": counsel.name(clients[petition.petitioner.uid]),
        "account_nav": True,
        "reasons_elsewhere": reasons_elsewhere(Reader(role=acting_as(link) or counsel.me.role)),
        "written": petition_text_for_sender(
            petition,
            received_from=handed_in_by(request.user, link),  # type: ignore[arg-type]
        ),
        "reasons": counsel.view.petition_reasons(
            petitioner=petition.petitioner.uid,
            reasons=petition_reasons_text(petition),
            channel="portal",
            clients=frozenset(clients),
        ),
    }
    return render(request, "portal/follow/petition_receipt.html", context)
