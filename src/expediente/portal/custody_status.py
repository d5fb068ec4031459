"""The custody line near the top of a victim's case page: whether each accused is held or
free, and since when, on the court's clock ("Luis … has been free since 2 December 2026,
07:50"; "held since …; the detention order ends on 31 January 2027").

It reads only the entries the reader reads on her own timeline (the caller passes them,
filtered as the timeline filters them), through the custody record's own reading
(``custody.history`` for corrections, ``custody.periods`` for the periods): nothing the
page does not already show, put together. Who is given it: ``portal.privacy.
custody_line_shown``. No custody entry, or none she reads: no line (an order awaiting the
arrest holds nobody yet, and no line says so).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from zoneinfo import ZoneInfo

from django.utils import formats
from django.utils.translation import gettext as _

from expediente.custody import history, periods
from expediente.docket.models import Event
from expediente.rules.schema import Pack

# what ends a spell in custody (a change of kind, police to pretrial, does not)
_OUT = frozenset({periods.RELEASED, periods.ESCAPED, periods.SENTENCE_ENDED})
_ORDER_SET = frozenset({periods.ORDERED, periods.EXTENDED})
_ORDER_ENDS = frozenset({periods.LIFTED, periods.REPLACED, periods.RELEASED})


def _moment(at: dt.datetime, tz: ZoneInfo) -> str:
    local = at.astimezone(tz)
    return f"{formats.date_format(local, 'DATE_FORMAT')}, {formats.time_format(local, 'H:i')}"


def _order_ends(steps: Iterable[periods.Step], view: history.PackView) -> dt.date | None:
    """The day the detention order in force ends, as its latest order or extension says
    (in the field the pack's rule names, ``until_fields``, as the custody record reads it)."""
    until: dt.date | None = None
    for step in steps:
        if step.type in _ORDER_SET:
            until = history.until_of(step.payload, view.until_fields.get(step.type, "until"))
        elif step.type in _ORDER_ENDS or (
            step.type == periods.REVIEWED and step.payload.get("outcome") in ("lifted", "replaced")
        ):
            until = None
    return until


def custody_lines(
    events: Iterable[Event],
    *,
    accused: Mapping[str, str],
    pack: Pack,
    procedure: str,
    tz: ZoneInfo,
) -> list[str]:
    """One sentence per accused with a custody entry among ``events`` (the entries the
    reader reads), in the order of ``accused`` (participant id: name as the reader sees
    it)."""
    view = history.pack_view(pack, procedure)
    entries = history.entries_of(
        ((e.seq, e.type, e.occurred_at, e.payload or {}, e.corrects_seq) for e in events), view
    )
    lines = []
    for uid, name in accused.items():
        steps = history.person_steps(entries, uid)
        spans = periods.read(steps, tz=history.calendar_zone(pack), who=uid)
        if not spans:
            continue
        last = spans[-1]
        if last.ended_at is None:
            start = len(spans) - 1
            while (
                start > 0
                and spans[start - 1].ended_at == spans[start].started_at
                and spans[start - 1].end_type not in _OUT
            ):
                start -= 1
            since = _moment(spans[start].started_at, tz)
            until = _order_ends(steps, view) if last.kind == periods.PRETRIAL else None
            if until is not None:
                lines.append(
                    _(
                        "%(name)s has been held since %(since)s; the detention order ends "
                        "on %(until)s."
                    )
                    % {
                        "name": name,
                        "since": since,
                        "until": formats.date_format(until, "DATE_FORMAT"),
                    }
                )
            else:
                lines.append(
                    _("%(name)s has been held since %(since)s.") % {"name": name, "since": since}
                )
        elif last.end_type == periods.DIED_IN_CUSTODY:
            continue  # the timeline says it; this line is about being held or free
        elif last.end_type == periods.ESCAPED:
            lines.append(
                _("%(name)s escaped from custody on %(since)s and is not held.")
                % {"name": name, "since": _moment(last.ended_at, tz)}
            )
        else:
            lines.append(
                _("%(name)s has been free since %(since)s.")
                % {"name": name, "since": _moment(last.ended_at, tz)}
            )
    return lines
