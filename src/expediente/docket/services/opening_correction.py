"""Correcting a case's opening entry (``case.opened``): what may change, and what not.

A correction of the opening may change when the case was opened (``occurred_at``), the
police report number, the summary and the procedure. It may not change:

* ``court``, ``number``, ``nuid``: they are the case's identity. The number is printed
  on summonses, portal codes' notices and petition receipts, and the national
  identifier is given by the national counter; a case heard by another court is moved
  by that court's own entries, not by rewriting where it was opened.
* ``confidentiality``: it changes by a sealing or unsealing order, which the record shows
  as an order of the court (``docket/projection._confidentiality`` already keeps a later
  order over the opening). A change of procedure sets it (below); a value sent is
  accepted only if it is the opening's or the one the change sets.

A field left out of a correction keeps the opening's value; one sent with another value
is refused, naming the field. These are the project's safety rules, not a law's.

A new procedure (a child filed under the adult procedure, an adult under the juvenile
one: ``rules/ages.py`` flags them) is taken when it is safe. Every projection follows the
procedure from the events, for the past as for the future: the custody projector
recomputes the case's periods and deadlines at the correction (the juvenile limits
instead of the adult ones), the statistics move the case and its accused, and the
accused's ages are judged again; a rebuild replays the same. It is refused, naming
``payload.procedure``, when:

* the pack has no such procedure, or the court does not hear it (a juvenile case in an
  adult court would miss the juvenile judges, as ``case_open`` refuses);
* an entry on the record is of a type the new procedure does not allow (the pack's
  ``procedures`` of an event type): the record cannot be rewritten to remove it, so the
  case cannot be put in a state its rules forbid;
* the case would open to the public: going from juvenile to adult, a case the juvenile
  procedure kept closed while an unsealing order made it ``public`` would appear on the
  public pages at once. Only an order does that: the clerk records a sealing order first.

The confidentiality follows the juvenile default either way: the opening's is kept if it
is ``restricted`` or ``sealed``, and ``public`` becomes ``restricted``. Adult to juvenile,
that closes the case as a juvenile opening does (and the pack's juvenile rule closes it
whatever the confidentiality); juvenile to adult, it leaves it closed, since only a
court order opens a case to the public (``procedure_note`` says so to the clerk). A later
order on the record still has the last word (``_confidentiality``).

Moving the opening date must keep the record's own date rules true of the entries
already on it (``recording.BEFORE_OPENING``: none more than 30 days before the opening;
dates the pack marks ``after_opening``, a hearing's start, not before the opening day),
as they were checked when each was recorded.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_noop

from expediente.docket.errors import InvalidInput, Words
from expediente.docket.models import Case, Event
from expediente.docket.projection import CONFIDENTIALITY_ORDERS, order_effect
from expediente.docket.selectors import latest_versions
from expediente.docket.services.opening import procedure_label
from expediente.rules.schema import Pack

OPENED = "case.opened"
IDENTITY = ("court", "number", "nuid")
# from the most open to the most closed
OPENNESS = ("public", "restricted", "sealed")

_WHY: dict[str, tuple[str, str]] = {
    "court": (
        gettext_noop("the court of a case cannot be corrected: it is part of the case's identity"),
        "is part of the case's identity",
    ),
    "number": (
        gettext_noop(
            "the case number cannot be corrected: it is printed on summonses, notices and receipts"
        ),
        "is part of the case's identity (printed on summonses, notices and receipts)",
    ),
    "nuid": (
        gettext_noop("the national identifier of a case cannot be corrected"),
        "is part of the case's identity (given by the national counter)",
    ),
    "confidentiality": (
        gettext_noop(
            "the confidentiality cannot be corrected here: record a sealing or unsealing order"
        ),
        "cannot be corrected: record a sealing or unsealing order (case.sealed, case.unsealed)",
    ),
}


def restated_opening(case: Case, pack: Pack, original: dict[str, Any], payload: Any) -> Any:
    """The corrected opening's payload: the identity fields as the opening has them
    (refusing another value), the procedure as sent if it may change (see the module),
    the confidentiality that follows, the rest as sent. A payload that is not an object
    is left to the payload's own validation."""
    if not isinstance(payload, dict):
        return payload
    for name in IDENTITY:
        if name in payload and payload[name] != original.get(name):
            _fixed(name)
    was = original.get("procedure")
    becomes = payload.get("procedure", was)
    kept = original.get("confidentiality")
    confidentiality = kept
    if becomes != was:
        confidentiality = closed(kept)
        check_procedure(case, pack, was, becomes, confidentiality)
    if "confidentiality" in payload and payload["confidentiality"] not in (kept, confidentiality):
        _fixed("confidentiality")
    restated = {**payload, **{name: original[name] for name in IDENTITY if name in original}}
    restated["procedure"] = becomes
    restated["confidentiality"] = confidentiality
    return restated


