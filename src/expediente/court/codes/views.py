"""The court's codes page for one case. Thin: parse, call access.participant_codes,
render; a case the staff member may not issue codes in is a 404."""

from __future__ import annotations

import datetime as dt
import secrets
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from expediente.access.capabilities import Capability
from expediente.access.disclosure import audience_for, disclose
from expediente.access.models import ParticipantCode, ParticipantLink
from expediente.access.participant_codes import (
    LANGUAGES,
    code_issue,
    code_revoke,
    link_by_clerk,
    link_remove,
)
from expediente.access.policy import Actor
from expediente.compression import carries_secret
from expediente.court.access import staff_required
from expediente.court.codes.notice import notice_make
from expediente.court.forms.base import named
from expediente.court.forms.widgets import no_such_day_message
from expediente.court.pages.labels import role_label
from expediente.days import FIRST_DAY, LAST_DAY, in_bounds, no_such_day
from expediente.docket.errors import InvalidInput, NotFound
from expediente.docket.models import Case, Participation
from expediente.docket.selectors import case_get
from expediente.portal.language import remembered_in_case
from expediente.rules.loader import load_pack

# the tokens of the issue forms already used in this session, with when (the last few)
ISSUED_TOKENS = "court_code_tokens"
ISSUED_KEPT = 20


def _case(nuid: str, actor: Actor) -> Case:
    try:
        return case_get(nuid=nuid, actor=actor, capability=Capability.CODES_ISSUE)
    except NotFound as e:
        raise Http404(str(e)) from e


def _refused(p: Participation, e: InvalidInput) -> dict[str, dict[str, str]]:
    """A refusal's messages by field, under the participant whose form was refused."""
    return {p.uid: {err["field"]: err["message"] for err in e.errors}}


def _participation(case: Case, participant: str) -> Participation:
    p = Participation.objects.select_related("person").filter(case=case, uid=participant).first()
    if p is None:
        raise Http404(f"no participant {participant!r}")
    return p


@never_cache
@require_safe
@staff_required
def codes(request: HttpRequest, nuid: str) -> HttpResponse:
    return _page(request, _case(nuid, request.actor))  # type: ignore[attr-defined]


# the page's fields by name, as their labels read (the error summary names them)
CODE_FIELDS = {
    "language": gettext_lazy("Language of the notice"),
    "expires_on": gettext_lazy("Expires on (optional)"),
    "username": gettext_lazy("Link a lawyer's or prosecutor's account (user name)"),
}


def _page(
    request: HttpRequest,
    case: Case,
    errors: dict[str, dict[str, str]] | None = None,
    status: int = 200,
    sent: dict[str, dict[str, str]] | None = None,
) -> HttpResponse:
    """The page; ``errors`` and ``sent`` (what the clerk typed, by participant) when a
    form comes back refused, so it shows what was typed. A notice is offered in the
    participant's own language where the portal remembers one, else the clerk's."""
    pack = load_pack(case.court.rule_pack)
    # the page names every participant (a protected one with the name behind the
    # pseudonym): a read of the case's protected data, logged like the case page's
    disclose(audience_for(request.actor, case.court.code), case, channel="web", pack=pack)  # type: ignore[attr-defined]
    preferred = remembered_in_case(case)
    clerks = str(getattr(request, "LANGUAGE_CODE", ""))
    now = timezone.now()
    active = {
        c.participant: c for c in ParticipantCode.objects.filter(case=case, revoked_at__isnull=True)
    }
    linked: dict[str, list[tuple[str, str]]] = {}
    for link in ParticipantLink.objects.filter(case=case).select_related("user"):
        linked.setdefault(link.participant, []).append(
            (link.user.username, link.user.get_full_name())
        )
    rows = []
    for p in Participation.objects.filter(case=case).select_related("person").order_by("added_seq"):
        code = active.get(p.uid)
        typed = (sent or {}).get(p.uid, {})
        rows.append(
            {
                "language": typed.get("language") or preferred.get(p.uid) or clerks,
                "expires_on": typed.get("expires_on", ""),
                "username": typed.get("username", ""),
                "p": p,
                "role": role_label(pack, p.role),
                "code": code,
                "expired": bool(code and code.expires_at and code.expires_at <= now),
                "linked": linked.get(p.uid, []),
                "errors": (errors or {}).get(p.uid, {}),
                # the page-top summary names each field (its label)
                "error_list": [
                    (name, named(str(CODE_FIELDS.get(name, name)), message))
                    for name, message in (errors or {}).get(p.uid, {}).items()
                ],
            }
        )
    context = {
        "case": case,
        "rows": rows,
        "languages": [(code, name) for code, name in _language_names() if code in LANGUAGES],
        "tz": case.court.timezone,
        # one per drawing of the page: a notice sent again (a reload, the back button)
        # brings the same token, and issues nothing more (``issue``)
        "token": secrets.token_urlsafe(12),
    }
    return render(request, "court/codes/codes.html", context, status=status)


def _language_names() -> list[tuple[str, str]]:
    from django.conf import settings

    return [(code, str(name)) for code, name in settings.LANGUAGES]


