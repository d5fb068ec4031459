"""How every entry form runs: who may use it, submit once, explain every refusal.

A view gets a ``Workspace`` (404 for a case the actor may not see, 403 when it may see
but not do this), builds its form, and hands both to ``submit``: on a valid POST it
calls ``event_record`` once (twice only to tell our own earlier submission from
someone else's entry), then redirects to the case page (POST/redirect/GET), or to
the case list when the entry took the case from the reader (a sealing or expunction
order); on a refusal it draws the form again, still filled, with the reason next to
the field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from expediente.access.capabilities import Capability
from expediente.access.policy import Actor, can
from expediente.court.forms import case_data
from expediente.court.forms.age_warning import age_warning
from expediente.court.forms.base import EntryForm
from expediente.court.forms.correction_reason import given_reason
from expediente.court.forms.death_warning import death_warning
from expediente.court.forms.extension_warning import extension_warning
from expediente.court.forms.fields import FormContext
from expediente.court.forms.hearings import hearings as hearing_list
from expediente.court.forms.labels import stage_label, type_label
from expediente.court.forms.repeat_warning import repeat_warning
from expediente.court.forms.sealing_notice import sealing_notice
from expediente.custody.confirmations import (
    EXTENSION_PAST_LIMIT,
    ORDER_PAST_MAXIMUM,
    PETITION_REPEATED,
    confirmed,
)
from expediente.custody.foresight import held_against, order_types
from expediente.docket.errors import (
    DocketError,
    IdempotencyConflict,
    NotAllowedInStage,
    NotFound,
    PermissionDenied,
    SequenceConflict,
)
from expediente.docket.models import Case, Event, Procedure
from expediente.docket.projection import CONFIDENTIALITY_ORDERS
from expediente.docket.selectors import case_get
from expediente.docket.services import Recorded, event_record
from expediente.docket.services.opening_correction import procedure_note
from expediente.docket.services.recording import derived_key
from expediente.docket.services.rows import event_with_key
from expediente.petitions.repeats import guarded
from expediente.rules.citation import cite_law
from expediente.rules.loader import load_pack
from expediente.rules.schema import Pack
from expediente.rules.stages import StageError, check_allowed


def posted(request: HttpRequest) -> Any:
    """The submitted values, or None to draw the form (an empty POST is still a POST)."""
    return request.POST if request.method == "POST" else None


def case_url(nuid: str) -> str:
    """The case page (court/pages/)."""
    return f"/court/cases/{quote(nuid, safe='')}/"


@dataclass(frozen=True)
class Workspace:
    actor: Actor
    case: Case
    pack: Pack
    tz: ZoneInfo

    def form_context(self) -> FormContext:
        return FormContext(
            pack=self.pack,
            tz=self.tz,
            parties=case_data.parties(self.case),
            charges=case_data.charges(self.case),
            hearings=hearing_list(self.case),
            case=self.case,
        )

    @property
    def next_seq(self) -> int:
        return self.case.last_seq + 1


def workspace(request: HttpRequest, nuid: str, needed: list[Capability]) -> Workspace:
    """The case, if the actor may see it (else 404) and do ``needed`` (else ``Forbidden``)."""
    actor: Actor = request.actor  # type: ignore[attr-defined]
    try:
        case = case_get(nuid=nuid, actor=actor)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    ws = Workspace(actor, case, load_pack(case.court.rule_pack), ZoneInfo(case.court.timezone))
    ensure(ws, needed)
    return ws


def ensure(ws: Workspace, needed: list[Capability]) -> None:
    if not all(can(ws.actor, capability, case=ws.case) for capability in needed):
        raise Forbidden(ws.case)


class Forbidden(Exception):
    def __init__(self, case: Case | None = None) -> None:
        self.case = case


def forbidden(request: HttpRequest, case: Case | None, message: str = "") -> HttpResponse:
    court = case.court.name if case is not None else ""
    return refused(
        request,
        case,
        title=_("You cannot do this in this case"),
        message=message
        or _("Your role in %(court)s does not allow it. Ask a clerk or a judge of the court.")
        % {"court": court},
        status=403,
    )


def refused(
    request: HttpRequest, case: Case | None, *, title: str, message: str, status: int
) -> HttpResponse:
    context = {"title": title, "message": message, "case": case}
    context["back_url"] = case_url(case.nuid) if case is not None else reverse("court:home")
    return render(request, "court/forms/refused.html", context, status=status)


def not_now(
    request: HttpRequest, ws: Workspace, type_name: str, *, correction: bool = False
) -> HttpResponse | None:
    """A page saying why this type cannot be recorded in the case's stage, if it cannot.

    Only when the form is asked for: a submitted form is checked by the service, and a
    refusal then shows on the form, with what was typed."""
    reason = not_allowed_reason(ws.pack, type_name, ws.case, correction=correction)
    if reason is None:
        return None
    return refused(request, ws.case, title=_("Not possible now"), message=reason, status=409)


def not_allowed_reason(
    pack: Pack, type_name: str, case: Case, *, correction: bool = False
) -> str | None:
    """Why this type cannot be recorded (or an entry of it corrected) in the case now, in
    plain words; None if it can."""
    try:
        check_allowed(
            pack, type_name, stage=case.stage, procedure=case.procedure, correction=correction
        )
    except StageError:
        pass
    else:
        return None
    event_type = pack.event_types[type_name]
    what = type_label(pack, type_name)
    stage = stage_label(pack, case.stage)
    if event_type.procedures and case.procedure not in event_type.procedures:
        return _("“%(what)s” is not part of the procedure for %(procedure)s cases.") % {
            "what": what,
            "procedure": str(Procedure(case.procedure).label).lower(),
        }
    if correction:
        return _(
            "An entry “%(what)s” cannot be corrected: the case is in its final stage, "
            "“%(stage)s”. Reopen the case first."
        ) % {"what": what, "stage": stage}
    if event_type.stages == "any":
        return _(
            "“%(what)s” cannot be recorded: the case is in its final stage, “%(stage)s”. "
            "Reopen the case first."
        ) % {"what": what, "stage": stage}
    return _(
        "“%(what)s” cannot be recorded now: the case is in the stage “%(stage)s”. "
        "It can be recorded in these stages: %(allowed)s."
    ) % {
        "what": what,
        "stage": stage,
        "allowed": ", ".join(stage_label(pack, s) for s in event_type.stages),
    }


def submit(
    request: HttpRequest,
    ws: Workspace,
    form: EntryForm,
    *,
    type_name: str,
    page: dict[str, Any],
    template: str = "court/forms/entry.html",
    corrects_seq: int | None = None,
) -> HttpResponse:
    """Record the form's entry once and redirect, or draw the form with what to fix."""
    since: list[Event] = []
    warning: dict[str, str] | None = None
    read: list[str] = []  # the warnings confirmed that the write path checks again
    kept: list[str] = []  # the tokens of the warnings confirmed, sent again with the next
    if request.method == "POST" and form.is_valid() and not _already_recorded(ws, form):
        ticked = request.POST.getlist(CONFIRM)
        # Each warning in turn, until one is not confirmed: an order past the legal
        # maximum (recorded as the judge gave it) and an extension past the number its
        # term admits (recorded, not counted by the clock) are checked again by the write
        # path, which is told they were read; an age that does not fit (the date of birth
        # is as written), a sealing with someone held (the court knows what they keep
        # seeing) and a death in custody (its messages leave at once) only inform.
        asks: list[tuple[Callable[[], dict[str, str] | None], str | None]] = [
            (lambda: _past_maximum(ws, form, type_name, corrects_seq), ORDER_PAST_MAXIMUM),
            (
                lambda: extension_warning(ws, form, type_name, corrects_seq),
                EXTENSION_PAST_LIMIT,
            ),
            (lambda: repeat_warning(ws, form, type_name, corrects_seq), PETITION_REPEATED),
            (lambda: death_warning(ws, form, type_name, corrects_seq), None),
            (lambda: age_warning(ws, form, type_name, corrects_seq), None),
            (lambda: sealing_notice(ws, type_name, corrects_seq), None),
        ]
        for ask, name in asks:
            warning = ask()
            if warning is None:
                continue
            if warning["token"] not in ticked:
                break
            kept.append(warning["token"])
            if name is not None:
                read.append(name)
            warning = None
    if request.method == "POST" and form.is_valid() and warning is None:
        try:
            with confirmed(read), guarded():  # a form a browser sent: a petition sent again
                recorded = _record_once(ws, form, type_name, corrects_seq)
        except SequenceConflict:
            since = _second_chance(
                ws,
                form,
                _(
                    "This case changed since you opened this page: "
                    "review the latest entries and submit again."
                ),
            )
        except IdempotencyConflict:
            since = _second_chance(
                ws,
                form,
                _(
                    "This page was already used to record an entry. To record another one, "
                    "check the values below and submit again."
                ),
                new_key=True,
            )
        except NotAllowedInStage:
            fresh = _fresh(ws)
            form.add_error(
                None,
                not_allowed_reason(ws.pack, type_name, fresh, correction=corrects_seq is not None)
                or _("Not allowed now."),
            )
        except PermissionDenied:
            return forbidden(request, ws.case)
        except DocketError as exc:
            form.refuse(exc)
        else:
            return _done(request, ws, type_name, recorded, corrects_seq)
    context = {
        "case": ws.case,
        "stage": stage_label(ws.pack, ws.case.stage),
        "form": form,
        "sections": sections(form),
        "since": [entry_row(ws, e) for e in since],
        "back_url": case_url(ws.case.nuid),
        "warning": warning,
        "confirm_name": CONFIRM,
        "confirmed_tokens": kept,
        **page,
    }
    return render(request, template, context)


