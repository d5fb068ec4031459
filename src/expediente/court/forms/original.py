"""The entry being corrected, in words, to show beside the correction form."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext as _

from expediente.court.forms.base import EntryForm
from expediente.court.pages.timeline import recorded_by
from expediente.docket.models import Event

if TYPE_CHECKING:
    from expediente.court.forms.flow import Workspace


def shown(field: forms.Field, value: Any, ws: Workspace) -> str:
    if isinstance(field, forms.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))  # type: ignore[arg-type]
    if isinstance(value, dt.datetime):
        return formats.date_format(value.astimezone(ws.tz), "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


def describe(form: EntryForm, ws: Workspace, original: Event) -> list[tuple[str, str]]:
    """(label, value) for each field the original entry filled in, in the form's order."""
    rows = []
    for name, field in form.fields.items():
        if name == "occurred_at" or isinstance(field.widget, forms.HiddenInput):
            continue
        value = form.initial.get(name)
        if value is None or value == "":
            continue
        rows.append((str(field.label), shown(field, value, ws)))
    when = formats.date_format(original.occurred_at.astimezone(ws.tz), "DATETIME_FORMAT")
    recorded = formats.date_format(original.recorded_at.astimezone(ws.tz), "DATETIME_FORMAT")
    rows.append((_("When it happened"), when))
    rows.append((_("Recorded by"), f"{recorded_by(original)}, {recorded}"))
    if original.corrects_seq is not None:  # a correction being corrected again
        reason = original.correction_reason or _("No reason recorded")
        rows.append((_("Why it was corrected"), reason))
    return rows
