"""The petition a decision answers, chosen from a list instead of typed as a number.

The pack's ``petition.decided`` names the petition by its filing entry number (an
``int`` field). On the form the judge chooses it from the case's open petitions, each
shown with its kind, who filed it, when and its receipt number. The value sent is still
the entry number, so the service, the projector's check and the stored payload are the
same as through the API.

A number that is not on the list is refused on the field, saying why: the petition was
already decided (and how to change that decision), or there is no petition awaiting an
answer with that number in this case (a petition of another case is not offered).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import formats
from django.utils.translation import gettext as _

from expediente.docket.models import Case
from expediente.petitions.models import Petition

DECIDED = "petition.decided"
PETITION_FIELD = "petition"


@dataclass(frozen=True)
class PetitionOption:
    number: int  # the filing entry's number: the value the payload carries
    kind: str
    petitioner: str
    filed_at: dt.datetime
    receipt: str


def petition_options(case: Case, *, keep: int | None = None) -> list[PetitionOption]:
    """The case's petitions awaiting an answer, oldest first; ``keep`` (the petition a
    correction's original decision named) is listed even though it is decided."""
    rows = Petition.objects.filter(case=case).select_related("petitioner__person")
    rows = rows.filter(status=Petition.Status.OPEN) | rows.filter(filed_seq=keep or 0)
    return [
        PetitionOption(
            number=p.filed_seq,
            kind=str(p.get_kind_display()),
            petitioner=p.petitioner.person.display_name,
            filed_at=p.filed_at,
            receipt=p.receipt,
        )
        for p in rows.order_by("filed_seq")
    ]


def option_label(option: PetitionOption, tz: ZoneInfo) -> str:
    """E.g. "Entry 7: Review of the detention — José Pérez Mora, 2 March 2026 09:15 —
    receipt SJ-PENAL-2026-26-000123-0042-PE-7"."""
    when = formats.date_format(option.filed_at.astimezone(tz), "DATETIME_FORMAT")
    return _("Entry %(number)s: %(kind)s — %(who)s, %(when)s — receipt %(receipt)s") % {
        "number": option.number,
        "kind": option.kind,
        "who": option.petitioner,
        "when": when,
        "receipt": option.receipt,
    }


class PetitionChoiceField(forms.TypedChoiceField):
    """The open petitions as a choice; the cleaned value is the entry number (int)."""

    def __init__(self, *, case: Case, options: list[PetitionOption], **kwargs: Any) -> None:
        self.case = case
        super().__init__(coerce=int, empty_value=None, **kwargs)
        self.offered = {str(o.number) for o in options}

    def validate(self, value: Any) -> None:
        if value in self.empty_values:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if str(value) in self.offered:
            return
        raise forms.ValidationError(_why_not(self.case, str(value)), code="invalid_choice")


def _why_not(case: Case, value: str) -> str:
    number = int(value) if value.isdigit() and len(value) < 10 else None
    decided = (
        Petition.objects.filter(case=case, filed_seq=number, status=Petition.Status.DECIDED)
        .values_list("decided_seq", flat=True)
        .first()
        if number is not None
        else None
    )
    if decided is not None:
        return _(
            "The petition of entry %(number)s was already decided (entry %(decided)s). "
            "To change that decision, correct its entry."
        ) % {"number": number, "decided": decided}
    return _(
        "Choose one of the petitions listed: there is no petition awaiting an answer "
        "with the number %(value)s in this case."
    ) % {"value": value[:20]}


def petition_field(case: Case, tz: ZoneInfo, *, keep: int | None = None) -> forms.Field:
    options = petition_options(case, keep=keep)
    label = _("Petition answered")
    hint = _("The petitions of this case awaiting an answer, the oldest first.")
    if not options:
        hint = _("No petition in this case is awaiting an answer.")
    return PetitionChoiceField(
        case=case,
        options=options,
        label=label,
        help_text=hint,
        required=True,
        choices=[("", _("Choose…")), *((str(o.number), option_label(o, tz)) for o in options)],
        error_messages={
            "required": _("Choose the petition this decision answers."),
        },
    )