# the box that confirms a warning: an order past the legal maximum, an extension past the
# number its term admits, an accused's age that does not fit the case's procedure, a
# sealing with someone held (the name is the first's, kept for forms in use); the tokens
# of the warnings already confirmed come back under the same name, hidden
CONFIRM = "confirm_past_maximum"


def _past_maximum(
    ws: Workspace, form: EntryForm, type_name: str, corrects_seq: int | None
) -> dict[str, str] | None:
    """A warning to confirm before recording a detention order whose stated term goes
    past the maximum the pack computes (``custody.foresight.held_against``, as the write
    path refuses it unconfirmed), or None. Its ``token`` names both days, so changing the
    order's date asks again."""
    if type_name not in order_types(ws.case):
        return None
    past = held_against(
        ws.case, type_name, form.payload(), form.cleaned_data["occurred_at"], corrects_seq
    )
    if past is None:
        return None
    language = (get_language() or "en")[:2]
    label = past.label.get(language) or past.label.get("en") or ""
    text = _(
        "The term this order states, until %(until)s, goes past the legal maximum "
        "(“%(label)s”, %(law)s): %(maximum)s. The record keeps what the judge ordered, "
        "and the detention clock will mark the term as beyond the maximum, which governs."
    ) % {
        "until": formats.date_format(past.until, "DATE_FORMAT"),
        "label": label,
        "law": cite_law(past.law, language),
        "maximum": formats.date_format(past.maximum_on, "DATE_FORMAT"),
    }
    token = f"{past.until.isoformat()}:{past.maximum_on.isoformat()}"
    confirm = _("I have checked it: record the order as the judge gave it.")
    return {"text": text, "token": token, "confirm": confirm}


