"""The record-an-event form, generated from the event type's field specs in the pack."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _

from expediente.access.readable import STAFF_ONLY_TYPES
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
    hearing_field,
    next_hearing_id,
)
from expediente.court.forms.labels import field_label, localized
from expediente.court.forms.measures import (
    IMPOSED,
    MEASURE_FIELD,
    measure_field,
    next_measure_id,
)
from expediente.court.forms.petition_detention import (
    CONCERNS,
    EFFECT,
    FILED,
    IN_HEARING,
    PERSON,
    clean_decision,
    concerns_field,
    effect_field,
    has_detention_petitions,
    in_hearing_field,
    person_field,
    person_initial,
    trimmed,
)
from expediente.court.forms.petitions import DECIDED, PETITION_FIELD, petition_field
from expediente.custody.periods import DIED_IN_CUSTODY, IN_ERROR
from expediente.rules.schema import EventType, FieldSpec, OneOf

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
        # values the form does not ask but a correction keeps from its original
        self.kept: dict[str, Any] = {}
        super().__init__(data, tz=ctx.tz, next_seq=next_seq, initial=initial)
        self.groups_of = dict(ctx.pack.event_types[type_name].one_of)
        grouped = {name: group for group, g in self.groups_of.items() for name in g.fields}
        for spec_name, spec in self.specs.items():
            group = grouped.get(spec_name)
            if group is None:
                self.fields[form_name(spec_name)] = spec_field(spec_name, spec, ctx)
            elif form_name(group) not in self.fields:  # the group's question, in its place
                self.fields[form_name(group)] = self._one_answer(self.groups_of[group])
        if not correcting and type_name == DIED_IN_CUSTODY:
            # only a correction of the entry may say the death was recorded by mistake
            self.fields.pop(form_name(IN_ERROR), None)
        self._hearings(initial or {}, correcting)
        self._measures()
        self._petition(initial or {}, correcting)
        self._detention(initial or {}, correcting)
        self._staff_only()
        self.occurred_last()

    def _staff_only(self) -> None:
        """An entry only the court reads (a staff note: ``access/readable.STAFF_ONLY_TYPES``)
        says so under each of its boxes, so that the clerk knows who reads what she writes
        (``access/disclosure.CaseView.inside_court``: no participant, no agency's system)."""
        if self.type_name not in STAFF_ONLY_TYPES:
            return
        said = _(
            "Only the court's staff read this note; it is not shown to the parties or to "
            "other offices' systems."
        )
        for spec_name in self.specs:
            field = self.fields.get(form_name(spec_name))
            if field is not None:
                field.help_text = f"{field.help_text or ''} {said}".strip()

    def _one_answer(self, group: OneOf) -> forms.Field:
        """A ``one_of`` group of yes-or-no fields as one question with one answer."""
        options = [(name, field_label(name, self.specs[name].label)) for name in group.fields]
        return forms.ChoiceField(
            label=localized(group.label),
            required=False,
            widget=forms.RadioSelect,
            choices=[*options, ("", _("Neither of these"))],
            error_messages={"invalid_choice": _("Choose one of the options listed.")},
        )

    def _petition(self, initial: dict[str, Any], correcting: bool) -> None:
        """A decision answers one of the case's open petitions, chosen from a list (a
        correction also offers the petition its original named)."""
        name = form_name(PETITION_FIELD)
        if self.type_name != DECIDED or name not in self.fields or self.ctx.case is None:
            return
        named = initial.get(name)
        keep = named if correcting and isinstance(named, int) else None
        self.fields[name] = petition_field(self.ctx.case, self.ctx.tz, keep=keep)

    def _detention(self, initial: dict[str, Any], correcting: bool) -> None:
        """Whose detention a filing concerns, among the accused held now; what a decision
        does to the detention and whose, where the case has a petition about one to
        answer (``petition_detention.py``). A correction offers what its original named,
        and asks about the detention only if its original said something of it."""
        case, pack = self.ctx.case, self.ctx.pack
        if case is None:
            return
        if self.type_name == FILED and CONCERNS in self.fields:
            keep = initial.get(CONCERNS) if correcting else None
            self.fields[CONCERNS] = concerns_field(
                pack, case, self.ctx.parties, self.specs[CONCERNS], keep
            )
            return
        if self.type_name != DECIDED or EFFECT not in self.fields:
            return
        chosen = initial.get(form_name(PETITION_FIELD))
        asked = initial.get(EFFECT) if correcting else has_detention_petitions(case)
        if not asked:
            for name in (EFFECT, PERSON, "measures", IN_HEARING):
                self.fields.pop(name, None)
            return
        self.fields[EFFECT] = effect_field(self.specs[EFFECT])
        if IN_HEARING in self.fields:
            # a correction keeps the answer its original gave, and asks none it did not
            said = not correcting or isinstance(initial.get(IN_HEARING), bool)
            in_hearing = in_hearing_field(pack, self.specs[IN_HEARING]) if said else None
            if in_hearing is None:
                del self.fields[IN_HEARING]
                if correcting and isinstance(initial.get(IN_HEARING), bool):
                    # not asked in this pack (a decision sent through the API may carry
                    # it): the correction keeps it, as the service requires
                    self.kept[IN_HEARING] = initial[IN_HEARING]
            else:
                self.fields[IN_HEARING] = in_hearing
        keep = initial.get(PERSON) if correcting else None
        self.fields[PERSON] = person_field(pack, case, self.ctx.parties, self.specs[PERSON], keep)
        if not correcting:
            self.fields[PERSON].initial = person_initial(
                case, chosen if isinstance(chosen, int) else None
            )

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if self.type_name == DECIDED and self.ctx.case is not None:
            clean_decision(self, self.ctx.case, self.ctx.pack)
        return cleaned

    def _measures(self) -> None:
        """Imposing a measure is offered the next free id; any other measure entry
        chooses its measure among the case's (``court/forms/measures.py``)."""
        name = form_name(MEASURE_FIELD)
        spec = self.specs.get(MEASURE_FIELD)
        if name not in self.fields or spec is None or spec.type != "text":
            return
        if not self.type_name.startswith("measure."):
            return
        if self.type_name == IMPOSED:
            self.fields[name].initial = next_measure_id(self.ctx.case)
            self.fields[name].help_text = _("A short name for this measure, unique in the case.")
            return
        if self.ctx.case is not None:
            self.fields[name] = measure_field(
                self.ctx.case, self.ctx.parties, str(self.fields[name].label)
            )

    def _hearings(self, initial: dict[str, Any], correcting: bool) -> None:
        """A new hearing is offered the next free id; any other hearing entry chooses
        its hearing among those open for it (a correction also offers the one its
        original named)."""
        name = form_name(HEARING_FIELD)
        spec = self.specs.get(HEARING_FIELD)
        if name not in self.fields or spec is None or spec.type != "text":
            return
        if self.type_name == SCHEDULED:
            self.fields[name].initial = next_hearing_id(self.ctx.hearings)
            self.fields[name].help_text = _("A short name for this hearing, unique in the case.")
            return
        if self.ctx.case is None:
            return
        named = initial.get(name)
        keep = named if correcting and isinstance(named, str) else None
        self.fields[name] = hearing_field(
            self.ctx.case, self.type_name, self.ctx.pack, self.ctx.tz, self.ctx.hearings, keep=keep
        )

    def _group_of(self, spec_name: str) -> str | None:
        return next((g for g, group in self.groups_of.items() if spec_name in group.fields), None)

    def field_for(self, path: str) -> str | None:
        if path.startswith("payload."):
            spec_name = path.removeprefix("payload.").split(".")[0].split("[")[0]
            if (group := self._group_of(spec_name)) is not None:
                return form_name(group)
            name = form_name(spec_name)
            # a field the form does not ask (removed for this pack or this case): the
            # error is the form's own, never a field it cannot show
            return name if spec_name in self.specs and name in self.fields else None
        return super().field_for(path)

    def payload(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for spec_name, spec in self.specs.items():
            if (group := self._group_of(spec_name)) is not None:
                # the answer chosen is yes, the others no ("neither": all no), as the
                # boxes recorded them before: an unticked box was an answer too
                out[spec_name] = self.cleaned_data.get(form_name(group)) == spec_name
                continue
            value = payload_value(spec, self.cleaned_data.get(form_name(spec_name)))
            if value is not None:
                out[spec_name] = value
        out.update(self.kept)
        return trimmed(out) if self.type_name == DECIDED else out

    @staticmethod
    def initial_from(event_type: EventType, payload: dict[str, Any]) -> dict[str, Any]:
        """A stored payload as the form's initial values (to pre-fill a correction). A
        ``one_of`` group answers with its first field that is true (an entry recorded
        before the group was a rule may hold more than one)."""
        initial = {
            form_name(name): initial_value(spec, payload[name])
            for name, spec in event_type.fields.items()
            if name in payload
        }
        for group, spec in event_type.one_of.items():
            for name in spec.fields:
                initial.pop(form_name(name), None)
            chosen = [name for name in spec.fields if payload.get(name) is True]
            initial[form_name(group)] = chosen[0] if chosen else ""
        return initial
