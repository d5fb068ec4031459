"""Add a party to a case: their role, who they are, and whether they are protected; for
a guardian whom she stands for, for a lawyer of the defence the accused she acts for."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from expediente.court.forms import widgets
from expediente.court.forms.base import EntryForm
from expediente.court.forms.fields import (
    FormContext,
    choose,
    fill_in,
    party_label,
    spec_field,
    too_long,
)
from expediente.court.forms.labels import localized, role_label
from expediente.docket.counsel import ACCUSED, ACTS_FOR, COUNSEL_ROLES
from expediente.docket.countries import STATELESS, country_choices
from expediente.docket.models import Role
from expediente.docket.standing import GUARDIAN, STANDS_FOR

PERSON_FIELDS = (
    "kind",
    "given_names",
    "family_names",
    "legal_name",
    "sex",
    "date_of_birth",
    "id_number",
    "nationality",
)
NATURAL_ONLY = {"given_names", "family_names", "sex", "date_of_birth"}
LEGAL_ONLY = {"legal_name"}


def _text(label: str, limit: int, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=limit,
        required=False,
        help_text=help_text,
        error_messages={"max_length": too_long()},
    )


class ParticipantForm(EntryForm):
    occurred_label = gettext_lazy("When did they become part of the case?")

    def __init__(
        self,
        data: Any = None,
        *,
        ctx: FormContext,
        next_seq: int,
        initial: dict[str, Any] | None = None,
        correcting: bool = False,
    ) -> None:
        """``correcting``: the form corrects an earlier ``participant.added`` entry; it
        then has no "whom she stands for" nor "the accused they act for" field (a
        correction restates the person and her role, and records nothing else: those are
        entries of their own, on the record page)."""
        super().__init__(data, tz=ctx.tz, next_seq=next_seq, initial=initial)
        roles = [(r, role_label(ctx.pack, r)) for r in ctx.pack.roles if r in Role.values]
        self.guardian_label = role_label(ctx.pack, GUARDIAN)
        label = _("Their part in the case")
        self.fields["role"] = forms.ChoiceField(
            label=label,
            choices=[("", _("Choose…")), *roles],
            error_messages={
                "required": choose(label),
                "invalid_choice": _("Choose one of the roles listed."),
            },
        )
        self.fields["kind"] = forms.ChoiceField(
            label=_("Is this a person or an organisation?"),
            choices=[
                ("natural", _("A person")),
                ("legal", _("A company or organisation")),
            ],
            initial="natural",
            widget=forms.RadioSelect,
            error_messages={
                "required": _("Choose a person or an organisation."),
                "invalid_choice": _("Choose a person or an organisation."),
            },
        )
        self.fields["given_names"] = _text(
            _("Given names"), 200, _("For a person, fill in at least one of the two names.")
        )
        self.fields["family_names"] = _text(_("Family names"), 200)
        self.fields["legal_name"] = _text(
            _("Name of the company or organisation"),
            300,
            _("Only for a company or organisation."),
        )
        self.fields["sex"] = forms.ChoiceField(
            label=_("Sex"),
            choices=[
                ("unknown", _("Not stated")),
                ("female", _("Female")),
                ("male", _("Male")),
                ("other", _("Other")),
            ],
            initial="unknown",
            required=False,
            error_messages={"invalid_choice": _("Choose one of the options listed.")},
        )
        today = timezone.now().astimezone(ctx.tz).date()
        self.fields["date_of_birth"] = widgets.DayField(
            label=_("Date of birth"),
            required=False,
            widget=widgets.DateInput,
            validators=[
                widgets.not_before_year(1900, _("Enter a date of birth after the year 1900.")),
                widgets.not_future_date(ctx.tz, _("The date of birth cannot be in the future.")),
            ],
            error_messages={
                "invalid": _("Enter a real date, for example %(example)s.")
                % {"example": today.replace(year=today.year - 30).isoformat()}
            },
        )
        self.fields["id_number"] = _text(
            _("Identity document number"), 60, _("As written on the document.")
        )
        # "stateless" is a choice of its own, apart from the countries: not a country,
        # and not "not known" (docket/countries.py)
        self.fields["nationality"] = forms.ChoiceField(
            label=_("Nationality"),
            choices=[
                ("", _("Not known")),
                (STATELESS, _("Stateless (no country considers them its national)")),
                (_("Countries"), country_choices(get_language() or "en")),
            ],
            required=False,
            help_text=_(
                "The country of which the person is a national, if known. For someone who "
                "is also a national of this court's country, choose this country."
            ),
            error_messages={"invalid_choice": _("Choose a country from the list, or “Stateless”.")},
        )
        self.fields["pseudonym"] = _text(
            _("Pseudonym"),
            100,
            _("A name to show instead of the real one, for a victim or witness who is protected."),
        )
        self.fields["protected"] = forms.BooleanField(
            label=_("This person is protected: keep their identity out of public view"),
            required=False,
        )
        stands_for = ctx.pack.event_types.get(STANDS_FOR)
        if not correcting and stands_for is not None and "stands_for" in stands_for.fields:
            # a guardian's ward, chosen from the case's participants the pack allows; the
            # entry is recorded with the guardian's, in the same transaction (``then``)
            field = spec_field("stands_for", stands_for.fields["stands_for"], ctx)
            field.required = False
            field.label = _("For a guardian: whom she stands for")
            field.help_text = _(
                "The young accused, or the child victim, complainant or witness this parent "
                "or legal guardian is responsible for. Add that person to the case first."
            )
            self.fields["stands_for"] = field
        self.counsel_labels = ", ".join(role_label(ctx.pack, r) for r in sorted(COUNSEL_ROLES))
        acts_for = ctx.pack.event_types.get(ACTS_FOR)
        accused = [p for p in ctx.parties if p.role == ACCUSED]
        if not correcting and acts_for is not None and accused:
            # the accused a lawyer of the defence acts for, one entry each, recorded with
            # the lawyer's in the same transaction (``then``; docket/counsel.py)
            self.fields["acts_for"] = forms.MultipleChoiceField(
                label=_("For defence counsel: the accused they act for"),
                help_text=_(
                    "Tick each accused this lawyer or public defender acts for. A withdrawal "
                    "or a replacement is recorded later, as “%(what)s”."
                )
                % {"what": localized(dict(acts_for.label))},
                choices=[(p.uid, party_label(ctx.pack, p)) for p in accused],
                widget=forms.CheckboxSelectMultiple,
                required=False,
                error_messages={"invalid_choice": _("Choose among the accused listed.")},
            )
        self.occurred_last()

    groups = (
        ("", ("role", "stands_for", "acts_for")),
        (gettext_lazy("Who they are"), PERSON_FIELDS),
        (gettext_lazy("Protection"), ("pseudonym", "protected")),
        ("", ("occurred_at",)),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        kind = data.get("kind")
        if kind == "natural" and not (data.get("given_names") or data.get("family_names")):
            self.add_error("given_names", _("Enter the given names or the family names."))
        if kind == "legal" and not data.get("legal_name"):
            self.add_error("legal_name", fill_in(str(self.fields["legal_name"].label)))
        if data.get("stands_for") and data.get("role") != GUARDIAN:
            self.add_error(
                "stands_for",
                _("Only a guardian stands for someone: leave this empty, or choose %(role)s.")
                % {"role": self.guardian_label},
            )
        if data.get("acts_for") and data.get("role") not in COUNSEL_ROLES:
            self.add_error(
                "acts_for",
                _(
                    "Only defence counsel acts for an accused: leave this empty, or choose "
                    "one of %(roles)s."
                )
                % {"roles": self.counsel_labels},
            )
        return data

    def then(self, participant: str) -> list[tuple[str, dict[str, Any]]]:
        """The entries recorded with this one: whom the guardian ``participant`` stands
        for, when the clerk chose someone; each accused the lawyer ``participant`` acts
        for, when the clerk ticked any. Fields absent from a correction's form give none."""
        role = self.cleaned_data.get("role")
        ward = self.cleaned_data.get("stands_for") if "stands_for" in self.fields else None
        if role == GUARDIAN and ward:
            return [(STANDS_FOR, {"guardian": participant, "stands_for": ward})]
        clients = self.cleaned_data.get("acts_for") if "acts_for" in self.fields else None
        if role in COUNSEL_ROLES and clients:
            return [(ACTS_FOR, {"counsel": participant, "accused": uid}) for uid in clients]
        return []

    def clean_nationality(self) -> str:
        return str(self.cleaned_data.get("nationality") or "")

    def field_for(self, path: str) -> str | None:
        if path == "payload.person":  # the whole person: say which name is missing
            return "legal_name" if self.data.get("kind") == "legal" else "given_names"
        if path.startswith("payload.person."):
            name = path.removeprefix("payload.person.")
            return name if name in PERSON_FIELDS else None
        return super().field_for(path)

    def payload(self) -> dict[str, Any]:
        data = self.cleaned_data
        kind = data["kind"]
        person: dict[str, Any] = {"kind": kind}
        skip = NATURAL_ONLY if kind == "legal" else LEGAL_ONLY
        for name in PERSON_FIELDS[1:]:
            value = data.get(name)
            if name in skip or value is None or value == "":
                continue
            person[name] = value.isoformat() if name == "date_of_birth" else value
        payload: dict[str, Any] = {
            "role": data["role"],
            "person": person,
            "protected": bool(data.get("protected")),
        }
        if data.get("pseudonym"):
            payload["pseudonym"] = data["pseudonym"]
        return payload

    @staticmethod
    def initial_from(payload: dict[str, Any]) -> dict[str, Any]:
        person = payload.get("person") or {}
        initial = {name: person[name] for name in PERSON_FIELDS if name in person}
        for name in ("role", "pseudonym", "protected"):
            if name in payload:
                initial[name] = payload[name]
        return initial