def _already_recorded(ws: Workspace, form: EntryForm) -> bool:
    """The form was sent before and its entry recorded (a double click, a reload): its
    warnings are not asked again (they would be about its own entry); recording answers
    with what was recorded."""
    return bool(form.key) and event_with_key(ws.actor.user.pk, form.key) is not None


def _record_once(
    ws: Workspace, form: EntryForm, type_name: str, corrects_seq: int | None
) -> Recorded:
    def attempt() -> Recorded:
        return event_record(
            case=ws.case,
            type=type_name,
            payload=form.payload(),
            actor=ws.actor,
            occurred_at=form.cleaned_data["occurred_at"],
            idempotency_key=form.key,
            corrects_seq=corrects_seq,
            expected_seq=form.expected,
            correction_reason=given_reason(form) if corrects_seq is not None else None,
        )

    def with_what_follows() -> Recorded:
        """The entry, and those the form says go with it (a guardian's ward, a lawyer's
        clients: the participant form's ``then``), in one transaction: a refusal of one
        undoes all. The first of a type keeps the key ``<key>:<type>``; the next of the
        same type (a lawyer's second client) add their place, ``<key>:<type>:2``."""
        then = getattr(form, "then", None)
        with transaction.atomic():
            recorded = attempt()
            participant = str(recorded.event.payload.get("participant", ""))
            counted: dict[str, int] = {}
            for follow_type, follow_payload in then(participant) if then else []:
                counted[follow_type] = counted.get(follow_type, 0) + 1
                n = counted[follow_type]
                event_record(
                    case=ws.case,
                    type=follow_type,
                    payload=follow_payload,
                    actor=ws.actor,
                    occurred_at=form.cleaned_data["occurred_at"],
                    idempotency_key=derived_key(
                        form.key, follow_type if n == 1 else f"{follow_type}:{n}"
                    ),
                )
        return recorded

    try:
        return with_what_follows()
    except SequenceConflict:
        # A double click whose first request won the race looks stale to the second
        # one; asked again, the service finds the key and answers with that entry.
        return with_what_follows()


