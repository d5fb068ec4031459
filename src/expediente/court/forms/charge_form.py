"""File a charge: which accused, which offence of the pack's catalogue, and its flags."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from expediente.court.forms.base import EntryForm
from expediente.court.forms.fields import (
    FormContext,
    offence_options,
    party_label,
    select,
    too_long,
)
from expediente.court.forms.labels import localized
from expediente.docket.models import Role

FLAGS = ("attempted", "firearm", "violence_against_women", "cyber")


class ChargeForm(EntryForm):
    occurred_label = gettext_lazy("When was the charge filed?")

    def __init__(
        self,
        data: Any = None,
        *,
        ctx: FormContext,
        next_seq: int,
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, tz=ctx.tz, next_seq=next_seq, initial=initial)
        accused = [(p.uid, party_label(ctx.pack, p)) for p in ctx.parties if p.role == Role.ACCUSED]
        self.fields["accused"] = select(
            {"label": _("Who is charged?"), "help_text": "", "required": True},
            accused,
            _("Choose someone listed: only an accused person can be charged."),
            _("No one in this case is an accused person yet: add them to the case first."),
        )
        self.fields["offence"] = select(
            {
                "label": _("Offence"),
                "help_text": _("From the offence catalogue of %(pack)s.")
                % {"pack": localized(ctx.pack.name)},
                "required": True,
            },
            offence_options(ctx.pack),
            _("Choose an offence from the list."),
            _("This court's rules have no offence catalogue."),
        )
        labels = {
            "attempted": _("Attempted, not completed"),
            "firearm": _("A firearm was involved"),
            "violence_against_women": _("Violence against women"),
            "cyber": _("Committed with computers or online"),
        }
        for flag in FLAGS:
            self.fields[flag] = forms.BooleanField(label=labels[flag], required=False)
        self.fields["description"] = forms.CharField(
            label=_("What the accused is said to have done"),
            help_text=_("In a few sentences."),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 4}),
            error_messages={"max_length": too_long()},
        )
        self.occurred_last()

    groups = (
        ("", ("accused", "offence")),
        (
            gettext_lazy("Details (the catalogue's own flags are added for you)"),
            FLAGS,
        ),
        ("", ("description", "occurred_at")),
    )

    def payload(self) -> dict[str, Any]:
        data = self.cleaned_data
        payload: dict[str, Any] = {"accused": data["accused"], "offence": data["offence"]}
        payload |= {flag: bool(data.get(flag)) for flag in FLAGS}
        if data.get("description"):
            payload["description"] = data["description"]
        return payload

    @staticmethod
    def initial_from(payload: dict[str, Any]) -> dict[str, Any]:
        names = ("accused", "offence", *FLAGS, "description")
        return {name: payload[name] for name in names if name in payload}
