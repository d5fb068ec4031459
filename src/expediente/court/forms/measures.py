"""Measures, as the forms know them.

The pack names a measure by a text field ``measure``, its id in the case (M1, M2, …).
Imposing one offered an empty box labelled "Measure id": a judge on a phone had to make
one up. It now offers the next free M<n>. Every other measure entry (a change, an end, a
check-in, a breach and the response to it) chooses the measure from a list of the
case's measures, those in force first, each with its kind and the person; the value sent
is still the id, so the service, the API and the stored payload are the same. An id not
in the case is refused on the field, naming what was sent."""

from __future__ import annotations

from django import forms
from django.db.models import Case as Case_
from django.db.models import IntegerField, Value, When
from django.utils.translation import gettext as _

from expediente.court.forms.case_data import PartyOption
from expediente.docket.models import Case
from expediente.measures.labels import kind_label
from expediente.measures.models import Measure

MEASURE_FIELD = "measure"
IMPOSED = "measure.imposed"


def next_measure_id(case: Case | None) -> str:
    """M1, M2, …: the first M<n> not yet used in the case."""
    taken = set(Measure.objects.filter(case=case).values_list("uid", flat=True)) if case else set()
    n = len(taken) + 1
    while f"M{n}" in taken:
        n += 1
    return f"M{n}"


def measure_field(case: Case, parties: list[PartyOption], label: str) -> forms.ChoiceField:
    """The case's measures as a choice, in force first, each in the order imposed."""
    names = {p.uid: p.name for p in parties}
    rows = (
        Measure.objects.filter(case=case)
        .select_related("participation")
        .annotate(
            ended=Case_(
                When(status=Measure.Status.ACTIVE, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("ended", "imposed_seq")
    )
    choices = [("", "—")]
    for m in rows:
        params = {
            "measure": m.uid,
            "kind": kind_label(m.kind),
            "person": names.get(m.participation.uid, m.participation.uid),
        }
        text = (
            _("%(measure)s — %(kind)s, %(person)s") % params
            if m.status == Measure.Status.ACTIVE
            else _("%(measure)s — %(kind)s, %(person)s (no longer in force)") % params
        )
        choices.append((m.uid, text))
    field = forms.ChoiceField(
        label=label,
        choices=choices,
        error_messages={
            "required": _("Choose the measure this entry is about."),
            "invalid_choice": _(
                "Choose one of the measures listed: there is no measure %(value)s in this case."
            ),
        },
    )
    if len(choices) == 1:
        field.help_text = _("No measure is recorded in this case yet: record one first.")
    return field
