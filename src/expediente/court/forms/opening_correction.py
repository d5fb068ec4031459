"""The correction form of a case's opening entry: what a clerk may change in it.

The date the case was opened, the police report number, the summary and the procedure (a
child filed under the adult procedure, or an adult under the juvenile one: the case page
flags them); the court, the number and the confidentiality are not corrected
(``docket/services/opening_correction.py`` says why, and what a new procedure does to
the deadlines and the confidentiality); the form shows them beside it, as recorded. The
service fills them in from the opening and refuses another value.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from expediente.court.forms.base import EntryForm
from expediente.court.forms.fields import case_details
from expediente.docket.models import Court, Event, Procedure

CORRECTABLE = ("police_report", "summary", "procedure")


class OpeningCorrectionForm(EntryForm):
    occurred_label = gettext_lazy("When was the case opened?")

    def __init__(
        self,
        data: Any = None,
        *,
        tz: ZoneInfo,
        next_seq: int,
        procedures: list[str],
        initial: dict[str, Any] | None = None,
    ) -> None:
        """``procedures``: those the case may be under (the pack's that the court
        hears), the opening's own among them."""
        super().__init__(data, tz=tz, next_seq=next_seq, initial=initial)
        case_details(self)
        self.fields["procedure"] = forms.ChoiceField(
            label=_("Procedure"),
            choices=[(p, Procedure(p).label) for p in procedures],
            help_text=_(
                "Change it only if the case was opened under the wrong one: every deadline "
                "is then counted again under the other procedure's rules, from the start. "
                "A case moved to the juvenile procedure is closed to the public; one moved "
                "to the adult procedure stays closed until an order of the court opens it."
            ),
            error_messages={
                "required": _("Choose the procedure."),
                "invalid_choice": _("Choose a procedure this court handles."),
            },
        )
        self.occurred_last()

    @staticmethod
    def initial_from(payload: dict[str, Any]) -> dict[str, Any]:
        return {name: payload.get(name, "") for name in CORRECTABLE}

    def payload(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in CORRECTABLE}


def fixed_rows(original: Event, court: Court) -> list[tuple[str, str]]:
    """What the opening holds that this form does not correct, in words."""
    from expediente.court.pages.timeline import opening_lines

    return [
        (_("Court"), court.name),
        (_("Case number"), str(original.payload.get("number", ""))),
        *opening_lines(original.payload, fixed_only=True),
    ]


FIXED_NOTE = gettext_lazy(
    "The court, the case number and the confidentiality cannot be corrected: the number is "
    "printed on summonses and notices, and the confidentiality changes by a sealing or "
    "unsealing order."
)
