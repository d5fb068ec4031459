"""Hearings, as the forms know them.

The pack has no 'hearing' field type: a hearing is named by a text field ``hearing``,
its id in the case. Scheduling offers the next free H<n>. Every other hearing entry
(held, not held, a new date) chooses the hearing from a list of the case's hearings
open for that entry (``court.hearing_rules.OPEN_FOR``), each with its day and time on
the court's clock, its kind and its courtroom, the earliest first; the value sent is
still the id, so the service, the API and the stored payload are the same. A hearing
not open for the entry is refused on the field in the service's own words; one not in
the case, naming what was sent. A correction also offers the hearing its entry named.
Scheduling and rescheduling also need the HEARING_SCHEDULE capability.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import formats
from django.utils.translation import gettext as _

from expediente.court.forms.base import readable_message, say
from expediente.court.forms.labels import option_label, type_label
from expediente.court.hearing_refusals import refused
from expediente.court.hearing_rules import OPEN_FOR, Refusal
from expediente.court.models import Sitting
from expediente.docket.models import Case
from expediente.rules.schema import Pack

HEARING_FIELD = "hearing"
SCHEDULED = "hearing.scheduled"
RESCHEDULED = "hearing.rescheduled"
SCHEDULING_TYPES = (SCHEDULED, RESCHEDULED)


@dataclass(frozen=True)
class HearingOption:
    """A hearing of the case where its latest sitting leaves it."""

    uid: str
    kind: str
    starts_at: dt.datetime
    courtroom: str
    status: str  # scheduled, held, not_held
    closed_by_seq: int | None


def hearings(case: Case) -> list[HearingOption]:
    """The case's hearings, each at its latest sitting, in the order they were scheduled."""
    latest: dict[str, HearingOption] = {}
    for s in Sitting.objects.filter(case=case).order_by("set_by_seq"):
        # a new date replaces the hearing's value and keeps its place
        latest[s.hearing] = HearingOption(
            s.hearing, s.kind, s.starts_at, s.courtroom, s.status, s.closed_by_seq
        )
    return list(latest.values())


def next_hearing_id(scheduled: list[HearingOption]) -> str:
    """H1, H2, …: the first H<n> not yet used in the case."""
    taken = {h.uid for h in scheduled}
    n = len(taken) + 1
    while f"H{n}" in taken:
        n += 1
    return f"H{n}"


def option_text(option: HearingOption, pack: Pack, tz: ZoneInfo) -> str:
    """E.g. "H1 — Preliminary hearing, 10 March 2026 09:00, Sala 3"."""
    kinds = (
        pack.event_types[SCHEDULED].fields.get("kind") if SCHEDULED in pack.event_types else None
    )
    params = {
        "hearing": option.uid,
        "kind": option_label(option.kind, kinds.option_labels if kinds else None),
        "when": formats.date_format(option.starts_at.astimezone(tz), "DATETIME_FORMAT"),
        "courtroom": option.courtroom,
    }
    if option.courtroom:
        return _("%(hearing)s — %(kind)s, %(when)s, %(courtroom)s") % params
    return _("%(hearing)s — %(kind)s, %(when)s") % params


class HearingChoiceField(forms.ChoiceField):
    """The hearings open for an entry, as a choice; the cleaned value is the id."""

    def __init__(
        self, *, case: Case, type_name: str, every: list[HearingOption], tz: ZoneInfo, **kw: Any
    ) -> None:
        self.case, self.type_name, self.every, self.tz = case, type_name, every, tz
        super().__init__(**kw)

    def validate(self, value: Any) -> None:
        if value in self.empty_values:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if self.valid_value(value):
            return
        raise forms.ValidationError(self._why_not(str(value)), code="invalid_choice")

    def _why_not(self, value: str) -> str:
        known = next((h for h in self.every if h.uid == value), None)
        if known is None:
            return _(
                "Choose one of the hearings listed: there is no hearing %(value)s in this case."
            ) % {"value": value[:40]}
        # the service's own words for a hearing not open for this entry
        why = Refusal("closed", value, status=known.status, closed_by_seq=known.closed_by_seq)
        words = refused(self.case, self.type_name, why, self.tz).words["payload.hearing"]
        return readable_message(say(words, self.tz))


def hearing_field(
    case: Case,
    type_name: str,
    pack: Pack,
    tz: ZoneInfo,
    every: list[HearingOption],
    *,
    keep: str | None = None,
) -> forms.Field:
    """The hearing an entry of ``type_name`` is about, chosen among those open for it
    (and ``keep``, the one a corrected entry named), the earliest first."""
    open_to = OPEN_FOR.get(type_name, ())
    offered = sorted(
        (h for h in every if h.status in open_to or h.uid == keep), key=lambda h: h.starts_at
    )
    if type_name == RESCHEDULED:
        hint = _("The hearings of this case still to be held, or not held, the earliest first.")
        empty = _("No hearing of this case is waiting for a date: schedule one first.")
    else:
        hint = _("The hearings of this case still waiting, the earliest first.")
        empty = _(
            "No hearing of this case is waiting to be held or not held: schedule one first, "
            "or record “%(moved)s” for one not held."
        ) % {"moved": type_label(pack, RESCHEDULED)}
    return HearingChoiceField(
        case=case,
        type_name=type_name,
        every=every,
        tz=tz,
        label=_("Hearing"),
        help_text=hint if offered else empty,
        required=True,
        choices=[("", _("Choose…")), *((h.uid, option_text(h, pack, tz)) for h in offered)],
        error_messages={"required": _("Choose the hearing.")},
    )
