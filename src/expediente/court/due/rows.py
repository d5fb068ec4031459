"""What one line of the "Due and overdue" page shows, worked out from a deadline row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.timesince import timesince, timeuntil
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from expediente.custody.models import Deadline
from expediente.docket.models import Court
from expediente.rules.citation import cite_law
from expediente.rules.loader import load_pack
from expediente.rules.schema import Pack
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
    legal_limit: bool  # set by law: cites an article and is not a service target
    due_local: dt.datetime  # the due moment on the court's clock
    last_day: dt.date | None  # for deadlines counted in days: the last day in time
    distance: str  # "in 3 days", "overdue by 2 hours"
    explanation: str
    record_type: str | None  # an event that would meet it, allowed in the case's stage now
    record_label: str


def due_row(d: Deadline, court: Court, now: dt.datetime, *, person: str | None = None) -> DueRow:
    """The line for one deadline (with its case, participation and person loaded, as
    ``custody.selectors.deadline_list_due`` gives them). No query; the active language
    is read once, and what meets a rule in a stage is worked out once per process.
    ``person``: the name as the reader may see it (``CaseView.name``); without it, the
    pseudonym of a protected person, else the name."""
    lang = get_language()
    short = (lang or "es")[:2]
    case, p = d.case, d.participation
    status = d.status(now)
    if status == "overdue":
        distance = _("overdue by %(time)s") % {"time": timesince(d.due_at, now, depth=1)}
    else:
        distance = _("in %(time)s") % {"time": timeuntil(d.due_at, now, depth=1)}
    satisfied_by = tuple(d.detail.get("satisfied_by", ()))
    record_type, record_label = _what_meets_it(
        satisfied_by, case.stage, case.procedure, court.rule_pack, short
    )
    law = d.law or {}
    return DueRow(
        deadline=d,
        court=court,
        status=status,
        person=person if person is not None else _default_name(p),
        label=in_language(d.label, short) or d.rule_id,
        law=cite_law(law, short),
        to_confirm=law.get("flag") == "P",
        service_target=law.get("flag") == "policy",
        legal_limit=bool(law.get("article")) and law.get("flag") != "policy",
        due_local=d.due_at.astimezone(ZoneInfo(court.timezone)),
        last_day=d.due_on if d.counting != "continuous" else None,
        distance=distance,
        explanation=d.explain(lang),
        record_type=record_type,
        record_label=record_label,
    )


def _default_name(p: Any) -> str:
    return str(p.pseudonym if p.protected and p.pseudonym else p.person.display_name)


# (pack id, stage, procedure, event types that meet the rule, language) -> (the pack it
# was worked out from, the first type allowed now, its label). The pack is kept so that
# a pack loaded anew (``load_pack.cache_clear()``) is never answered from an old one.
_MEETS: dict[tuple[str, str, str, tuple[str, ...], str], tuple[Pack, str | None, str]] = {}
_MEETS_MAX = 4096


def _what_meets_it(
    types: tuple[str, ...], stage: str, procedure: str, pack_id: str, lang: str
) -> tuple[str | None, str]:
    """The first event type of ``types`` that may be recorded in the case's stage and
    procedure now, and its label in ``lang``; (None, "") if none may."""
    pack = load_pack(pack_id)
    key = (pack_id, stage, procedure, types, lang)
    known = _MEETS.get(key)
    if known is not None and known[0] is pack:
        return known[1], known[2]
    found: tuple[str | None, str] = (None, "")
    for type_name in types:
        try:
            check_allowed(pack, type_name, stage=stage, procedure=procedure)
        except StageError:
            continue
        label = in_language(dict(pack.event_types[type_name].label), lang) or type_name
        found = (type_name, label)
        break
    if len(_MEETS) >= _MEETS_MAX:
        _MEETS.clear()
    _MEETS[key] = (pack, *found)
    return found


def in_language(text: dict[str, str] | None, lang: str) -> str:
    """A text given per language (a pack's label) in ``lang``, else Spanish, else
    English, else any; "" for none."""
    if not text:
        return ""
    return text.get(lang) or text.get("es") or text.get("en") or next(iter(text.values()))
