"""The correction form of a case's opening entry: what a clerk may change in it.

Only the date the case was opened, the police report number and the summary: the court,
the number, the procedure and the confidentiality are not corrected
(``docket/services/opening_correction.py`` says why); the form shows them beside it, as
recorded. The service fills them in from the opening and refuses another value.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from expediente.court.forms.base import EntryForm
from expediente.court.forms.fields import case_details
from expediente.docket.models import Court, Event

CORRECTABLE = ("police_report", "summary")


class OpeningCorrectionForm(EntryForm):
    occurred_label = gettext_lazy("When was the case opened?")

    def __init__(
        self,
        data: Any = None,
        *,
        tz: ZoneInfo,
        next_seq: int,
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, tz=tz, next_seq=next_seq, initial=initial)
        case_details(self)
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
    "The court, the case number, the procedure and the confidentiality cannot be corrected: "
    "the number is printed on summonses and notices, the stages and deadlines follow from "
    "the procedure, and the confidentiality changes by a sealing or unsealing order."
)
