"""Words for what the docket stores as codes: event fields and the options of choices.

Stage, event type and role labels come from the rule pack, in the user's language. Field
labels come from the pack when it gives them; most baseline fields do not, and no pack
labels its choice options yet, so the generic names below (structure every jurisdiction
shares, not law) stand in until the pack schema carries them. An unknown code is shown
as it is, with underscores as spaces: never hidden.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from expediente.api.present import localized
from expediente.court.pages.hearings import Sitting
from expediente.rules.schema import Pack

FIELDS: dict[str, Promise] = {
    "accused": _("Accused"),
    "appellant": _("Appellant"),
    "conditions": _("Conditions"),
    "courtroom": _("Courtroom"),
    "custodial": _("Custodial sentence"),
    "details": _("Details"),
    "facility": _("Detention facility"),
    "flagrante": _("Caught in the act"),
    "granted_by": _("Granted by"),
    "grounds": _("Grounds"),
    "hearing": _("Hearing"),
    "kind": _("Kind of hearing"),
    "measure": _("Measure"),
    "measures": _("Measures"),
    "measures_sought": _("Measures sought"),
    "months": _("Months"),
    "outcome": _("Outcome"),
    "person": _("Person"),
    "place": _("Place"),
    "reason": _("Reason"),
    "sentence_months": _("Sentence (months)"),
    "source": _("Source"),
    "starts_at": _("Date and time"),
    "summary": _("Summary"),
    "terms": _("Terms"),
    "text": _("Text"),
    "until": _("Until"),
    "warrant": _("With a warrant"),
}

OPTIONS: dict[str, Promise] = {
    # kinds of hearing
    "custody": _("custody"),
    "preliminary": _("preliminary"),
    "trial": _("trial"),
    "sentencing": _("sentencing"),
    "appeal": _("appeal"),
    "review": _("review"),
    "enforcement": _("enforcement"),
    "other": _("other"),
    # outcomes
    "pretrial_detention": _("pretrial detention"),
    "alternative_measures": _("alternative measures"),
    "released": _("released"),
    "maintained": _("maintained"),
    "replaced": _("replaced"),
    "lifted": _("lifted"),
    "convicted": _("convicted"),
    "acquitted": _("acquitted"),
    "partly_convicted": _("partly convicted"),
    "upheld": _("upheld"),
    "overturned": _("overturned"),
    "modified": _("modified"),
    "retrial_ordered": _("retrial ordered"),
    "dismissed": _("dismissed"),
    # reasons
    "accused_absent": _("the accused did not attend"),
    "defence_absent": _("the defence did not attend"),
    "prosecutor_absent": _("the prosecutor did not attend"),
    "witness_absent": _("a witness did not attend"),
    "victim_absent": _("the victim did not attend"),
    "judge_unavailable": _("the judge was not available"),
    "transport_failed": _("the detainee was not brought"),
    "interpreter_absent": _("the interpreter did not attend"),
    "court_closed": _("the court was closed"),
    "no_charges": _("no charges"),
    "order_of_court": _("order of the court"),
    "measures_replaced": _("measures replaced"),
    "sentence_served": _("sentence served"),
    "time_limit": _("time limit reached"),
    "insufficient_evidence": _("insufficient evidence"),
    "no_offence": _("no offence"),
    "statute_of_limitations": _("statute of limitations"),
    "death": _("death"),
    "withdrawn": _("withdrawn"),
    "settlement": _("settlement"),
    "acquittal_final": _("final acquittal"),
    "sentence_extinguished": _("sentence extinguished"),
}


def readable(code: str) -> str:
    return code.replace("_", " ")


def field_label(pack: Pack, type_name: str, name: str) -> str:
    event_type = pack.event_types.get(type_name)
    spec = event_type.fields.get(name) if event_type else None
    from_pack = localized(spec.label) if spec else None
    return from_pack or str(FIELDS.get(name, readable(name).capitalize()))


def option_label(value: str, pack_labels: dict[str, dict[str, str]] | None = None) -> str:
    """A choice's value in words: the pack's label for it (``option_labels`` of the
    field, per language), else ours. A measure's kind read "periodic reporting" in
    English on the Spanish timeline while the form said "Presentación periódica"."""
    if pack_labels and value in pack_labels:
        return localized(pack_labels[value]) or readable(value)
    return str(OPTIONS.get(value, readable(value)))


def event_type_label(pack: Pack, type_name: str) -> str:
    event_type = pack.event_types.get(type_name)
    return (localized(event_type.label) if event_type else None) or type_name


def role_label(pack: Pack, role: str) -> str:
    return localized(pack.roles.get(role)) or readable(role)


ENFORCEMENT = "enforcement"  # the stage ``judgment.final`` leads to (intl.yaml)
# A final judgment that acquitted every accused leads to the enforcement stage too, but
# nothing is carried out: "the judgment is final and is being carried out" beside an
# acquittal would cast doubt on it (the presumption of innocence, ICCPR art. 14(2)).
ACQUITTED_FINAL = (
    _("Final judgment: acquittal"),
    _("The judgment is final. The court acquitted: nothing is to be carried out in this case."),
)


def stage_text(pack: Pack, stage_id: str, finality: str | None = None) -> tuple[str, str]:
    """The stage's label and its plain explanation, in the user's language; a case whose
    final judgment acquitted everyone it judged (``finality``, from
    ``portal.public.finality``) is said to be finally acquitted, not "being carried out"."""
    if stage_id == ENFORCEMENT and finality == "acquitted":
        return str(ACQUITTED_FINAL[0]), str(ACQUITTED_FINAL[1])
    try:
        stage = pack.stage(stage_id)
    except KeyError:
        return readable(stage_id), ""
    return localized(stage.label) or stage_id, localized(stage.explain) or ""


STATUSES: dict[str, Promise] = {
    "scheduled": _("Scheduled"),
    "held": _("Held"),
    "not_held": _("Not held"),
    "moved": _("Moved to another date"),
}


@dataclass(frozen=True)
class HearingLine:
    """A sitting of a hearing, in words."""

    sitting: Sitting
    kind: str
    status: str
    reason: str

    @property
    def starts_at(self) -> dt.datetime:
        return self.sitting.starts_at

    @property
    def courtroom(self) -> str:
        return self.sitting.courtroom


def hearing_line(sitting: Sitting) -> HearingLine:
    return HearingLine(
        sitting=sitting,
        kind=option_label(sitting.kind) if sitting.kind else "",
        status=str(STATUSES[sitting.status]),
        reason=option_label(sitting.reason) if sitting.status == "not_held" else sitting.reason,
    )
