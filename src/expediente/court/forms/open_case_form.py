"""Open a case: in which court, which procedure, and what it is about."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from expediente.court.forms.base import EntryForm
from expediente.court.forms.fields import case_details, choose
from expediente.court.forms.widgets import zone_hint
from expediente.docket.models import Court, Procedure
from expediente.rules.loader import load_pack


class OpenCaseForm(EntryForm):
    occurred_label = gettext_lazy("When was the case opened?")

    def __init__(
        self,
        data: Any = None,
        *,
        courts: list[Court],
        procedures: list[str],
        initial: dict[str, Any] | None = None,
    ) -> None:
        """``courts``: where the actor may open cases (at least one)."""
        self.courts = {c.code: c for c in courts}
        chosen = self.courts.get((data or {}).get("court", ""), courts[0])
        initial = ({"court": courts[0].code} if len(courts) == 1 else {}) | (initial or {})
        super().__init__(data, tz=ZoneInfo(chosen.timezone), next_seq=None, initial=initial)
        label = _("Court")
        self.fields["court"] = forms.ChoiceField(
            label=label,
            choices=[("", _("Choose…"))] + [(c.code, c.name) for c in courts],
            error_messages={
                "required": choose(label),
                "invalid_choice": _("Choose one of your courts from the list."),
            },
        )
        self.fields["procedure"] = forms.ChoiceField(
            label=_("Procedure"),
            choices=[(p, Procedure(p).label) for p in procedures],
            initial=procedures[0],
            widget=forms.RadioSelect,
            help_text=_("Juvenile cases are closed to the public."),
            error_messages={
                "required": _("Choose the procedure."),
                "invalid_choice": _("Choose a procedure this court handles."),
            },
        )
        case_details(self)
        if len({c.timezone for c in courts}) > 1:
            self.fields["occurred_at"].help_text = _("On the clock of the court chosen above.")
        else:
            self.fields["occurred_at"].help_text = zone_hint(ZoneInfo(chosen.timezone))
        self.occurred_last()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        court = self.courts.get(data.get("court") or "")
        procedure = data.get("procedure")
        if court is not None and procedure:
            heard = court.hears(load_pack(court.rule_pack).procedures)
            if procedure not in heard:
                self.add_error(
                    "procedure",
                    _("%(court)s does not hear %(procedure)s cases. It hears: %(heard)s.")
                    % {
                        "court": court.name,
                        "procedure": str(Procedure(procedure).label).lower(),
                        "heard": ", ".join(str(Procedure(p).label).lower() for p in heard),
                    },
                )
        return data

    @property
    def court(self) -> Court:
        return self.courts[self.cleaned_data["court"]]
