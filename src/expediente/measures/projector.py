"""The measures projection: measures, their compliance figures and their deadlines,
kept in step with the event log (registered in ``MeasuresConfig.ready``).

- ``check`` refuses, before the append, a measure event that cannot have happened
  (``state.py`` lists the rules), naming the field; or one that would make a later entry
  on the record impossible; or a new measure starting more than a month before it was
  imposed (a mistyped year).
- ``role_change`` refuses a correction of a participant's role that a measure's entry
  would no longer allow: the person a measure binds stays an accused, the person it
  protects a victim, complainant or witness (the roles the pack's ``measure.imposed``
  gives ``person`` and ``protected``).
- ``apply`` recomputes the case's measures and deadlines from its measure events up to
  this one (``recompute.py``), so a rebuild gives the same rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_noop

from expediente.docket.errors import InvalidInput, Words, later_entry
from expediente.docket.models import Case, Event
from expediente.docket.selectors import correction_root
from expediente.measures import history
from expediente.measures import state as st
from expediente.measures.models import Measure, MeasureDeadline
from expediente.measures.recompute import recompute_case
from expediente.measures.services import back_to_custody
from expediente.rules.schema import Pack

MEASURE_FIELDS = (
    "court__code",
    "participation__uid",
    "kind",
    "status",
    "starts_on",
    "ends_on",
    "protected",
    "device",
    "conditions",
    "imposed_seq",
    "imposed_at",
    "closed_at",
    "closed_seq",
    "closed_type",
    "check_ins",
    "last_check_in_at",
    "hours_logged",
    "amount_paid",
    "sessions",
    "device_events",
    "breaches",
    "last_breach_at",
    "last_breach_what",
    "last_breach_seq",
    "breach_open",
    "warnings",
)
DEADLINE_FIELDS = (
    "measure__uid",
    "rule_id",
    "cycle",
    "start_at",
    "start_seq",
    "due_at",
    "due_on",
    "alert_from",
    "open",
    "satisfied_at",
    "satisfied_seq",
    "stopped_at",
    "met_late",
    "alert_roles",
    "label",
    "law",
    "explanation",
    "computed_at",
)


# the names of the values of ``snapshot``'s rows, by kind of row (docket/projection.py)
SNAPSHOT_COLUMNS = {"measure": MEASURE_FIELDS, "measure_deadline": DEADLINE_FIELDS}


class MeasuresProjector:
    name = "measures"
    columns = SNAPSHOT_COLUMNS
    brings = frozenset({st.REVOKED})  # see ``then``

    def check(
        self,
        case: Case,
        type_name: str,
        payload: dict[str, Any],
        occurred_at: dt.datetime,
        corrects_seq: int | None = None,
    ) -> None:
        if not type_name.startswith(history.PREFIX):
            return
        if type_name == st.IMPOSED:
            _check_start(payload, occurred_at)
        before = history.case_entries(case)
        seq = correction_root(case, corrects_seq) if corrects_seq else case.last_seq + 1
        new = st.Entry(seq, type_name, occurred_at, payload)
        after = sorted([*(e for e in before if e.seq != seq), new], key=lambda e: (e.at, e.seq))
        known: list[tuple[st.Entry, st.Refusal]] = []
        st.read(before, refused=known)
        found: list[tuple[st.Entry, st.Refusal]] = []
        st.read(after, refused=found)
        already = {e.seq for e, _ in known}
        for entry, refusal in found:
            if entry.seq == seq:
                # the API names a payload field by its path, as the schema's errors do
                field = (
                    refusal.field if refusal.field == "occurred_at" else f"payload.{refusal.field}"
                )
                raise InvalidInput(
                    f"{field}: {refusal.message}",
                    errors=[{"field": field, "message": refusal.message}],
                    words={field: refusal.words} if refusal.words else None,
                )
            if entry.seq not in already:
                message = (
                    f"with this event, the later entry {entry.seq} could not have happened: "
                    f"{refusal.message}"
                )
                raise InvalidInput(
                    f"occurred_at: {message}",
                    errors=[{"field": "occurred_at", "message": message}],
                    words={"occurred_at": later_entry(entry.seq, refusal.words)}
                    if refusal.words
                    else None,
                )

    def role_change(self, case: Case, pack: Pack, participant: str, was: str, becomes: str) -> None:
        """Refuse a role the case's measures do not allow their person (one query, only
        for a correction that changes a participant's role)."""
        imposed = pack.event_types.get(st.IMPOSED)
        if imposed is None:
            return
        bound_roles = _roles(imposed.fields.get("person"))
        protected_roles = _roles(imposed.fields.get("protected"))
        bound: list[str] = []
        protecting: list[str] = []
        rows = Measure.objects.filter(case=case).filter(
            Q(participation__uid=participant) | Q(protected=participant)
        )
        for uid, whose, protected in rows.values_list("uid", "participation__uid", "protected"):
            if whose == participant and bound_roles and becomes not in bound_roles:
                bound.append(uid)
            if protected == participant and protected_roles and becomes not in protected_roles:
                protecting.append(uid)
        role = pack.roles.get(becomes) or {"en": becomes}
        if bound:
            measures = ", ".join(bound)
            raise InvalidInput.of(
                "payload.role",
                Words(
                    gettext_noop(
                        "may not change to %(role)s while measure %(measures)s binds this "
                        "participant: correct the measure first"
                    ),
                    {"role": dict(role), "measures": measures},
                ),
                f"participant {participant!r} is the person measure {measures} binds, "
                f"who must be one of {', '.join(bound_roles)}: correct the measure before "
                "correcting the role",
            )
        if protecting:
            measures = ", ".join(protecting)
            allowed = ", ".join(protected_roles or ())
            raise InvalidInput.of(
                "payload.role",
                Words(
                    gettext_noop(
                        "may not change to %(role)s while measure %(measures)s protects this "
                        "participant: correct the measure first"
                    ),
                    {"role": dict(role), "measures": measures},
                ),
                f"participant {participant!r} is the person measure {measures} protects, "
                f"who must be one of {allowed}: correct the measure before correcting the role",
            )

    def quiet(self, case: Case, type_name: str, pack: Pack) -> bool:
        """Nothing to check or keep for an entry that is not about a measure."""
        return not type_name.startswith(history.PREFIX)

    def apply(self, case: Case, event: Event, pack: Pack) -> None:
        if event.type.startswith(history.PREFIX):
            recompute_case(case, pack, event)

    def then(self, case: Case, event: Event, pack: Pack) -> list[tuple[str, dict[str, Any]]]:
        """A revocation that orders a return to custody brings the custody entry that
        puts the person back on the detention clock (the pack's explanation says so);
        it was recorded alone from the workspace and the API, and the clock stayed off."""
        if event.type != st.REVOKED or event.corrects_seq is not None:
            return []
        if not (event.payload or {}).get("return_to_custody"):
            return []
        return [back_to_custody(case, str(event.payload["measure"]))]

    def reset(self) -> None:
        MeasureDeadline.objects.all().delete()
        Measure.objects.all().delete()

    def snapshot(self) -> dict[Hashable, tuple[Any, ...]]:
        out: dict[Hashable, tuple[Any, ...]] = {}
        for nuid, uid, *rest in Measure.objects.values_list(
            "case__nuid", "uid", *MEASURE_FIELDS
        ).iterator():
            out[("measure", nuid, uid)] = tuple(rest)
        for key, *rest in MeasureDeadline.objects.values_list("key", *DEADLINE_FIELDS).iterator():
            out[("measure_deadline", key)] = tuple(rest)
        return out


def _roles(spec: Any) -> list[str]:
    """The roles a participant field takes (none: any)."""
    return list(getattr(spec, "role", None) or [])


EARLY_START = dt.timedelta(days=30)  # how far before its imposition a measure may start


def _check_start(payload: dict[str, Any], imposed_at: dt.datetime) -> None:
    """A new entry's start more than a month before it was imposed is a mistyped year: a
    measure "starting" in 2000 set its check-ins 26 years back, every one of them missed
    and alerted. A guard on typing, not law; entries already on the record are read as
    they are (``state.read``)."""
    starts = st.day_of(payload.get("starts_on"))
    if starts is None or starts >= (imposed_at - EARLY_START).date():
        return
    raise InvalidInput.of(
        "payload.starts_on",
        Words(
            gettext_noop(
                "%(day)s is more than %(days)s days before the measure was imposed "
                "(%(imposed)s): check the year"
            ),
            {"day": starts, "days": EARLY_START.days, "imposed": imposed_at},
        ),
        f"payload.starts_on {starts.isoformat()} is more than {EARLY_START.days} days before "
        "the measure was imposed: check the year",
    )