@never_cache
@require_POST
@staff_required
def issue(request: HttpRequest, nuid: str, participant: str) -> HttpResponse:
    """Issue a new code (the old one stops working) and show the notice to print: the
    only time the code is ever shown."""
    actor = request.actor  # type: ignore[attr-defined]
    case = _case(nuid, actor)
    p = _participation(case, participant)
    token = str(request.POST.get("token", ""))[:32]
    used: dict[str, str] = request.session.get(ISSUED_TOKENS, {})
    if token and token in used:
        # the same form again (a reload of the printed notice): a second code would stop
        # the one just printed, so nothing is issued; the code is never shown twice
        when = dt.datetime.fromisoformat(used[token]).astimezone(ZoneInfo(case.court.timezone))
        messages.info(
            request,
            _(
                "A code for %(who)s was already issued from this page at %(time)s and shown "
                "once, on its notice. Nothing more was issued. If the printout was lost, "
                "issue a new code: the one printed will stop working."
            )
            % {"who": p.uid, "time": when.strftime("%H:%M")},
        )
        return redirect("court:codes", case.nuid)
    language = str(request.POST.get("language", ""))[:8]
    try:
        expires_at = _expiry(str(request.POST.get("expires_on", ""))[:20], case)
        row, code = code_issue(
            case=case, participant=p.uid, actor=actor, language=language, expires_at=expires_at
        )
    except InvalidInput as e:
        errors = _refused(p, e)
        typed = {"language": language, "expires_on": str(request.POST.get("expires_on", ""))[:20]}
        return _page(request, case, errors, status=400, sent={p.uid: typed})
    if token:
        used[token] = timezone.now().isoformat()
        request.session[ISSUED_TOKENS] = dict(list(used.items())[-ISSUED_KEPT:])
    pack = load_pack(case.court.rule_pack)
    # the notice names them: a logged read
    disclose(audience_for(actor, case.court.code), case, channel="web", pack=pack)
    with translation.override(row.language):
        notice = notice_make(
            nuid=case.nuid,
            court=case.court.name,
            name="" if p.protected or p.pseudonym else p.person.display_name,
            role=role_label(pack, p.role),
            code=code,
            portal=request.build_absolute_uri(reverse("portal:follow")),
            language=row.language,
        )
        response = render(
            request,
            "court/codes/notice.html",
            {"notice": notice, "expires_at": row.expires_at, "tz": case.court.timezone},
        )
    response["Cache-Control"] = "no-store"
    return carries_secret(response)


def _expiry(text: str, case: Case) -> dt.datetime | None:
    """An expiry day (YYYY-MM-DD) as the end of that day on the court's clock."""
    text = text.strip()
    if not text:
        return None
    if no_such_day(text):
        raise InvalidInput(
            "expiry date",
            errors=[{"field": "expires_on", "message": no_such_day_message(text)}],
        )
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            "expiry date",
            errors=[
                {
                    "field": "expires_on",
                    "message": _(
                        "Enter the expiry date as year-month-day, for example 2027-03-31."
                    ),
                }
            ],
        ) from None
    if not in_bounds(day):
        raise InvalidInput(
            "expiry date",
            errors=[
                {
                    "field": "expires_on",
                    "message": _("Give a day between %(first)s and %(last)s.")
                    % {"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()},
                }
            ],
        )
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0))
    return end.replace(tzinfo=ZoneInfo(case.court.timezone))


@require_POST
@staff_required
def revoke(request: HttpRequest, nuid: str, participant: str) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    case = _case(nuid, actor)
    p = _participation(case, participant)
    if code_revoke(case=case, participant=p.uid, actor=actor):
        messages.success(
            request,
            _(
                "The code of %(who)s no longer works, and nothing more is sent to the "
                "messages asked for with it."
            )
            % {"who": p.uid},
        )
    else:
        messages.info(request, _("%(who)s had no code that works.") % {"who": p.uid})
    return redirect("court:codes", case.nuid)


@require_POST
@staff_required
def link(request: HttpRequest, nuid: str, participant: str) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    case = _case(nuid, actor)
    p = _participation(case, participant)
    username = str(request.POST.get("username", ""))[:150]
    already = ParticipantLink.objects.filter(
        case=case, participant=p.uid, user__username=username.strip()
    ).exists()
    try:
        made = link_by_clerk(
            case=case,
            participant=p.uid,
            username=username,
            actor=actor,
            namesake_confirmed=request.POST.get("namesake") == "yes",
        )
    except InvalidInput as e:
        errors = _refused(p, e)
        # the refused user name comes back as typed, to correct rather than type again
        return _page(request, case, errors, status=400, sent={p.uid: {"username": username}})
    said = (
        _("The account %(user)s (%(name)s) already follows %(who)s in this case.")
        if already
        else _("The account %(user)s (%(name)s) now follows %(who)s in this case.")
    )
    messages.success(
        request,
        said
        % {
            "user": made.user.username,
            "name": made.user.get_full_name() or made.user.username,
            "who": p.uid,
        },
    )
    return redirect("court:codes", case.nuid)


@require_POST
@staff_required
def unlink(request: HttpRequest, nuid: str, participant: str) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    case = _case(nuid, actor)
    p = _participation(case, participant)
    username = str(request.POST.get("username", ""))[:150]
    try:
        link_remove(case=case, participant=p.uid, username=username, actor=actor)
    except InvalidInput as e:
        errors = _refused(p, e)
        return _page(request, case, errors, status=400)
    messages.success(
        request,
        _("The account %(user)s no longer follows %(who)s in this case.")
        % {"user": username.strip(), "who": p.uid},
    )
    return redirect("court:codes", case.nuid)
