"""Django admin, for system administrators only. The docket is read-only here: every
change to a case goes through event_record, never through a form that edits rows."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from expediente.docket.models import Case, Charge, Court, Event, Jurisdiction, Participation
from expediente.rules.loader import RulePackError, available_pack_ids, load_pack


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def rule_pack_choices() -> list[tuple[str, str]]:
    """The packs a court can be given (shipped, and in EXPEDIENTE_RULE_PACK_DIRS), each
    with its name in the administrator's language: "cl — Chile". Read at each form, so a
    pack added to a configured folder is offered without a restart."""
    lang = (get_language() or "en")[:2]
    choices = []
    for pack_id in available_pack_ids():
        try:
            names = load_pack(pack_id).name
        except RulePackError:
            choices.append((pack_id, str(_("%(pack)s (does not load)") % {"pack": pack_id})))
            continue
        choices.append((pack_id, f"{pack_id} — {names.get(lang) or names.get('en') or pack_id}"))
    return choices


class RulePackForm(forms.ModelForm):
    """A jurisdiction's or a court's rule pack is chosen among the packs there are, and
    must load: a mistyped or broken pack would break every page of the court's cases."""

    rule_pack = forms.ChoiceField(
        label=_("rule pack"),
        choices=rule_pack_choices,
        help_text=_(
            "The law the court applies: its deadlines, event types and offences "
            "(docs/rule-packs.md). Check a new pack with “expediente rules check” first."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = getattr(self.instance, "rule_pack", "")
        field = self.fields["rule_pack"]
        choices = list(field.choices)  # type: ignore[attr-defined]
        if current and current not in {value for value, _label in choices}:
            # a pack no longer on disk stays selected (and is refused on save), rather
            # than the list's first pack being chosen without anyone meaning it
            missing = _("%(pack)s (not found)") % {"pack": current}
            field.choices = [(current, str(missing)), *choices]  # type: ignore[attr-defined]

    def clean_rule_pack(self) -> str:
        pack_id: str = self.cleaned_data["rule_pack"]
        current = getattr(self.instance, "rule_pack", "")
        if self.instance.pk and current and pack_id != current and self._has_cases():
            raise forms.ValidationError(
                _(
                    "The rule pack cannot be changed once there are cases: their deadlines, "
                    "stages and offences were recorded under %(pack)s. Open a new court "
                    "for the new law."
                ),
                params={"pack": current},
            )
        try:
            load_pack(pack_id)
        except RulePackError as exc:
            raise forms.ValidationError(
                _("The rule pack %(pack)s does not load: %(problem)s"),
                params={"pack": pack_id, "problem": exc.problems[0]},
            ) from exc
        return pack_id

    def _has_cases(self) -> bool:
        instance = self.instance
        if isinstance(instance, Court):
            return Case.objects.filter(court=instance).exists()
        return Case.objects.filter(court__jurisdiction=instance).exists()


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    form = RulePackForm
    list_display = ("code", "name", "rule_pack")


@admin.register(Court)
class CourtAdmin(admin.ModelAdmin):
    form = RulePackForm
    list_display = ("code", "name", "jurisdiction", "office_code", "timezone", "rule_pack")
    list_filter = ("jurisdiction",)


@admin.register(Case)
class CaseAdmin(ReadOnly):
    list_display = ("nuid", "court", "procedure", "stage", "confidentiality", "opened_at")
    list_filter = ("court", "procedure", "stage", "confidentiality")
    search_fields = ("nuid", "number", "police_report")


@admin.register(Event)
class EventAdmin(ReadOnly):
    list_display = ("case", "seq", "type", "occurred_at", "recorded_at", "actor_label")
    list_filter = ("type",)
    search_fields = ("case__nuid",)
    list_select_related = ("case",)


@admin.register(Participation)
class ParticipationAdmin(ReadOnly):
    list_display = ("case", "uid", "role", "person")
    list_select_related = ("case", "person")


@admin.register(Charge)
class ChargeAdmin(ReadOnly):
    list_display = ("case", "uid", "offence_code", "iccs")
