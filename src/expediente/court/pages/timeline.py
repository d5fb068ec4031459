"""The timeline of the case page: every event, with a readable summary of its payload,
and each correction listed beside the event it corrects (never in its place), with the
reason it was given ("No reason recorded" for corrections made before reasons were
asked for), and the warnings its recorder read and confirmed (an order past the legal
maximum: ``confirmed.py``). Every entry's latest version offers "correct", the opening
included."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from expediente.api.present import localized
from expediente.court.pages import labels
from expediente.court.pages.confirmed import confirmed_lines
from expediente.court.pages.hearings import parse_when
from expediente.custody.periods import DIED_IN_CUSTODY, in_error
from expediente.docket.models import Confidentiality, Event, Procedure
from expediente.petitions.handed_in import account_participant
from expediente.rules.schema import Pack
from expediente.stats import iccs

if TYPE_CHECKING:
    from expediente.court.pages.case_page import Party

FLAGS: list[tuple[str, Promise]] = [
    ("attempted", gettext_lazy("attempted")),
    ("firearm", gettext_lazy("firearm involved")),
    ("violence_against_women", gettext_lazy("violence against women")),
    ("cyber", gettext_lazy("cyber-related")),
]


@dataclass
class Entry:
    """One event in the timeline."""

    seq: int
    type: str
    label: str
    occurred_at: dt.datetime
    recorded_at: dt.datetime
    recorded_by: str
    details: list[tuple[str, str]]
    corrects: int | None
    reason: str | None = None  # why a correction was made (None: none recorded)
    # the warnings its recorder read and confirmed, in words (``confirmed.py``)
    confirmed: list[str] = field(default_factory=list)
    corrected_by: list[int] = field(default_factory=list)
    corrections: list[Entry] = field(default_factory=list)
    correct_url: str = ""


DEATH_TAKEN_BACK = gettext_lazy("Death in custody recorded by mistake: the person did not die")


def when(value: dt.datetime, tz: ZoneInfo) -> str:
    local = value.astimezone(tz)
    return f"{formats.date_format(local, 'DATE_FORMAT')}, {formats.time_format(local, 'H:i')}"


def recorded_by(e: Event) -> str:
    """Who recorded an entry, by name (the account's user name only if it has none)."""
    user = e.actor
    return user.get_full_name() or user.username


def timeline(
    events: list[Event],
    pack: Pack,
    parties: dict[str, Party],
    tz: ZoneInfo,
    correctable: Callable[[str], bool],
    base: str,
    hearings: dict[str, str] | None = None,
    procedure: str = "adult",
) -> list[Entry]:
    """Every event in order, each correction listed beside the event it corrects, each
    with the warnings its recorder confirmed (read under the case's ``procedure``)."""
    entries: dict[int, Entry] = {}
    top: list[Entry] = []
    for e in events:
        entry = Entry(
            seq=e.seq,
            type=e.type,
            label=labels.event_type_label(pack, e.type),
            occurred_at=e.occurred_at,
            recorded_at=e.recorded_at,
            recorded_by=recorded_by(e),
            details=summary(pack, e.type, e.payload, parties, tz, hearings or {}),
            corrects=e.corrects_seq,
            reason=e.correction_reason,
            confirmed=confirmed_lines(pack, procedure, e.type, list(e.confirmed or ())),
        )
        if e.type == DIED_IN_CUSTODY and e.corrects_seq is not None and in_error(e.type, e.payload):
            # the correction that takes a death back: said as such, naming only whom it
            # concerns (QA read it as a second death, place and all)
            entry.label = str(DEATH_TAKEN_BACK)
            person = labels.field_label(pack, e.type, "person")
            entry.details = [line for line in entry.details if line[0] == person]
        if correctable(e.type):
            entry.correct_url = f"{base}events/{e.seq}/correct/"
        entries[e.seq] = entry
        original = entries.get(e.corrects_seq) if e.corrects_seq is not None else None
        if original is None:
            top.append(entry)
        else:
            original.corrected_by.append(e.seq)
            root = original
            while root.corrects is not None and root.corrects in entries:
                root = entries[root.corrects]  # a correction of a correction
            root.corrections.append(entry)
    for entry in top:
        # Only an entry's latest version offers a correction: a second correction of the
        # original started from what it first said, and undid the first correction's
        # changes without a word. The latest one prefills what the case now holds.
        versions = [entry, *entry.corrections]
        for older in versions[:-1]:
            older.correct_url = ""
    return top


def iccs_name(code: str) -> str:
    """The ICCS category's name, in Spanish for Spanish readers, else in English."""
    category = iccs.get(code)
    if category is None:
        return ""
    spanish = (get_language() or "").startswith("es")
    return category.name_es if spanish and category.name_es else category.name_en


def _yes_no(value: Any) -> str:
    return _("Yes") if value else _("No")


def _person_name(person: dict[str, Any]) -> str:
    if person.get("kind") == "legal":
        return str(person.get("legal_name", ""))
    return f"{person.get('given_names', '')} {person.get('family_names', '')}".strip()


def summary(
    pack: Pack,
    type_name: str,
    payload: dict[str, Any],
    parties: dict[str, Party],
    tz: ZoneInfo,
    hearings: dict[str, str] | None = None,
) -> list[tuple[str, str]]:
    """The payload as (label, value) lines a person can read; ``hearings`` names each
    hearing id by its kind ("H1 (preliminary)")."""
    if type_name == "case.opened":
        return opening_lines(payload)
    if type_name == "participant.added":
        return _participant_added(pack, payload)
    if type_name == "charge.filed":
        return _charge_filed(pack, payload, parties)
    event_type = pack.event_types.get(type_name)
    specs = event_type.fields if event_type else {}
    names = [*specs, *(k for k in payload if k not in specs)]
    lines = []
    for name in names:
        if name not in payload:
            continue
        spec = specs.get(name)
        value = payload[name]
        kind = spec.type if spec else None
        if name == "received_from" and type_name == "petition.filed":
            text = _received_from(str(value), parties)
        elif name == "hearing" and hearings and str(value) in hearings:
            text = f"{value} ({hearings[str(value)]})"
        elif kind == "participant":
            party = parties.get(str(value))
            text = party.label if party else str(value)
        elif kind == "bool" or isinstance(value, bool):
            text = _yes_no(value)
        elif kind == "choice":
            text = labels.option_label(str(value), spec.option_labels if spec else None)
        elif kind == "datetime":
            moment = parse_when(value)
            text = when(moment, tz) if moment else str(value)
        elif kind == "date":
            text = _date(value)
        elif kind == "offence":
            offence = pack.offence(str(value))
            text = (localized(offence.label) if offence else None) or str(value)
        else:
            text = str(value)
        lines.append((labels.field_label(pack, type_name, name), text))
    return lines


def _received_from(value: str, parties: dict[str, Party]) -> str:
    """Who handed a petition in: a lawyer's account filing from /my/ as the name and
    role of the participation she acts through ("Rosa Jiménez Alfaro, public defender"),
    not her user name and participant id; a clerk's words as typed."""
    uid = account_participant(value)
    party = parties.get(uid) if uid else None
    return party.label if party else value


def _date(value: Any) -> str:
    try:
        return formats.date_format(dt.date.fromisoformat(str(value)), "DATE_FORMAT")
    except ValueError:
        return str(value)


def _choice_label(choices: type[Procedure] | type[Confidentiality], value: str) -> str:
    return str(choices(value).label) if value in choices.values else labels.readable(value)


def opening_lines(p: dict[str, Any], *, fixed_only: bool = False) -> list[tuple[str, str]]:
    """The opening entry in words; ``fixed_only``: only what its correction cannot change
    (docket/services/opening_correction.py)."""
    procedure, confidentiality = p.get("procedure", ""), p.get("confidentiality", "")
    kept = [(_("Confidentiality"), _choice_label(Confidentiality, confidentiality))]
    if fixed_only:
        return kept
    lines = [(_("Procedure"), _choice_label(Procedure, procedure)), *kept]
    if p.get("police_report"):
        lines.append((_("Police report number"), p["police_report"]))
    if p.get("summary"):
        lines.append((_("Summary"), p["summary"]))
    return lines


def _participant_added(pack: Pack, p: dict[str, Any]) -> list[tuple[str, str]]:
    person = p.get("person", {})
    lines = [
        (_("Participant"), str(p.get("participant", ""))),
        (_("Role"), labels.role_label(pack, str(p.get("role", "")))),
        (_("Name"), _person_name(person)),
    ]
    if p.get("pseudonym"):
        lines.append((_("Pseudonym"), p["pseudonym"]))
    if p.get("protected"):
        lines.append((_("Protected person"), _("Yes")))
    if person.get("id_number"):
        lines.append((_("Identity document"), person["id_number"]))
    if person.get("date_of_birth"):
        lines.append((_("Date of birth"), _date(person["date_of_birth"])))
    return lines


def _charge_filed(
    pack: Pack, p: dict[str, Any], parties: dict[str, Party]
) -> list[tuple[str, str]]:
    offence = pack.offence(str(p.get("offence", "")))
    label = (localized(offence.label) if offence else None) or p.get("offence_label", "")
    accused = parties.get(str(p.get("accused", "")))
    code = str(p.get("iccs", ""))
    lines = [
        (_("Charge"), str(p.get("charge", ""))),
        (_("Offence"), f"{label} ({p.get('offence', '')})"),
        (_("ICCS"), f"{code} {iccs_name(code)}".strip()),
        (_("Accused"), accused.label if accused else str(p.get("accused", ""))),
    ]
    flags = [str(text) for key, text in FLAGS if p.get(key)]
    if flags:
        lines.append((_("Marked as"), ", ".join(flags)))
    if p.get("description"):
        lines.append((_("Description"), p["description"]))
    return lines