def _fixed(name: str) -> NoReturn:
    text, english = _WHY[name]
    raise InvalidInput.of(f"payload.{name}", Words(text, {}), f"payload.{name} {english}")


def closed(confidentiality: Any) -> Any:
    """The confidentiality an opening keeps when its procedure changes: at least
    ``restricted`` (the juvenile default), never more open than it was."""
    if confidentiality not in OPENNESS:
        return confidentiality  # left to the payload's validation
    return max(confidentiality, "restricted", key=OPENNESS.index)


PROCEDURE = "payload.procedure"


def check_procedure(case: Case, pack: Pack, was: Any, becomes: Any, confidentiality: Any) -> None:
    """Refuse a new procedure the pack or the court does not have, one the entries on
    the record do not allow, or one that would open the case to the public (module
    docstring). Two queries at most, only for such a correction."""
    if not isinstance(becomes, str) or becomes not in pack.procedures:
        known = ", ".join(pack.procedures)
        raise InvalidInput.of(
            PROCEDURE,
            Words(
                gettext_noop("choose one of the procedures of this court's rules: %(known)s"),
                {"known": [procedure_label(p) for p in pack.procedures]},
            ),
            f"{PROCEDURE}: {becomes!r} is not a procedure of rule pack {pack.pack!r} "
            f"(one of: {known})",
        )
    heard = case.court.hears(pack.procedures)
    if becomes not in heard:
        raise InvalidInput.of(
            PROCEDURE,
            Words(
                gettext_noop(
                    "%(court)s does not hear %(procedure)s cases (it hears: %(heard)s): a "
                    "case under that procedure is opened in a court that hears it"
                ),
                {
                    "court": case.court.name,
                    "procedure": procedure_label(becomes),
                    "heard": [procedure_label(p) for p in heard],
                },
            ),
        )
    _refuse_entries_it_forbids(case, pack, becomes)
    if was == "juvenile" and becomes == "adult":
        _refuse_opening_to_the_public(case, confidentiality)


def _refuse_entries_it_forbids(case: Case, pack: Pack, becomes: str) -> None:
    """An entry of a type the new procedure does not allow (br's internment reassessment
    is juvenile only) stays on the record: refuse, naming the entries."""
    types = [
        name
        for name, et in pack.event_types.items()
        if et.procedures and becomes not in et.procedures
    ]
    if not types:
        return
    found = list(
        Event.objects.filter(case_id=case.pk, type__in=types)
        .order_by("seq")
        .values_list("seq", "type")
    )
    if not found:
        return
    entries = [
        Words(gettext_noop("%(seq)s (%(label)s)"), {"seq": seq, "label": pack.type_words(t)})
        for seq, t in found
    ]
    listed = ", ".join(f"{seq} ({t})" for seq, t in found)
    raise InvalidInput.of(
        PROCEDURE,
        Words(
            gettext_noop(
                "the %(procedure)s procedure does not allow entries already on the record: "
                "%(entries)s. The record keeps every entry, so this case cannot be put under "
                "that procedure; open a new case under it if it is the right one"
            ),
            {"procedure": procedure_label(becomes), "entries": entries},
        ),
        f"{PROCEDURE}: the {becomes} procedure does not allow entries already on the "
        f"record: {listed}",
    )


