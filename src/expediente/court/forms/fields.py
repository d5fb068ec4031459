"""The schema → form mapping: one Django form field for each kind of FieldSpec.

``spec_field`` builds the field a pack's FieldSpec asks for, with its label, hint and
messages that say how to fix a mistake; ``payload_value`` turns what the field cleaned
into the JSON value ``event_record`` expects; ``initial_value`` does the reverse, to
pre-fill a correction. To support a new FieldSpec type, add a builder to ``BUILDERS``
and, if its cleaned value is not JSON already, a case to ``payload_value`` and
``initial_value``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _

from expediente.court.forms import widgets
from expediente.court.forms.case_data import ChargeOption, PartyOption
from expediente.court.forms.labels import field_label, localized, option_label, role_label
from expediente.docket.models import Case
from expediente.rules.payloads import (  # the years the payload schema accepts for dates
    DEFAULT_LONG_TEXT_MAX,
    DEFAULT_TEXT_MAX,
    FIRST_YEAR,
    LAST_YEAR,
    TIME_OF_DAY,
)
from expediente.rules.schema import FieldSpec, Pack

if TYPE_CHECKING:
    from expediente.court.forms.hearings import HearingOption

INT_LIMIT = 2**53


@dataclass(frozen=True)
class FormContext:
    """What a generated form needs to know: the pack, the court's zone, the case's roster."""

    pack: Pack
    tz: ZoneInfo
    parties: list[PartyOption] = field(default_factory=list)
    charges: list[ChargeOption] = field(default_factory=list)
    hearings: list[HearingOption] = field(default_factory=list)
    case: Case | None = None  # None while a case is being opened


def choose(label: str) -> str:
    return _("Choose an option for “%(label)s”.") % {"label": label}


def fill_in(label: str) -> str:
    return _("Fill in “%(label)s”.") % {"label": label}


def too_long() -> str:
    return _("Use at most %(limit_value)d characters (you typed %(show_value)d).")


def _common(name: str, spec: FieldSpec) -> dict[str, Any]:
    return {
        "label": field_label(name, spec.label),
        "help_text": localized(spec.help),
        "required": spec.required,
    }


def _text(name: str, spec: FieldSpec, ctx: FormContext) -> forms.Field:
    common = _common(name, spec)
    long = spec.type == "long_text"
    limit = spec.max_length or (DEFAULT_LONG_TEXT_MAX if long else DEFAULT_TEXT_MAX)
    return forms.CharField(
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": 5}) if long else forms.TextInput,
        error_messages={"required": fill_in(common["label"]), "max_length": too_long()},
        **common,
    )


def _bool(name: str, spec: FieldSpec, ctx: FormContext) -> forms.Field:
    if spec.yes_no:
        return yes_no_field(_common(name, spec))
    common = _common(name, spec) | {"required": False}  # unticked is an answer: no
    return forms.BooleanField(**common)


def yes_no_field(common: dict[str, Any]) -> forms.Field:
    """A yes-or-no question with neither answer chosen: the clerk must choose one (a
    pack's ``yes_no`` field), where an unticked box would say "no" by omission. Its
    cleaned value is True or False."""
    return forms.TypedChoiceField(
        choices=[(True, _("Yes")), (False, _("No"))],
        coerce=lambda value: value in (True, "True"),
        widget=forms.RadioSelect,
        empty_value=None,
        error_messages={
            "required": _("Answer yes or no to “%(label)s”.") % {"label": common["label"]},
            "invalid_choice": _("Choose one of the options listed."),
        },
        **common,
    )


def _int(name: str, spec: FieldSpec, ctx: FormContext) -> forms.Field:
    common = _common(name, spec)
    low = spec.min if spec.min is not None else -INT_LIMIT
    high = spec.max if spec.max is not None else INT_LIMIT
    if spec.min is not None and spec.max is not None:
        out_of_range = _("Enter a whole number from %(min)s to %(max)s.")
    elif spec.min is not None:
        out_of_range = _("Enter a whole number of at least %(min)s.")
    else:
        out_of_range = _("Enter a whole number no greater than %(max)s.")
    message = out_of_range % {"min": low, "max": high}
    built = forms.IntegerField(
        min_value=low,
        max_value=high,
        error_messages={
            "required": fill_in(common["label"]),
            "invalid": _("Enter a whole number, using digits only."),
            "min_value": message,
            "max_value": message,
        },
        **common,
    )
    for bound, given in (("min", spec.min), ("max", spec.max)):
        if given is None:  # the default limits are not worth showing to the browser
            built.widget.attrs.pop(bound, None)
    return built


def _date_checks(spec: FieldSpec, tz: ZoneInfo) -> list[Any]:
    between = _("Enter a date between the years %(first)s and %(last)s.") % {
        "first": FIRST_YEAR,
        "last": LAST_YEAR,
    }
    checks = [
        widgets.not_before_year(FIRST_YEAR, between),
        widgets.not_after_year(LAST_YEAR, between),
    ]
    if spec.not_future and spec.type == "date":
        checks.append(widgets.not_future_date(tz, _("The date cannot be in the future.")))
    elif spec.not_future:
        checks.append(widgets.not_future_datetime(_("This cannot be in the future.")))
    return checks


def _date(name: str, spec: FieldSpec, ctx: FormContext) -> forms.Field:
    common = _common(name, spec)
    example = timezone.now().astimezone(ctx.tz).date().isoformat()
    return widgets.DayField(
        widget=widgets.DateInput,
        validators=_date_checks(spec, ctx.tz),
        error_messages={
            "required": fill_in(common["label"]),
            "invalid": _("Enter a real date, for example %(example)s.") % {"example": example},
        },
        **common,
    )


def _datetime(name: str, spec: FieldSpec, ctx: FormContext) -> forms.Field:
    common = _common(name, spec)
    hint = widgets.zone_hint(ctx.tz)
    common["help_text"] = f"{common['help_text']} {hint}".strip()
    return datetime_field(ctx.tz, _date_checks(spec, ctx.tz), common)


def datetime_field(tz: ZoneInfo, checks: list[Any], common: dict[str, Any]) -> forms.Field:
    example = timezone.now().astimezone(tz).strftime("%Y-%m-%d 09:30")
    return widgets.CourtDateTimeField(
        tz=tz,
        validators=checks,
        error_messages={
            "required": fill_in(common["label"]),
            "invalid": _("Enter a real date and time, for example %(example)s.")
            % {"example": example},
        },
        **common,
    )


def _time(name: str, spec: FieldSpec, ctx: FormContext) -> forms.Field:
    """A time of day on the court's clock, HH:MM (the payload keeps it as that text)."""
    common = _common(name, spec)
    return forms.TimeField(
        widget=widgets.TimeInput,
        input_formats=["%H:%M"],
        error_messages={
            "required": fill_in(common["label"]),
            "invalid": _("Enter a time of day from 00:00 to 23:59, for example 20:00."),
        },
        **common,
    )


def select(
    common: dict[str, Any], options: list[tuple[str, str]], invalid: str, empty_hint: str = ""
) -> forms.ChoiceField:
    if not options and empty_hint:
        common = common | {"help_text": f"{common['help_text']} {empty_hint}".strip()}
    return forms.ChoiceField(
        choices=[("", _("Choose…")), *options],
        error_messages={"required": choose(common["label"]), "invalid_choice": invalid},
        **common,
    )


def _choice(name: str, spec: FieldSpec, ctx: FormContext) -> forms.Field:
    options = [(o, option_label(o, spec.option_labels)) for o in spec.options or []]
    return select(_common(name, spec), options, _("Choose one of the options listed."))


def party_label(pack: Pack, party: PartyOption) -> str:
    return f"{party.name} — {role_label(pack, party.role)} ({party.uid})"


def _participant(name: str, spec: FieldSpec, ctx: FormContext) -> forms.Field:
    roles = spec.role or []
    eligible = [p for p in ctx.parties if not roles or p.role in roles]
    names = ", ".join(role_label(ctx.pack, r) for r in roles)
    if roles:
        invalid = _("Choose someone listed: only a person with the role %(roles)s fits here.")
        empty = _("No one in this case has the role %(roles)s yet: add them to the case first.")
    else:
        invalid = _("Choose someone listed: only people in this case can be chosen.")
        empty = _("No one has been added to this case yet: add them first.")
    options = [(p.uid, party_label(ctx.pack, p)) for p in eligible]
    return select(
        _common(name, spec), options, invalid % {"roles": names}, empty % {"roles": names}
    )


def charge_label(charge: ChargeOption) -> str:
    return f"{charge.uid} — {charge.offence_label} ({charge.offence_code}), {charge.accused_name}"


def _charge(name: str, spec: FieldSpec, ctx: FormContext) -> forms.Field:
    options = [(c.uid, charge_label(c)) for c in ctx.charges]
    return select(
        _common(name, spec),
        options,
        _("Choose one of this case's charges."),
        _("This case has no charges yet: file one first."),
    )


def offence_options(pack: Pack) -> list[tuple[str, str]]:
    return [(o.code, f"{localized(o.label)} ({o.code})") for o in pack.offences]


def _offence(name: str, spec: FieldSpec, ctx: FormContext) -> forms.Field:
    return select(
        _common(name, spec), offence_options(ctx.pack), _("Choose an offence from the list.")
    )


Builder = Callable[[str, FieldSpec, FormContext], forms.Field]
BUILDERS: dict[str, Builder] = {
    "text": _text,
    "long_text": _text,
    "bool": _bool,
    "int": _int,
    "date": _date,
    "datetime": _datetime,
    "choice": _choice,
    "participant": _participant,
    "charge": _charge,
    "offence": _offence,
    "time": _time,
}


def spec_field(name: str, spec: FieldSpec, ctx: FormContext) -> forms.Field:
    return BUILDERS[spec.type](name, spec, ctx)


def payload_value(spec: FieldSpec, value: Any) -> Any:
    """The JSON value for the payload; None means 'leave the field out'."""
    if value is None or value == "":
        return None
    if spec.type == "date":
        return value.isoformat()
    if spec.type == "datetime":
        return value.astimezone(dt.UTC).isoformat()
    if spec.type == "time":
        return value.strftime("%H:%M")
    if spec.type == "bool":
        return bool(value)
    return value


def initial_value(spec: FieldSpec, value: Any) -> Any:
    """A stored payload value as the form field's initial value."""
    try:
        if spec.type == "date" and isinstance(value, str):
            return dt.date.fromisoformat(value)
        if spec.type == "datetime" and isinstance(value, str):
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        if spec.type == "time" and isinstance(value, str) and re.fullmatch(TIME_OF_DAY, value):
            hours, minutes = value.split(":")
            return dt.time(int(hours), int(minutes))
    except ValueError:
        return value
    return value


def case_details(form: forms.Form) -> None:
    """The opening's police report number and summary, as the case is opened and as its
    opening is corrected (the same limits and words both ways)."""
    form.fields["police_report"] = forms.CharField(
        label=_("Police report number"),
        help_text=_("As written on the report, if there is one."),
        required=False,
        max_length=60,
        error_messages={"max_length": too_long()},
    )
    form.fields["summary"] = forms.CharField(
        label=_("What the case is about"),
        help_text=_("A sentence or two. Do not name victims or witnesses here."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": too_long()},
    )
