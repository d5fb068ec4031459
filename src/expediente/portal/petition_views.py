"""Petitions from the portal: the form for one kind of petition, and its receipt. Thin:
the session says who is asking, ``petitions.offer`` what they may ask, and
``petitions.services.petition_file`` records it.

The form carries a one-time token (made when the form is shown); it is the idempotency
key, so a form sent twice is filed once and both sendings land on the same receipt. The
same request sent again with a new token (Back, then Send: the browser kept the text, the
page made a new token) while the court has not answered it records nothing either
(``petitions.repeats``): the sender lands on the earlier receipt, which says "You already
sent this request on …" (``?sent=again``; said only while the petition is still open).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any
from zoneinfo import ZoneInfo

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from expediente.court.pages.labels import role_label
from expediente.docket.errors import DocketError, InvalidInput
from expediente.docket.models import Case, Participation
from expediente.petitions.models import Kind, Petition
from expediente.petitions.offer import (
    ASK,
    KIND_FIELD,
    MEANS,
    MEANS_FOR_CLIENT,
    custody_refusal,
    detention_choices,
    petition_kinds_offered,
)
from expediente.petitions.projector import TEXT_MIN
from expediente.petitions.receipts import FINGERPRINT_LENGTH
from expediente.petitions.selectors import (
    answer_deadlines,
    petition_get,
    petition_reasons_text,
    petition_text_for_sender,
)
from expediente.petitions.services import petition_file, portal_actor
from expediente.portal.addressing import Reader, reasons_elsewhere
from expediente.portal.emergency import for_protection
from expediente.portal.other_side import other_side_for
from expediente.portal.participant_session import (
    own_view,
    petition_keep,
    petition_kept,
    require_visible,
    session_current,
)
from expediente.portal.petition_detention import detention_news
from expediente.portal.petitions_panel import answer_due
from expediente.portal.receipt_proof import proof_context, proof_download, wants_proof

TEXT_MAX = 2000
TOKEN_MAX = 64
# Added to the receipt's address when the request sent was already on the record.
ALREADY_SENT_QUERY = "?sent=again"


def already_sent(request: HttpRequest, petition: Petition) -> str:
    """What the receipt says to someone who has just sent this request again (the
    receipt's address says so: ``ALREADY_SENT_QUERY``), while it awaits an answer; "" on
    any other visit."""
    if request.GET.get("sent") != "again" or petition.status != petition.Status.OPEN:
        return ""
    local = timezone.localtime(petition.filed_at, ZoneInfo(petition.court.timezone))
    return _(
        "You already sent this request on %(date)s. The court has it: receipt %(receipt)s. "
        "It has not been answered yet."
    ) % {
        "date": formats.date_format(local, "DATE_FORMAT") + ", " + local.strftime("%H:%M"),
        "receipt": petition.receipt,
    }


def receipt_context(request: HttpRequest, petition: Petition, now: dt.datetime) -> dict[str, Any]:
    """What a petition's receipt shows to whoever may read it (the petitioner with her
    code here, her lawyer on /my/: each view adds who it speaks to): the request sent
    again, the detention's news, by when the court should answer while it has not, the
    proof, and the emergency line on a request for protection."""
    due = (
        answer_deadlines(case=petition.case, seqs=[petition.filed_seq]).get(petition.filed_seq)
        if petition.status == petition.Status.OPEN
        else None
    )
    court = petition.court
    return (
        {
            "already_sent": already_sent(request, petition),
            "detention": detention_news(petition.case, [petition]).get(petition.filed_seq, []),
            "answer_due": answer_due(due, now=now, tz=court.timezone, pack=court.rule_pack),
            "petition": petition,
            "case": petition.case,
            "digits": FINGERPRINT_LENGTH,
        }
        | proof_context(petition, now=now)
        | for_protection(court, petition.kind)
    )


def text_error(text: str) -> str:
    if not text.strip():
        return _("Write what you are asking the court for, in a few sentences.")
    if len(text.strip()) < TEXT_MIN:
        return _(
            "Write at least %(least)d characters: say what you are asking the court for "
            "and why (you wrote %(count)d)."
        ) % {"least": TEXT_MIN, "count": len(text.strip())}
    return _("Use at most %(limit)d characters (you wrote %(count)d).") % {
        "limit": TEXT_MAX,
        "count": len(text.strip()),
    }


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def petition_form(request: HttpRequest, kind: str) -> HttpResponse:
    now = timezone.now()
    following = session_current(request, now)
    if following is None:
        if request.method == "POST":  # the session ended while she wrote: nothing is filed
            fields = {k: str(v) for k, v in request.POST.items()}
            if not petition_keep(request, kind, fields):
                # whose it was is not known: shown back once, to the browser that sent
                # it, and kept for nobody
                return render(
                    request,
                    "portal/follow/not_sent.html",
                    {"text": fields.get("text", "")[:TEXT_MAX]},
                )
        return redirect("portal:follow")
    case = following.case
    me = Participation.objects.select_related("case__court").get(
        case=case, uid=following.participant
    )
    require_visible(request, me)  # sealed since the session began: gone, nothing filed
    back = reverse("portal:follow_case")
    if kind not in petition_kinds_offered(case=case, participation=me):
        return not_offered(request, case=case, participation=me, kind=kind, back_url=back)
    errors: dict[str, str] = {}
    text = concerns = ""
    token = secrets.token_urlsafe(16)
    status = 200
    whose = whose_options(case=case, participation=me, kind=kind)
    if request.method == "POST":
        text = str(request.POST.get("text", ""))[: TEXT_MAX * 2]
        token = str(request.POST.get("token", ""))[:TOKEN_MAX] or token
        concerns = str(request.POST.get("concerns", ""))[:64]
        key = f"portal-petition:{case.nuid}:{me.uid}:{token}"
        if whose and concerns not in {uid for uid, _name in whose}:
            errors, status = {"concerns": str(CHOOSE_WHOSE)}, 400
        else:
            try:
                filed = petition_file(
                    case=case,
                    petitioner=me.uid,
                    kind=kind,
                    text=text,
                    filed_via="portal",
                    actor=portal_actor(case),
                    concerns=concerns if whose else "",
                    idempotency_key=key,
                )
            except DocketError as e:
                errors, status = refusal_errors(e, text), 400
            else:
                receipt = reverse("portal:petition_receipt", args=[filed.petition.filed_seq])
                return redirect(receipt + (ALREADY_SENT_QUERY if filed.repeated else ""))
    elif (kept := petition_kept(request, following, kind)) is not None:
        # sent after the session had ended: given back to check and send again
        text, concerns = kept.get("text", ""), kept.get("concerns", "")
    reader = Reader(role=me.role)
    context = form_context(
        case=case, kind=kind, text=text, token=token, errors=errors, reader=reader
    )
    context |= {
        "back_url": back,
        "whose": whose,
        "concerns": concerns,
        # what the accused's side will see of it, as her case page says it
        "other_side": other_side_for(case=case, me=me),
    }
    return render(request, "portal/follow/petition_form.html", context, status=status)


def not_offered(
    request: HttpRequest,
    *,
    case: Case,
    participation: Participation,
    kind: str,
    back_url: str,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """A kind this participant is not offered: a 404 when their role may never ask it
    here; when the custody record is why (``petitions.offer.custody_refusal``), the
    form's page says so next to the kind asked for, without a form to send (400).
    Nothing is filed either way."""
    refusal = custody_refusal(case=case, participation=participation, kind=kind)
    if refusal is None:
        raise Http404(kind)
    words = refusal.words[KIND_FIELD]
    reader = Reader(role=participation.role)
    context = form_context(case=case, kind=kind, text="", token="", errors={}, reader=reader)
    context |= {
        "back_url": back_url,
        "refused": _(words.text) % words.params,
        **(extra or {}),
    }
    return render(request, "portal/follow/petition_form.html", context, status=400)


# The portal's own words where whose detention is wrong (the service names
# ``payload.concerns``; the choice lists only the accused held now).
CHOOSE_WHOSE = gettext_lazy(
    "Choose whose detention this is about: only someone held now can be chosen."
)


def whose_options(*, case: Case, participation: Participation, kind: str) -> list[tuple[str, str]]:
    """Whose detention the petition may be about, as (participant id, name as the reader
    may see them), when the reader must choose (``petitions.offer.detention_choices``)."""
    choices = detention_choices(case=case, participation=participation, kind=kind)
    if not choices:
        return []
    view = own_view(participation)
    pack = view.pack
    return [(p.uid, view.name(p, role_label(pack, p.role))) for p in choices]


def refusal_errors(e: DocketError, text: str) -> dict[str, str]:
    """The service's refusal as the form's errors (its fields: ``text``, and
    ``concerns`` where the reader chooses whose detention)."""
    if not isinstance(e, InvalidInput):
        return {"text": _("The court cannot take this petition now. Ask the court clerk for help.")}
    errors: dict[str, str] = {}
    for err in e.errors:
        field = str(err.get("field", ""))
        if field.endswith("text"):
            errors["text"] = text_error(text)
        elif field.endswith("concerns"):
            errors["concerns"] = str(CHOOSE_WHOSE)
        else:
            errors.setdefault("text", str(err.get("message", "")))
    return errors


def form_context(
    *, case: Case, kind: str, text: str, token: str, errors: dict[str, str], reader: Reader
) -> dict[str, Any]:
    """The form's page for ``kind``, said to ``reader`` (what the petition is for: to a
    lawyer, for her client)."""
    means = MEANS_FOR_CLIENT.get(kind) if reader.acts_for == "client" else None
    return {
        "case": case,
        "kind": kind,
        "heading": ASK[Kind(kind)],
        "means": means or MEANS[Kind(kind)],
        "text": text,
        "token": token,
        "errors": errors,
        "limit": TEXT_MAX,
        "least": TEXT_MIN,
    } | for_protection(case.court, kind)


@never_cache
def petition_receipt(request: HttpRequest, seq: int) -> HttpResponse:
    now = timezone.now()
    following = session_current(request, now)
    if following is None:
        return redirect("portal:follow")
    me = Participation.objects.select_related("case__court").get(
        case=following.case, uid=following.participant
    )
    require_visible(request, me)
    petition = petition_get(case=following.case, seq=seq, participant=following.participant)
    if petition is None:
        raise Http404
    if wants_proof(request.GET):
        return proof_download(petition, request.GET.get("size"))
    context = receipt_context(request, petition, now) | {
        "back_url": reverse("portal:follow_case"),
        "reasons_elsewhere": reasons_elsewhere(Reader(role=me.role)),
        "written": petition_text_for_sender(
            petition, received_from="", session_code=following.code_id
        ),
        "reasons": own_view(me).petition_reasons(
            petitioner=petition.petitioner.uid,
            reasons=petition_reasons_text(petition),
            channel="portal",
        ),
    }
    return render(request, "portal/follow/petition_receipt.html", context)
