"""The record-an-event form, generated from the event type's field specs in the pack."""

from __future__ import annotations

from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from expediente.court.forms.base import HIDDEN, EntryForm
from expediente.court.forms.fields import (
    FormContext,
    initial_value,
    payload_value,
    spec_field,
)
from expediente.court.forms.hearings import (
    HEARING_FIELD,
    SCHEDULED,
    HearingOption,
    next_hearing_id,
)
from expediente.court.forms.petitions import DECIDED, PETITION_FIELD, petition_field
from expediente.court.forms.widgets import SuggestingTextInput
from expediente.rules.schema import FieldSpec

RESERVED = {*HIDDEN, "occurred_at"}


def form_name(spec_name: str) -> str:
    """A pack field's name on the form (renamed only if it clashes with ours)."""
    return f"payload_{spec_name}" if spec_name in RESERVED else spec_name


class EventForm(EntryForm):
    def __init__(
        self,
        data: Any = None,
        *,
        ctx: FormContext,
        type_name: str,
        next_seq: int,
        initial: dict[str, Any] | None = None,
        correcting: bool = False,
    ) -> None:
        """``correcting``: the form corrects an entry (``initial`` holds its values)."""
        self.ctx = ctx
        self.type_name = type_name
        self.specs: dict[str, FieldSpec] = dict(ctx.pack.event_types[type_name].fields)
        super().__init__(data, tz=ctx.tz, next_seq=next_seq, initial=initial)
        for spec_name, spec in self.specs.items():
            self.fields[form_name(spec_name)] = spec_field(spec_name, spec, ctx)
        self._hearings()
        self._petition(initial or {}, correcting)
        self.occurred_last()

    def _petition(self, initial: dict[str, Any], correcting: bool) -> None:
        """A decision answers one of the case's open petitions, chosen from a list (a
        correction also offers the petition its original named)."""
        name = form_name(PETITION_FIELD)
        if self.type_name != DECIDED or name not in self.fields or self.ctx.case is None:
            return
        named = initial.get(name)
        keep = named if correcting and isinstance(named, int) else None
        self.fields[name] = petition_field(self.ctx.case, self.ctx.tz, keep=keep)

    def _hearings(self) -> None:
        hearing = self.fields.get(form_name(HEARING_FIELD))
        spec = self.specs.get(HEARING_FIELD)
        if hearing is None or spec is None or spec.type != "text":
            return
        if self.type_name == SCHEDULED:
            hearing.initial = next_hearing_id(self.ctx.hearings)
            hearing.help_text = _("A short name for this hearing, unique in the case.")
            return
        suggestions = [(h.uid, self._when(h)) for h in self.ctx.hearings]
        hearing.widget = SuggestingTextInput(suggestions, attrs=hearing.widget.attrs)
        if suggestions:
            hearing.help_text = _("The hearing's name, for example %(example)s.") % {
                "example": suggestions[-1][0]
            }

    def _when(self, hearing: HearingOption) -> str:
        value = initial_value(FieldSpec(type="datetime"), hearing.starts_at)
        if isinstance(value, str) or value is None:
            return hearing.uid
        local = value.astimezone(self.ctx.tz)
        return f"{hearing.uid} — {formats.date_format(local, 'DATETIME_FORMAT')}"

    def field_for(self, path: str) -> str | None:
        if path.startswith("payload."):
            spec_name = path.removeprefix("payload.").split(".")[0].split("[")[0]
            name = form_name(spec_name)
            return name if spec_name in self.specs else None
        return super().field_for(path)

    def payload(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for spec_name, spec in self.specs.items():
            value = payload_value(spec, self.cleaned_data.get(form_name(spec_name)))
            if value is not None:
                out[spec_name] = value
        return out

    @staticmethod
    def initial_from(specs: dict[str, FieldSpec], payload: dict[str, Any]) -> dict[str, Any]:
        """A stored payload as the form's initial values (to pre-fill a correction)."""
        return {
            form_name(name): initial_value(spec, payload[name])
            for name, spec in specs.items()
            if name in payload
        }
