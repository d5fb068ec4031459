"""The statistics projection (``stats.models``), kept in step with the event log
(registered in ``StatsConfig.ready``; ``expediente rebuild`` replays it, ``rebuild
--check`` compares it).

Corrections: a correction restates the event it corrects (the same type, its payload and
its time); its row replaces the original's, keyed by the number of the event first
recorded, so the corrected version no longer counts anywhere. A correction of a
correction restates the first original.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from typing import Any

from django.db.models import Min

from expediente.docket.models import Case, Charge, Event, Participation
from expediente.docket.selectors import correction_root
from expediente.docket.upsert import upsert
from expediente.rules.schema import Pack
from expediente.stats.models import AccusedFlow, CaseFlow, CaseSpell, CounselEntry, Decision

EXPUNGED = "case.expunged"  # an expunged case is in no statistics
RESOLVING = (Decision.VERDICT, Decision.DISMISSAL)
SPELLS = (*RESOLVING, Decision.REOPENING)  # the decisions that open or close a spell
SUBJECT = ("accused", "person")  # the payload field naming the accused a decision is about
ACTS_FOR = "participant.acts_for"  # a lawyer acting (or no longer) for an accused


# the names of the values of ``snapshot``'s rows, by kind of row (docket/projection.py)
SNAPSHOT_COLUMNS = {
    "case": ("court__code", "procedure", "opened_at", "resolved_at", "expunged"),
    "spell": ("court__code", "procedure", "case_opened_at", "started_at", "ended_at"),
    "decision": (
        "stated_seq",
        "type",
        "participation__uid",
        "person__uid",
        "outcome",
        "custodial",
        "occurred_at",
    ),
    "accused": (
        "person__uid",
        "added_at",
        "first_iccs",
        "first_iccs_at",
        "person_sex",
        "person_nationality",
        "case_procedure",
    ),
    "vaw": ("vaw_charged_at",),
    "counsel": (
        "stated_seq",
        "counsel__uid",
        "accused__uid",
        "counsel_role",
        "ended",
        "occurred_at",
    ),
}


class StatsProjector:
    name = "stats"
    columns = SNAPSHOT_COLUMNS
    # only these events change the statistics (docket.projection: off the append's bill
    # for every other one)
    handles = frozenset(
        {"case.opened", "participant.added", "charge.filed", ACTS_FOR, *Decision.TYPES, EXPUNGED}
    )

    def check(
        self,
        case: Case,
        type_name: str,
        payload: dict[str, Any],
        occurred_at: dt.datetime,
        corrects_seq: int | None = None,
    ) -> None:
        """Statistics refuse nothing: they count what the record says."""

    def apply(self, case: Case, event: Event, pack: Pack) -> None:
        kind = event.type
        if kind == "case.opened":
            _opened(case)
        elif kind == "participant.added":
            _participant(case, event)
        elif kind == "charge.filed":
            _charges(case)
        elif kind in Decision.TYPES:
            _decision(case, event)
        elif kind == ACTS_FOR:
            counsel_entry(case, event)
        elif kind == EXPUNGED:
            CaseFlow.objects.filter(case_id=case.pk).update(expunged=True)

    def reset(self) -> None:
        CounselEntry.objects.all().delete()
        CaseSpell.objects.all().delete()
        Decision.objects.all().delete()
        AccusedFlow.objects.all().delete()
        CaseFlow.objects.all().delete()

    def snapshot(self) -> dict[Hashable, tuple[Any, ...]]:
        named = SNAPSHOT_COLUMNS
        out: dict[Hashable, tuple[Any, ...]] = {}
        for nuid, *rest in CaseFlow.objects.values_list("case__nuid", *named["case"]).iterator():
            out[("case", nuid)] = tuple(rest)
        spells = CaseSpell.objects.order_by("case_id", "started_at")
        for nuid, *rest in spells.values_list("case__nuid", *named["spell"]):
            out[("spell", nuid, rest[3])] = tuple(rest)
        decisions = Decision.objects.values_list("case__nuid", "seq", *named["decision"])
        for nuid, seq, *rest in decisions.iterator():
            out[("decision", nuid, seq)] = tuple(rest)
        accused = AccusedFlow.objects.values_list(
            "case__nuid", "participation__uid", *named["accused"]
        )
        for nuid, uid, *rest in accused.iterator():
            out[("accused", nuid, uid)] = tuple(rest)
        vaw = AccusedFlow.objects.values_list("case__nuid", "participation__uid", *named["vaw"])
        for nuid, uid, *rest in vaw.iterator():
            out[("vaw", nuid, uid)] = tuple(rest)
        counsel = CounselEntry.objects.values_list("case__nuid", "seq", *named["counsel"])
        for nuid, seq, *rest in counsel.iterator():
            out[("counsel", nuid, seq)] = tuple(rest)
        return out


def _opened(case: Case) -> None:
    """The case row, from the case as the docket projected it (a correction of the
    opening restates its procedure and time, which its accused rows repeat)."""
    upsert(
        CaseFlow,
        key={"case_id": case.pk},
        values={
            "court_id": case.court_id,
            "procedure": case.procedure,
            "opened_at": case.opened_at,
        },
    )
    AccusedFlow.objects.filter(case_id=case.pk).exclude(case_procedure=case.procedure).update(
        case_procedure=case.procedure
    )
    _spells(case)


def _participant(case: Case, event: Event) -> None:
    uid = event.payload.get("participant")
    part = Participation.objects.filter(case_id=case.pk, uid=uid).values(
        "pk", "person_id", "role", "person__sex", "person__nationality"
    )
    row = part.first()
    if row is None:
        return
    person = {"person_sex": row["person__sex"], "person_nationality": row["person__nationality"]}
    # Only a correction changes what was recorded before. A first statement adds a
    # participant the case did not have (the docket refuses a uid twice), so there is no
    # row of theirs here and no charge yet; and it names a person either new or restated
    # exactly (recording.py, _check_person_link), so no other row of that person is out
    # of date.
    restated = event.corrects_seq is not None
    if restated:
        # the docket keeps one row per person, restated by each case that adds them:
        # every accused row of that person repeats the person as now recorded
        AccusedFlow.objects.filter(person_id=row["person_id"]).exclude(**person).update(**person)
    if restated:  # a lawyer's entries repeat her role as now recorded
        CounselEntry.objects.filter(counsel_id=row["pk"]).exclude(counsel_role=row["role"]).update(
            counsel_role=row["role"]
        )
    if row["role"] != "accused":
        if restated:  # a correction may restate the role
            AccusedFlow.objects.filter(participation_id=row["pk"]).delete()
        return
    upsert(
        AccusedFlow,
        key={"participation_id": row["pk"]},
        values={
            "case_id": case.pk,
            "court_id": case.court_id,
            "person_id": row["person_id"],
            "added_at": event.occurred_at,
            "case_procedure": case.procedure,
            **person,
        },
    )
    if restated:
        _charges(case)


def _charges(case: Case) -> None:
    """Each accused's first charge (the earliest filed: its ICCS code and when) and first
    violence-against-women charge, from the docket's charges (corrections already applied
    there). A period's breakdowns use the first charge only when it was filed by the
    period's end, so a closed period's figures do not change when a charge comes later."""
    first: dict[int, tuple[str, dt.datetime]] = {}
    vaw: dict[int, dt.datetime] = {}
    charges = Charge.objects.filter(case_id=case.pk).order_by("filed_at", "filed_seq")
    for accused, iccs, is_vaw, at in charges.values_list(
        "accused_id", "iccs", "violence_against_women", "filed_at"
    ):
        first.setdefault(accused, (iccs, at))
        if is_vaw and (accused not in vaw or at < vaw[accused]):
            vaw[accused] = at
    for row in AccusedFlow.objects.filter(case_id=case.pk):
        code, filed = first.get(row.participation_id) or (None, None)
        when = vaw.get(row.participation_id)
        if (row.first_iccs, row.first_iccs_at, row.vaw_charged_at) != (code, filed, when):
            row.first_iccs, row.first_iccs_at, row.vaw_charged_at = code, filed, when
            row.save(update_fields=["first_iccs", "first_iccs_at", "vaw_charged_at"])


def _decision(case: Case, event: Event) -> None:
    p = event.payload
    seq = event.seq if event.corrects_seq is None else correction_root(case, event.corrects_seq)
    subject = next((p[f] for f in SUBJECT if isinstance(p.get(f), str)), None)
    who = (
        Participation.objects.filter(case_id=case.pk, uid=subject)
        .values_list("pk", "person_id")
        .first()
        if subject
        else None
    )
    custodial = p.get("custodial")
    outcome = p.get("outcome") if event.type != Decision.DISMISSAL else p.get("reason")
    upsert(
        Decision,
        key={"case_id": case.pk, "seq": seq},
        values={
            "stated_seq": event.seq,
            "court_id": case.court_id,
            "type": event.type,
            "participation_id": who[0] if who else None,
            "person_id": who[1] if who else None,
            "outcome": str(outcome or ""),
            "custodial": custodial if isinstance(custodial, bool) else None,
            "occurred_at": event.occurred_at,
        },
    )
    if event.type in RESOLVING:
        first = Decision.objects.filter(case_id=case.pk, type__in=RESOLVING).aggregate(
            at=Min("occurred_at")
        )["at"]
        CaseFlow.objects.filter(case_id=case.pk).update(resolved_at=first)
    if event.type in SPELLS:
        _spells(case)


def _spells(case: Case) -> None:
    """The stretches the case is pending, from its opening and its dispositions and
    reopenings in time order (corrections applied): a verdict or dismissal ends the
    stretch running, a reopening of a resolved case starts a new one; a second verdict
    while resolved, or a reopening while pending, changes nothing."""
    flow = CaseFlow.objects.filter(case_id=case.pk).first()
    if flow is None:
        return
    moves = Decision.objects.filter(case_id=case.pk, type__in=SPELLS).order_by("occurred_at", "seq")
    spells: list[dict[str, Any]] = [{"started_at": flow.opened_at, "ended_at": None}]
    for type_, at in moves.values_list("type", "occurred_at"):
        running = spells[-1]["ended_at"] is None
        if type_ in RESOLVING and running and at >= spells[-1]["started_at"]:
            spells[-1]["ended_at"] = at
        elif type_ == Decision.REOPENING and not running and at >= spells[-1]["ended_at"]:
            spells.append({"started_at": at, "ended_at": None})
    same = {
        "court_id": flow.court_id,
        "procedure": flow.procedure,
        "case_opened_at": flow.opened_at,
    }
    wanted = [{**same, **spell, "reopened": n > 0} for n, spell in enumerate(spells)]
    fields = ("court_id", "procedure", "case_opened_at", "started_at", "ended_at", "reopened")
    kept = [
        dict(zip(fields, row, strict=True))
        for row in CaseSpell.objects.filter(case_id=case.pk)
        .order_by("started_at")
        .values_list(*fields)
    ]
    if kept != wanted:
        CaseSpell.objects.filter(case_id=case.pk).delete()
        CaseSpell.objects.bulk_create(CaseSpell(case_id=case.pk, **w) for w in wanted)


def counsel_entry(case: Case, event: Event) -> None:
    """The row of a ``participant.acts_for`` entry, as the event states it (a correction
    restates its entry: lawyer, accused, ``ended`` and time), with the lawyer's role."""
    p = event.payload
    seq = event.seq if event.corrects_seq is None else correction_root(case, event.corrects_seq)
    uids = [u for u in (p.get("counsel"), p.get("accused")) if isinstance(u, str)]
    found = {
        uid: (pk, role)
        for uid, pk, role in Participation.objects.filter(
            case_id=case.pk, uid__in=uids
        ).values_list("uid", "pk", "role")
    }
    counsel = found.get(p.get("counsel"))
    accused = found.get(p.get("accused"))
    upsert(
        CounselEntry,
        key={"case_id": case.pk, "seq": seq},
        values={
            "stated_seq": event.seq,
            "court_id": case.court_id,
            "counsel_id": counsel[0] if counsel else None,
            "accused_id": accused[0] if accused else None,
            "counsel_role": counsel[1] if counsel else "",
            "ended": bool(p.get("ended")),
            "occurred_at": event.occurred_at,
        },
    )
