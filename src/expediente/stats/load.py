"""Rows for the pure indicator functions, read from the same querysets the SQL variants
aggregate (``stats.sql.sources``). For tests, the Parquet extract and small scopes: it
reads every row of the scope into memory."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from expediente.custody.missed import lapsed_due
from expediente.stats.indicators.hearings import TRIAL
from expediente.stats.indicators.measures import CONVICTED, DETENTION, HEARING, MEASURE, VERDICT
from expediente.stats.indicators.rows import (
    AccusedRow,
    ArrestRow,
    CaseRow,
    CounselRow,
    CustodyRow,
    DeadlineRow,
    DecisionRow,
    HearingRow,
    TrialRow,
    TrialSetting,
    VictimRow,
    age_status,
    citizenship_class,
    section_of,
    sex_class,
)
from expediente.stats.models import Decision
from expediente.stats.scope import Scope
from expediente.stats.sql import sources


def case_rows(scope: Scope) -> list[CaseRow]:
    stretches: dict[int, list[tuple[dt.datetime, dt.datetime | None]]] = defaultdict(list)
    for case_id, start, end in (
        sources.spells(scope)
        .order_by("started_at")
        .values_list("case_id", "started_at", "ended_at")
    ):
        stretches[case_id].append((start, end))
    return [
        CaseRow(
            r["court_code"],
            r["procedure"],
            r["opened_at"],
            r["resolved_at"],
            tuple(stretches.get(r["case_id"], ())),
        )
        for r in sources.cases(scope).values(  # type: ignore[misc]
            "case_id", "court_code", "procedure", "opened_at", "resolved_at"
        )
    ]


def custody_rows(scope: Scope) -> list[CustodyRow]:
    fields = ("person", "case__procedure", "kind", "started_at", "ended_at")
    return [
        CustodyRow(p, proc, kind, start, end, sex, end_type, decided)
        for p, proc, kind, start, end, sex, end_type, decided in sources.custody_periods(
            scope
        ).values_list(*fields, "person__sex", "end_type", "decided")
    ]


def arrest_rows(scope: Scope) -> list[ArrestRow]:
    return [
        ArrestRow(*r)
        for r in sources.arrests(scope).values_list(
            "start_at", "due_at", "satisfied_at", "satisfied_type", "open", "stopped_at"
        )
    ]


def hearing_rows(scope: Scope) -> list[HearingRow]:
    return [
        HearingRow(*r)
        for r in sources.sittings(scope).values_list(  # type: ignore[misc]
            "court_code", "kind", "starts_at", "status", "reason"
        )
    ]


def deadline_rows(scope: Scope) -> list[DeadlineRow]:
    rows = sources.custody_deadlines(scope).values_list(  # type: ignore[misc]
        "court_code",
        "rule_id",
        "start_at",
        "due_at",
        "satisfied_at",
        "stopped_at",
        "suspended_since",
        "missed_at",
        "detail",
    )
    return [
        DeadlineRow(court, rule, start, due, met, stopped, suspended, missed, lapsed_due(d, due))
        for court, rule, start, due, met, stopped, suspended, missed, d in rows
    ]


def trial_rows(scope: Scope) -> list[TrialRow]:
    """Every case of the scope with its verdicts and its trial-kind settings."""
    verdicts: dict[int, list[tuple[dt.datetime, int]]] = defaultdict(list)
    for case_id, at, seq in sources.decisions(scope, Decision.VERDICT).values_list(
        "case_id", "occurred_at", "seq"
    ):
        verdicts[case_id].append((at, seq))
    settings: dict[int, list[TrialSetting]] = defaultdict(list)
    for case_id, seq, starts_at, status in (
        sources.sittings(scope)
        .filter(kind=TRIAL)
        .values_list("case_id", "set_by_seq", "starts_at", "status")
    ):
        settings[case_id].append(TrialSetting(seq, starts_at, status))
    return [
        TrialRow(
            court,
            procedure,
            tuple(verdicts.get(case_id, ())),
            tuple(settings.get(case_id, ())),
        )
        for case_id, court, procedure in sources.cases(scope).values_list(  # type: ignore[misc]
            "case_id", "court_code", "procedure"
        )
    ]


def decision_rows(scope: Scope) -> list[DecisionRow]:
    """Custody hearings, detention orders and verdicts (corrections applied), and the
    measures imposed (their kind as the outcome)."""
    qs = sources.decisions(scope, HEARING, DETENTION, VERDICT)
    rows = [DecisionRow(*r) for r in qs.values_list("type", "occurred_at", "outcome", "custodial")]
    rows += [
        DecisionRow(MEASURE, at, kind, False)
        for kind, at in sources.measures(scope).values_list("kind", "imposed_at")
    ]
    return rows


def accused_rows(scope: Scope) -> list[AccusedRow]:
    moments: dict[tuple[str, int], list[dt.datetime]] = defaultdict(list)
    by_case: dict[int, list[dt.datetime]] = defaultdict(list)
    kinds = (Decision.INDICTMENT, Decision.VERDICT, Decision.DISMISSAL)
    for type_, case_id, who, outcome, at in sources.decisions(scope, *kinds).values_list(
        "type", "case_id", "participation_id", "outcome", "occurred_at"
    ):
        if type_ == Decision.DISMISSAL:
            by_case[case_id].append(at)
        elif type_ == Decision.INDICTMENT:
            moments["indicted", who].append(at)
        elif outcome in CONVICTED:
            moments["convicted", who].append(at)
        elif outcome == "acquitted":
            moments["acquitted", who].append(at)
    counsel: dict[int, list[CounselRow]] = defaultdict(list)
    for accused, seq, lawyer, role, ended, at in sources.counsel_entries(scope).values_list(
        "accused_id", "seq", "counsel_id", "counsel_role", "ended", "occurred_at"
    ):
        counsel[accused].append(CounselRow(seq, lawyer, role, ended, at))
    rows = []
    country = scope.country.upper()
    for p in sources.accused(scope).values(
        "pk",
        "case_id",
        "person_id",
        "first_iccs",
        "first_iccs_at",
        "person__sex",
        "case__procedure",
        "person__nationality",
        "added_at",
        "vaw_charged_at",
    ):
        pk = p["pk"]
        rows.append(
            AccusedRow(
                id=pk,
                person=p["person_id"],
                section=section_of(p["first_iccs"]),
                charged_at=p["first_iccs_at"],
                sex=sex_class(p["person__sex"]),
                age_status=age_status(p["case__procedure"]),
                citizenship=citizenship_class(p["person__nationality"] or "", country),
                added_at=p["added_at"],
                indicted=tuple(moments.get(("indicted", pk), ())),
                convicted=tuple(moments.get(("convicted", pk), ())),
                acquitted=tuple(moments.get(("acquitted", pk), ())),
                dismissed=tuple(by_case.get(p["case_id"], ())),
                vaw_charged_at=p["vaw_charged_at"],
                counsel=tuple(counsel.get(pk, ())),
            )
        )
    return rows


def victim_rows(scope: Scope) -> list[VictimRow]:
    return [
        VictimRow(pk, sex_class(sex), at)
        for pk, sex, at in sources.firearm_victims(scope).values_list(  # type: ignore[misc]
            "id", "person__sex", "charged_at"
        )
    ]


LOADERS = {
    "cases": case_rows,
    "custody": custody_rows,
    "arrests": arrest_rows,
    "decisions": decision_rows,
    "hearings": hearing_rows,
    "trials": trial_rows,
    "deadlines": deadline_rows,
    "accused": accused_rows,
    "victims": victim_rows,
}
