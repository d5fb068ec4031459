"""The detention on the petition forms: whose detention a filing concerns, and what the
judge's decision does to it, chosen from the case rather than typed.

- The clerk's filing (``petition.filed``) names whose detention a review or habeas
  corpus concerns (``concerns``) among the case's accused held now; a correction also
  offers the person its original named.
- The judge's decision (``petition.decided``) asks, for a review or habeas corpus, what
  it does to the detention (``detention``: upheld after review, lifted, replaced by
  other measures, or nothing about it), as a question with one answer, and whose
  (``person``: the accused held in pretrial detention now, the petition's own person
  first chosen); the service records the custody entry with the decision, in one
  transaction (``petitions/detention.py``). Where the pack's review entry says whether
  the review was held in a hearing (cl: CPP art. 145), the decision asks it too
  (``in_hearing``, yes or no with neither chosen), required when it upholds the
  detention; elsewhere it is not asked. For a petition about a detention the answer
  is required on the form, so that a decision never leaves the review undone by
  omission; the API leaves it optional (a decision recorded before this rule has none).

The values are the payload's, so the service and its refusals are the same as through
the API: a person not held is refused on the field in the service's words.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _

from expediente.court.forms.fields import party_label, yes_no_field
from expediente.court.forms.labels import field_label, localized, option_label
from expediente.custody.models import Kind as Held
from expediente.custody.selectors import held_at
from expediente.docket.models import Case
from expediente.petitions.detention import ABOUT_DETENTION, BRINGS, hearing_asked, subject_of
from expediente.petitions.models import Petition
from expediente.rules.schema import FieldSpec, Pack

FILED = "petition.filed"
DECIDED = "petition.decided"
CONCERNS = "concerns"
EFFECT = "detention"
PERSON = "person"
IN_HEARING = "in_hearing"


def _held(case: Case, *, pretrial: bool) -> set[str]:
    held = held_at(case, timezone.now())
    return {uid for uid, kind in held.items() if not pretrial or kind == Held.PRETRIAL}


def held_choice(
    pack: Pack,
    parties: list[Any],
    spec: FieldSpec,
    name: str,
    held: set[str],
    keep: str | None,
    empty: str,
) -> forms.ChoiceField:
    """The accused among ``held`` (and ``keep``) as a choice, in the roster's order."""
    options = [
        (p.uid, party_label(pack, p))
        for p in parties
        if p.role == "accused" and (p.uid in held or p.uid == keep)
    ]
    hint = localized(spec.help)
    if not options:
        hint = f"{hint} {empty}".strip()
    return forms.ChoiceField(
        label=field_label(name, spec.label),
        help_text=hint,
        required=False,
        choices=[("", _("Choose…")), *options],
        error_messages={
            "invalid_choice": _("Choose someone listed: only an accused held now fits here.")
        },
    )


def concerns_field(
    pack: Pack, case: Case, parties: list[Any], spec: FieldSpec, keep: str | None
) -> forms.ChoiceField:
    return held_choice(
        pack,
        parties,
        spec,
        CONCERNS,
        _held(case, pretrial=False),
        keep,
        _("No accused of this case is held now."),
    )


def has_detention_petitions(case: Case) -> bool:
    """Whether the decision form has a petition about a detention to answer."""
    rows = Petition.objects.filter(case=case, kind__in=sorted(ABOUT_DETENTION))
    return rows.filter(status=Petition.Status.OPEN).exists()


def effect_field(spec: FieldSpec) -> forms.ChoiceField:
    """What the decision does to the detention, as one question with one answer."""
    options = [(o, option_label(o, spec.option_labels)) for o in spec.options or []]
    return forms.ChoiceField(
        label=field_label(EFFECT, spec.label),
        help_text=localized(spec.help),
        required=False,
        widget=forms.RadioSelect,
        choices=options,
        error_messages={"invalid_choice": _("Choose one of the options listed.")},
    )


def in_hearing_field(pack: Pack, spec: FieldSpec) -> forms.Field | None:
    """Whether a decision that upholds the detention was taken in a hearing, asked yes or
    no with neither chosen, only where the pack's review entry says whether the review
    was held in one (cl: CPP art. 145); elsewhere not asked (None)."""
    if hearing_asked(pack) is None:
        return None
    return yes_no_field(
        {
            "label": field_label(IN_HEARING, spec.label),
            "help_text": _(
                "Only when the detention is upheld after review: the review is recorded as "
                "held in a hearing, or not."
            ),
            "required": False,  # asked only for a decision that upholds the detention
        }
    )


def person_field(
    pack: Pack, case: Case, parties: list[Any], spec: FieldSpec, keep: str | None
) -> forms.ChoiceField:
    return held_choice(
        pack,
        parties,
        spec,
        PERSON,
        _held(case, pretrial=True),
        keep,
        _("No accused of this case is held in pretrial detention now."),
    )


def person_initial(case: Case, petition: int | None) -> str | None:
    """Whose detention the decision is likely about: the petition's own person (the
    ``?petition=`` link's), else the one accused held in pretrial detention now."""
    if petition is not None:
        found = Petition.objects.filter(case=case, filed_seq=petition).first()
        subject = subject_of(found) if found is not None else None
        if subject is not None:
            return subject
    held = _held(case, pretrial=True)
    return next(iter(held)) if len(held) == 1 else None


def clean_decision(form: forms.Form, case: Case, pack: Pack) -> None:
    """A decision on a petition about a detention says what it does to it, and whose
    detention that is when it reviews, lifts or replaces it."""
    data = form.cleaned_data
    number = data.get("petition")
    if EFFECT not in form.fields or not isinstance(number, int):
        return
    kind = Petition.objects.filter(case=case, filed_seq=number).values_list("kind", flat=True)
    effect = data.get(EFFECT)
    if kind.first() not in ABOUT_DETENTION:
        # "nothing about the detention" is true of any other petition: not recorded
        if effect == "none":
            data[EFFECT] = ""
        elif effect:
            form.add_error(
                EFFECT,
                _(
                    "Only a decision on a review of the detention or a habeas corpus says "
                    "what it does to the detention: choose “Nothing about the detention”, "
                    "or the petition about the detention."
                ),
            )
        return
    if not effect:
        form.add_error(
            EFFECT,
            _(
                "Say what the decision does to the detention: upheld after review, lifted, "
                "replaced by other measures, or nothing about it."
            ),
        )
    elif effect in BRINGS and not data.get(PERSON) and PERSON in form.fields:
        form.add_error(PERSON, _("Choose whose detention the decision is about."))
    asked = hearing_asked(pack) if IN_HEARING in form.fields else None
    if (
        effect == "maintained"
        and asked is not None
        and asked.required
        and data.get(IN_HEARING) is None
        and form.initial.get(IN_HEARING) is None  # not a correction: it keeps the answer
    ):
        form.add_error(
            IN_HEARING,
            _(
                "Say whether the detention was reviewed in a hearing: yes or no. Only a "
                "review held in a hearing meets the review hearing the law asks for."
            ),
        )


def trimmed(payload: dict[str, Any]) -> dict[str, Any]:
    """A decision's payload without what its answer about the detention does not use: the
    person chosen in advance where nothing is done to a detention, measures typed where
    nothing replaces it (the pack's ``only_if`` would refuse them)."""
    effect = payload.get(EFFECT)
    if effect not in BRINGS:
        payload.pop(PERSON, None)
    if effect != "replaced":
        payload.pop("measures", None)
    if effect != "maintained":
        payload.pop(IN_HEARING, None)
    return payload
