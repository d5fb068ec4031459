"""What one line of the "Due and overdue" page shows, worked out from a deadline row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.timesince import timesince, timeuntil
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from expediente.custody.models import Deadline
from expediente.docket.models import Court
from expediente.rules.loader import load_pack
from expediente.rules.stages import StageError, check_allowed


@dataclass(frozen=True)
class DueRow:
    deadline: Deadline
    court: Court
    status: str  # overdue, due_soon or pending
    person: str
    label: str
    law: str
    to_confirm: bool  # the law is flagged P: partly checked
    service_target: bool  # flagged policy: the court's own target, not a legal limit
    due_local: dt.datetime  # the due moment on the court's clock
    last_day: dt.date | None  # for deadlines counted in days: the last day in time
    distance: str  # "in 3 days", "overdue by 2 hours"
    explanation: str
    record_type: str | None  # an event that would meet it, allowed in the case's stage now
    record_label: str


def due_row(d: Deadline, court: Court, now: dt.datetime) -> DueRow:
    case, p = d.case, d.participation
    status = d.status(now)
    if status == "overdue":
        distance = _("overdue by %(time)s") % {"time": timesince(d.due_at, now, depth=1)}
    else:
        distance = _("in %(time)s") % {"time": timeuntil(d.due_at, now, depth=1)}
    record_type, record_label = _what_meets_it(d, case.stage, case.procedure, court.rule_pack)
    law = d.law or {}
    article = str(law.get("article", ""))
    where = f"art. {article}" if article[:1].isdigit() else article
    return DueRow(
        deadline=d,
        court=court,
        status=status,
        person=p.pseudonym if p.protected and p.pseudonym else p.person.display_name,
        label=_localized(d.label) or d.rule_id,
        law=f"{law.get('text', '')} {where}".strip(),
        to_confirm=law.get("flag") == "P",
        service_target=law.get("flag") == "policy",
        due_local=d.due_at.astimezone(ZoneInfo(court.timezone)),
        last_day=d.due_on if d.counting != "continuous" else None,
        distance=distance,
        explanation=d.explain(get_language()),
        record_type=record_type,
        record_label=record_label,
    )


def _what_meets_it(d: Deadline, stage: str, procedure: str, pack_id: str) -> tuple[str | None, str]:
    pack = load_pack(pack_id)
    for type_name in d.detail.get("satisfied_by", []):
        try:
            check_allowed(pack, type_name, stage=stage, procedure=procedure)
        except StageError:
            continue
        return type_name, _localized(dict(pack.event_types[type_name].label)) or type_name
    return None, ""


def _localized(text: dict[str, str] | None) -> str:
    if not text:
        return ""
    lang = (get_language() or "es")[:2]
    return text.get(lang) or text.get("es") or text.get("en") or next(iter(text.values()))