def _fresh(ws: Workspace) -> Case:
    return case_get(nuid=ws.case.nuid, actor=ws.actor)


def _second_chance(
    ws: Workspace, form: EntryForm, message: str, *, new_key: bool = False
) -> list[Event]:
    """Keep what was typed; expect the case's next entry number now; show what changed."""
    seen = (form.expected or ws.next_seq) - 1
    fresh = _fresh(ws)
    form.restamp(expected_seq=fresh.last_seq + 1, key=new_key)
    form.add_error(None, message)
    return case_data.events_since(fresh, seen)


def _done(
    request: HttpRequest,
    ws: Workspace,
    type_name: str,
    recorded: Recorded,
    corrects_seq: int | None,
) -> HttpResponse:
    what = type_label(ws.pack, type_name)
    if not recorded.created:
        messages.info(
            request,
            _(
                "Already recorded: %(what)s. This page had been sent before; nothing was "
                "recorded twice."
            )
            % {"what": what},
        )
    elif corrects_seq is not None:
        messages.success(
            request,
            _("Recorded: correction of entry %(seq)s, %(what)s")
            % {"seq": corrects_seq, "what": what},
        )
        if type_name == "case.opened":
            _say_what_the_procedure_did(request, ws, recorded, corrects_seq)
    else:
        messages.success(request, _("Recorded: %(what)s") % {"what": what})
    nuid = recorded.event.case.nuid
    if type_name in CONFIDENTIALITY_ORDERS and not _still_seen(nuid, ws.actor):
        # the entry took the case from this reader (a sealing or an expunction order
        # recorded by a clerk): the case list, saying so, rather than a 404
        messages.info(
            request,
            _(
                "Case %(nuid)s is no longer shown to you: after this order only the roles "
                "the court's rules name may see it."
            )
            % {"nuid": nuid},
        )
        return redirect(reverse("court:cases"))
    return redirect(case_url(nuid))


def _say_what_the_procedure_did(
    request: HttpRequest, ws: Workspace, recorded: Recorded, corrects_seq: int
) -> None:
    """After a correction of the opening that changed the procedure: what that did to
    the deadlines and the confidentiality (``opening_correction.procedure_note``)."""
    was = Event.objects.filter(case=recorded.event.case, seq=corrects_seq).first()
    if was is None:
        return
    note = procedure_note(
        str(was.payload.get("procedure", "")), str(recorded.event.payload.get("procedure", ""))
    )
    if note is not None:
        messages.info(request, _(note))


def _still_seen(nuid: str, actor: Actor) -> bool:
    try:
        case_get(nuid=nuid, actor=actor)
    except NotFound:
        return False
    return True


def sections(form: EntryForm) -> list[tuple[Any, list[Any]]]:
    """The visible fields in the form's groups (legend, fields); ungrouped ones last."""
    visible = {bound.name: bound for bound in form.visible_fields()}
    out: list[tuple[Any, list[Any]]] = []
    for legend, names in form.groups:
        fields = [visible.pop(n) for n in names if n in visible]
        if fields:
            out.append((legend, fields))
    if visible:
        out.append(("", list(visible.values())))
    return out


def entry_row(ws: Workspace, event: Event) -> dict[str, Any]:
    local = event.occurred_at.astimezone(ws.tz)
    return {
        "seq": event.seq,
        "what": type_label(ws.pack, event.type),
        "when": formats.date_format(local, "DATETIME_FORMAT"),
        "who": event.actor_label,
        "correction": event.corrects_seq,
    }