def _refuse_opening_to_the_public(case: Case, confidentiality: Any) -> None:
    """Juvenile to adult: the juvenile procedure kept the case closed to the public
    whatever its confidentiality. If an unsealing order left it ``public``, the adult
    case would appear on the public pages at once: only an order may do that."""
    entries, _origin = latest_versions(case, (OPENED, *CONFIDENTIALITY_ORDERS))
    value, order = confidentiality, None
    for origin, entry in entries.items():
        if entry.type == OPENED:
            value, order = confidentiality, None
        else:
            value, order = order_effect(entry.type, entry.payload), origin
    if value != "public" or order is None:
        return
    raise InvalidInput.of(
        PROCEDURE,
        Words(
            gettext_noop(
                "entry %(seq)s, an order of the court, left this case public while the "
                "juvenile procedure kept it closed; under the adult procedure it would be "
                "open to the public at once, and only an order of the court does that. "
                "Record a sealing order first; the court then decides whether to unseal it"
            ),
            {"seq": order},
        ),
        f"{PROCEDURE}: entry {order}, an order, left the case public while the juvenile "
        "procedure kept it closed; as an adult case it would be public at once: record "
        "a sealing order first",
    )


def procedure_note(was: str, becomes: str) -> str | None:
    """What the clerk is told once the procedure is corrected (marked for translation;
    None when it did not change)."""
    if was == becomes:
        return None
    if becomes == "juvenile":
        return gettext_noop(
            "The case is now a juvenile case: it is closed to the public, and its "
            "deadlines are counted under the juvenile rules, from the start."
        )
    return gettext_noop(
        "The case is now an adult case, and its deadlines are counted under the adult "
        "rules, from the start. It stays closed to the public: it was closed as a juvenile "
        "case, and only an order of the court (an unsealing order) opens it."
    )


# An entry more than this before the opening is refused as a mistyped year (a guard on
# typing, not law; ``recording._check_not_before_opening``).
BEFORE_OPENING = dt.timedelta(days=30)


def check_opening_moment(case: Case, pack: Pack, opened: dt.datetime) -> None:
    """Refuse an opening date that would put an entry already on the record more than
    ``BEFORE_OPENING`` before it, or a date the pack marks ``after_opening`` before its
    day (each entry as last corrected). One query, only for such a correction."""
    if opened <= case.opened_at:
        return  # an earlier opening keeps every rule the entries kept
    day = opened.astimezone(ZoneInfo(case.court.timezone)).date()
    entries, _origin = latest_versions(case, None)
    for origin, entry in entries.items():
        if entry.type == OPENED:
            continue
        if entry.at < opened - BEFORE_OPENING:
            _too_late(origin, day, f"entry {origin} happened more than 30 days before it")
        event_type = pack.event_types.get(entry.type)
        for name, spec in event_type.fields.items() if event_type is not None else ():
            if spec.after_opening and _before(entry.payload.get(name), spec.type, opened, day):
                _too_late(origin, day, f"entry {origin} has {name} before it")


def _before(value: Any, kind: str, opened: dt.datetime, day: dt.date) -> bool:
    """Whether a payload's date or moment lies before the opening (as
    ``recording._check_payload_after_opening`` reads it)."""
    if not isinstance(value, str):
        return False
    try:
        if kind == "datetime":
            return dt.datetime.fromisoformat(value) < opened
        return dt.date.fromisoformat(value) < day
    except (ValueError, TypeError):
        return False


def _too_late(seq: int, day: dt.date, english: str) -> NoReturn:
    raise InvalidInput.of(
        "occurred_at",
        Words(
            gettext_noop(
                "the case cannot have been opened on %(day)s: entry %(seq)s, already on the "
                "record, would then be dated too early (more than 30 days before the "
                "opening, or a hearing before it); correct that entry first"
            ),
            {"day": day, "seq": seq},
        ),
        f"occurred_at: the case cannot have been opened on {day.isoformat()}: {english}",
    )
