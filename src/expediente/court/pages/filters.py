"""The GET forms of the reading pages: case search, the day calendar, the judge's list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from expediente.court.forms.widgets import DayField
from expediente.court.pages import labels
from expediente.court.pages.search import CaseFilters
from expediente.days import FIRST_DAY, LAST_DAY, in_bounds
from expediente.docket.models import Court, Procedure
from expediente.rules.loader import load_pack


def stage_choices(courts: list[Court]) -> list[tuple[str, str]]:
    """Every stage of the courts' rule packs, in procedure order, labelled once."""
    seen: dict[str, str] = {}
    for pack_id in dict.fromkeys(c.rule_pack for c in courts):
        pack = load_pack(pack_id)
        for stage in pack.stages:
            seen.setdefault(stage.id, labels.stage_text(pack, stage.id)[0])
    return list(seen.items())


class CaseSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Case number, national identifier, police report number or name"),
        help_text=_(
            "For example 26-000123-0042-PE, or a party's name: Jose Perez finds José Pérez."
        ),
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    court = forms.ChoiceField(label=_("Court"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    procedure = forms.ChoiceField(
        label=_("Procedure"),
        required=False,
        choices=[("", _("Adult or juvenile")), *Procedure.choices],
    )
    custody = forms.ChoiceField(
        label=_("Custody"),
        required=False,
        choices=[
            ("", _("In custody or not")),
            ("yes", _("Someone in custody")),
            ("no", _("No one in custody")),
        ],
    )

    def __init__(self, data: Any, *, courts: list[Court]) -> None:
        super().__init__(data)
        court_field = self.fields["court"]
        stage_field = self.fields["stage"]
        assert isinstance(court_field, forms.ChoiceField)
        assert isinstance(stage_field, forms.ChoiceField)
        court_field.choices = [("", _("All my courts")), *((c.code, c.name) for c in courts)]
        stage_field.choices = [("", _("Any stage")), *stage_choices(courts)]

    def filters(self) -> CaseFilters:
        if not self.is_bound or not self.is_valid():
            return CaseFilters()
        data = self.cleaned_data
        return CaseFilters(
            q=data["q"],
            court=data["court"],
            stage=data["stage"],
            procedure=data["procedure"],
            custody=data["custody"],
        )


class DateInput(forms.DateInput):
    input_type = "date"


class CalendarForm(forms.Form):
    court = forms.ChoiceField(label=_("Court"), required=False)
    date = DayField(
        label=_("Day"),
        help_text=_("For example 2026-03-14"),
        widget=DateInput(format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter the day as year-month-day, for example 2026-03-14.")},
    )
    mine = forms.BooleanField(
        label=_("Only hearings of cases that name me as the judge"), required=False
    )

    def __init__(self, data: Any, *, courts: list[Court], judge: bool = False) -> None:
        """``judge``: the reader is a judge in one of ``courts`` (only judges are offered
        "cases that name me"); with several courts, "All my courts" comes first."""
        super().__init__(data)
        court_field = self.fields["court"]
        assert isinstance(court_field, forms.ChoiceField)
        everywhere = [("", _("All my courts"))] if len(courts) > 1 else []
        court_field.choices = [*everywhere, *((c.code, c.name) for c in courts)]
        court_field.required = len(courts) == 1
        if not judge:
            del self.fields["mine"]

    def clean_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["date"]
        if not in_bounds(day):
            raise forms.ValidationError(
                _("Give a day between %(first)s and %(last)s.")
                % {"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()}
            )
        return day


class MyCasesForm(forms.Form):
    named = forms.BooleanField(label=_("Only cases that name me as the judge"), required=False)
