"""Pages that record: add a party, file a charge, record an event, correct an entry.

Thin: find the case (flow.workspace), build the form, hand both to flow.submit.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from expediente.access.capabilities import Capability
from expediente.court.access import staff_required
from expediente.court.forms import case_data
from expediente.court.forms.base import EntryForm
from expediente.court.forms.charge_form import ChargeForm
from expediente.court.forms.correction_reason import ask_reason
from expediente.court.forms.event_form import EventForm
from expediente.court.forms.fields import FormContext
from expediente.court.forms.flow import (
    Forbidden,
    Workspace,
    ensure,
    forbidden,
    not_now,
    posted,
    refused,
    submit,
    workspace,
)
from expediente.court.forms.hearings import SCHEDULING_TYPES
from expediente.court.forms.labels import localized, type_label
from expediente.court.forms.opening_correction import (
    FIXED_NOTE,
    OpeningCorrectionForm,
    fixed_rows,
)
from expediente.court.forms.original import describe
from expediente.court.forms.participant_form import ParticipantForm
from expediente.court.forms.petition_texts import written_later
from expediente.docket.selectors import latest_version

PARTICIPANT, CHARGE, OPENED = "participant.added", "charge.filed", "case.opened"
DECIDED = "petition.decided"


def needed(type_name: str, *, correcting: bool = False) -> list[Capability]:
    caps = [Capability.EVENT_RECORD]
    if type_name in SCHEDULING_TYPES:
        caps.append(Capability.HEARING_SCHEDULE)
    if correcting:
        caps.append(Capability.EVENT_CORRECT)
    return caps


def build_form(
    type_name: str,
    ws: Workspace,
    ctx: FormContext,
    data: object,
    initial: dict | None = None,
    *,
    correcting: bool = False,
) -> EntryForm:
    if type_name == PARTICIPANT:
        return ParticipantForm(
            data, ctx=ctx, next_seq=ws.next_seq, initial=initial, correcting=correcting
        )
    if type_name == CHARGE:
        return ChargeForm(data, ctx=ctx, next_seq=ws.next_seq, initial=initial)
    if type_name == OPENED:
        heard = ws.case.court.hears(ws.pack.procedures)
        procedures = [*heard, *([ws.case.procedure] if ws.case.procedure not in heard else [])]
        return OpeningCorrectionForm(
            data, tz=ws.tz, next_seq=ws.next_seq, procedures=procedures, initial=initial
        )
    return EventForm(
        data,
        ctx=ctx,
        type_name=type_name,
        next_seq=ws.next_seq,
        initial=initial,
        correcting=correcting,
    )


def chosen_beforehand(request: HttpRequest) -> dict:
    """Values a link may choose in advance: the petition a decision answers (the due
    list's "decide" link names it as ``?petition=<entry number>``), the measure a
    response to a breach is about (``?measure=<measure id>``) and the hearing a held or
    not-held entry is about (``?hearing=<hearing id>``, from the case page's list of
    passed hearings), and the person an entry is about (``?person=<participant id>``, from
    the case page's consular notification panel; ``?accused=`` and ``?counsel=``, from its
    parties' "record their counsel" links). Anything else is ignored;
    the form still validates what is posted."""
    chosen: dict = {}
    petition = str(request.GET.get("petition", ""))
    if petition.isdigit() and len(petition) < 10:
        chosen["petition"] = int(petition)
    measure = str(request.GET.get("measure", "")).strip()
    if measure and len(measure) <= 40 and measure.isprintable():
        chosen["measure"] = measure  # any id the pack allows; the form validates it
    hearing = str(request.GET.get("hearing", "")).strip()
    if hearing and len(hearing) <= 64 and hearing.isprintable():
        chosen["hearing"] = hearing  # the case page's passed hearings; the form checks it
    for name in ("person", "accused", "counsel"):
        uid = str(request.GET.get(name, "")).strip()
        if uid and len(uid) <= 64 and uid.isprintable():
            chosen[name] = uid  # a participant id; the form offers only the allowed ones
    return chosen


def _entry(request: HttpRequest, nuid: str, type_name: str, page: dict) -> HttpResponse:
    try:
        ws = workspace(request, nuid, needed(type_name))
    except Forbidden as exc:
        return forbidden(request, exc.case)
    if type_name not in ws.pack.event_types or type_name == OPENED:
        raise Http404(type_name)
    what = type_label(ws.pack, type_name)
    page = {"title": _("Record: %(what)s") % {"what": what}, "submit_label": _("Record")} | page
    if request.method != "POST" and (refusal := not_now(request, ws, type_name)):
        return refusal
    chosen = chosen_beforehand(request)
    form = build_form(type_name, ws, ws.form_context(), posted(request), chosen)
    explain = localized(ws.pack.event_types[type_name].explain)
    if type_name == DECIDED:  # what the petitioner wrote, above the form
        named = str(request.POST.get("petition", "")) if request.method == "POST" else ""
        number = int(named) if named.isdigit() and len(named) < 10 else chosen.get("petition")
        page["petitions_written"] = written_later(actor=ws.actor, case=ws.case, chosen=number)
    return submit(request, ws, form, type_name=type_name, page={"explain": explain, **page})


@never_cache
@staff_required
def add_participant(request: HttpRequest, nuid: str) -> HttpResponse:
    page = {"title": _("Add someone to the case"), "submit_label": _("Add to the case")}
    return _entry(request, nuid, PARTICIPANT, page)


@never_cache
@staff_required
def add_charge(request: HttpRequest, nuid: str) -> HttpResponse:
    page = {"title": _("File a charge"), "submit_label": _("File the charge")}
    return _entry(request, nuid, CHARGE, page)


@never_cache
@staff_required
def record_event(request: HttpRequest, nuid: str, type_name: str) -> HttpResponse:
    if type_name == PARTICIPANT:
        return redirect("court:participant_add", nuid=nuid)
    if type_name == CHARGE:
        return redirect("court:charge_add", nuid=nuid)
    return _entry(request, nuid, type_name, {})


@never_cache
@staff_required
def correct_event(request: HttpRequest, nuid: str, seq: int) -> HttpResponse:
    try:
        ws = workspace(request, nuid, needed("", correcting=True))
        original = case_data.event_get(ws.case, seq)
        if original is None:
            raise Http404(str(seq))
        ensure(ws, needed(original.type, correcting=True))
    except Forbidden as exc:
        return forbidden(request, exc.case)
    what = type_label(ws.pack, original.type)
    if original.type not in ws.pack.event_types:
        message = _("“%(what)s” cannot be corrected from this page.") % {"what": what}
        return refused(request, ws.case, title=_("Not possible here"), message=message, status=409)
    if request.method != "POST" and (latest := latest_version(ws.case, seq)) != seq:
        # correcting the original again would start from what it first said and undo the
        # correction already made: the latest version is the one to correct
        messages.info(
            request,
            _("Entry #%(seq)s was corrected by #%(latest)s: you are correcting #%(latest)s.")
            % {"seq": seq, "latest": latest},
        )
        return redirect("court:event_correct", nuid=nuid, seq=latest)
    if request.method != "POST" and (
        refusal := not_now(request, ws, original.type, correction=True)
    ):
        return refusal
    ctx = ws.form_context()
    initial = initial_for(original.type, ws, original.payload) | {
        "occurred_at": original.occurred_at
    }
    form = build_form(original.type, ws, ctx, posted(request), initial, correcting=True)
    shown = build_form(original.type, ws, ctx, None, initial, correcting=True)
    ask_reason(form)
    rows = describe(shown, ws, original)
    page = {
        "title": _("Correct entry %(seq)s: %(what)s") % {"seq": seq, "what": what},
        "submit_label": _("Record the correction"),
        "original": original,
        "original_rows": rows,
    }
    if original.type == OPENED:  # what it holds that cannot be corrected, and why
        page["original_rows"] = fixed_rows(original, ws.case.court) + rows
        page["explain"] = FIXED_NOTE
    return submit(
        request,
        ws,
        form,
        type_name=original.type,
        page=page,
        template="court/forms/correct.html",
        corrects_seq=seq,
    )


def initial_for(type_name: str, ws: Workspace, payload: dict) -> dict:
    if type_name == PARTICIPANT:
        return ParticipantForm.initial_from(payload)
    if type_name == CHARGE:
        return ChargeForm.initial_from(payload)
    if type_name == OPENED:
        return OpeningCorrectionForm.initial_from(payload)
    return EventForm.initial_from(ws.pack.event_types[type_name], payload)
