"""The question every correction form ends with: why is this entry corrected?

The service holds the rule (``docket/services/correction_reason.py``: required, 3 to 500
characters once trimmed); the form asks it the same way, so a clerk is told before
anything is sent, and a refusal of the service lands next to this field (same name).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _

from expediente.court.forms.base import EntryForm
from expediente.docket.services.correction_reason import FIELD, REASON_MAX, REASON_MIN


def ask_reason(form: EntryForm) -> None:
    """Add the reason, last, to a correction form."""
    form.fields[FIELD] = forms.CharField(
        label=_("Why is this entry corrected?"),
        help_text=_(
            "Required, %(least)s to %(most)s characters. It is recorded with the correction "
            "and shown to the court's staff beside it."
        )
        % {"least": REASON_MIN, "most": REASON_MAX},
        min_length=REASON_MIN,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Say why the entry is corrected."),
            "min_length": _(
                "Say why the entry is corrected, in at least %(limit_value)d characters."
            ),
            "max_length": _("Use at most %(limit_value)d characters (you typed %(show_value)d)."),
        },
    )


def given_reason(form: EntryForm) -> str | None:
    """The reason typed (trimmed by the field), if the form asked for one."""
    value = form.cleaned_data.get(FIELD)
    return str(value) if value is not None and FIELD in form.fields else None
