"""Words on the forms: the pack's own labels in the reader's language, else ours.

The pack's labels win: a field's ``label`` and a choice's ``option_labels``, given per
event type, so the same name can mean different things (``kind`` of hearing, of
measure, of device event). Where the pack gives none, these catalogues give a
translated label for names that mean the same in every event type, and failing that
the id is made readable ("sentence_months" → "Sentence months").
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from expediente.api import present
from expediente.rules.schema import Pack

Localized = dict[str, str]

# Field names used by the shipped packs (generic words, not law), each meaning the same
# in every event type that has it. A name whose meaning depends on the event type (such
# as ``kind``) is labelled in the pack, per event type, never here.
FIELD_LABELS: dict[str, Promise] = {
    "accused": _("Accused"),
    "appellant": _("Who appealed"),
    "conditions": _("Conditions"),
    "courtroom": _("Courtroom"),
    "custodial": _("Custodial sentence (prison)"),
    "details": _("Details"),
    "facility": _("Detention facility"),
    "flagrante": _("Caught in the act"),
    "granted_by": _("Granted by"),
    "grounds": _("Grounds"),
    "hearing": _("Hearing"),
    "measure": _("Measure"),
    "measures": _("Measures"),
    "measures_sought": _("Measures asked for"),
    "months": _("Months"),
    "outcome": _("Outcome"),
    "person": _("Person"),
    "place": _("Place"),
    "reason": _("Reason"),
    "sentence_months": _("Sentence in months"),
    "source": _("Source"),
    "starts_at": _("Date and time"),
    "summary": _("Summary"),
    "terms": _("Terms of the agreement"),
    "text": _("Text"),
    "until": _("Until"),
    "warrant": _("With an arrest warrant"),
}

# Choice options used by the shipped packs.
OPTION_LABELS: dict[str, Promise] = {
    "accused_absent": _("The accused did not come"),
    "acquittal_final": _("Acquittal is final"),
    "acquitted": _("Acquitted"),
    "alternative_measures": _("Other measures instead of detention"),
    "appeal": _("Appeal"),
    "convicted": _("Convicted"),
    "court_closed": _("The court was closed"),
    "custody": _("Custody (detention) hearing"),
    "death": _("The accused died"),
    "defence_absent": _("The defence did not come"),
    "dismissed": _("Dismissed"),
    "enforcement": _("Enforcement of the sentence"),
    "insufficient_evidence": _("Not enough evidence"),
    "interpreter_absent": _("No interpreter"),
    "judge_unavailable": _("The judge was not available"),
    "lifted": _("Lifted"),
    "maintained": _("Kept in place"),
    "measures_replaced": _("Detention replaced by other measures"),
    "modified": _("Changed"),
    "no_charges": _("No charges brought"),
    "no_offence": _("No offence was committed"),
    "order_of_court": _("Court order"),
    "other": _("Other"),
    "overturned": _("Overturned"),
    "partly_convicted": _("Convicted of some charges"),
    "preliminary": _("Preliminary hearing"),
    "pretrial_detention": _("Detention before trial"),
    "prosecutor_absent": _("The prosecutor did not come"),
    "released": _("Released"),
    "replaced": _("Replaced by other measures"),
    "retrial_ordered": _("New trial ordered"),
    "review": _("Review"),
    "sentence_extinguished": _("Sentence no longer applies"),
    "sentence_served": _("Sentence served"),
    "sentencing": _("Sentencing"),
    "settlement": _("Settlement between the parties"),
    "statute_of_limitations": _("Too late to prosecute (time limit passed)"),
    "time_limit": _("Legal time limit reached"),
    "transport_failed": _("The detained person was not brought"),
    "trial": _("Trial"),
    "upheld": _("Upheld"),
    "victim_absent": _("The victim did not come"),
    "withdrawn": _("Withdrawn"),
    "witness_absent": _("A witness did not come"),
}


def localized(text: Localized | None) -> str:
    """The text in the reader's language, else Spanish, else English, else any."""
    return present.localized(text) or ""


def readable(ident: str) -> str:
    """An id made readable: 'accused_absent' → 'Accused absent'."""
    words = ident.replace("_", " ").replace(".", " ").strip()
    return gettext(words[:1].upper() + words[1:]) if words else ident


def field_label(name: str, label: Localized | None) -> str:
    if label:
        return localized(label)
    known = FIELD_LABELS.get(name)
    return str(known) if known is not None else readable(name)


def option_label(option: str, labels: dict[str, Localized] | None = None) -> str:
    """An option of a choice: the pack's label (``option_labels``), else ours."""
    if labels and option in labels:
        return localized(labels[option])
    known = OPTION_LABELS.get(option)
    return str(known) if known is not None else readable(option)


def type_label(pack: Pack, type_name: str) -> str:
    event_type = pack.event_types.get(type_name)
    return localized(event_type.label) if event_type else readable(type_name)


def role_label(pack: Pack, role: str) -> str:
    return localized(pack.roles.get(role)) or readable(role)


def stage_label(pack: Pack, stage: str) -> str:
    try:
        return localized(pack.stage(stage).label)
    except KeyError:
        return readable(stage)
