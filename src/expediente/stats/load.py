"""Rows for the pure indicator functions, read from the same querysets the SQL variants
aggregate (``stats.sql.sources``). For tests, the Parquet extract and small scopes: it
reads every row of the scope into memory."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models.fields.json import KT

from expediente.stats.indicators.rows import (
    AccusedRow,
    ArrestRow,
    CaseRow,
    CustodyRow,
    DecisionRow,
    VictimRow,
    age_status,
    citizenship_class,
    section_of,
    sex_class,
)
from expediente.stats.scope import Scope
from expediente.stats.sql import sources


def case_rows(scope: Scope) -> list[CaseRow]:
    return [
        CaseRow(r["court_code"], r["procedure"], r["opened_at"], r["resolved_at"])
        for r in sources.cases(scope).values("court_code", "procedure", "opened_at", "resolved_at")  # type: ignore[misc]
    ]


def custody_rows(scope: Scope) -> list[CustodyRow]:
    fields = ("participation__person", "case__procedure", "kind", "started_at", "ended_at")
    return [
        CustodyRow(p, proc, kind, start, end, sex)
        for p, proc, kind, start, end, sex in sources.custody_periods(scope).values_list(
            *fields, "participation__person__sex"
        )
    ]


def arrest_rows(scope: Scope) -> list[ArrestRow]:
    return [
        ArrestRow(*r)
        for r in sources.arrests(scope).values_list(
            "start_at", "due_at", "satisfied_at", "satisfied_type", "open"
        )
    ]


def decision_rows(scope: Scope) -> list[DecisionRow]:
    qs = sources.events(scope, "custody.hearing_held", "verdict.delivered")
    return [
        DecisionRow(
            e.type,
            e.occurred_at,
            str(e.payload.get("outcome") or ""),
            e.payload.get("custodial") if isinstance(e.payload.get("custodial"), bool) else None,
        )
        for e in qs.only("type", "occurred_at", "payload")
    ]


def accused_rows(scope: Scope) -> list[AccusedRow]:
    moments: dict[tuple[str, int, str], list[dt.datetime]] = defaultdict(list)
    by_case: dict[int, list[dt.datetime]] = defaultdict(list)
    evs = sources.events(scope, "indictment.filed", "verdict.delivered", "case.dismissed")
    for e in evs.annotate(who=KT("payload__accused"), outcome=KT("payload__outcome")).values(
        "type", "case_id", "who", "outcome", "occurred_at"
    ):
        if e["type"] == "case.dismissed":
            by_case[e["case_id"]].append(e["occurred_at"])
        elif e["type"] == "indictment.filed":
            moments["indicted", e["case_id"], e["who"]].append(e["occurred_at"])
        elif e["outcome"] in sources.CONVICTED:
            moments["convicted", e["case_id"], e["who"]].append(e["occurred_at"])
        elif e["outcome"] == "acquitted":
            moments["acquitted", e["case_id"], e["who"]].append(e["occurred_at"])
    rows = []
    country = scope.country.upper()
    for p in sources.accused(scope).values(  # type: ignore[misc]
        "id",
        "case_id",
        "uid",
        "first_iccs",
        "person__sex",
        "case__procedure",
        "person__nationality",
        "added_at",
        "vaw_charged_at",
    ):
        nat = p["person__nationality"] or ""
        key = (p["case_id"], p["uid"])
        rows.append(
            AccusedRow(
                id=p["id"],
                section=section_of(p["first_iccs"]),
                sex=sex_class(p["person__sex"]),
                age_status=age_status(p["case__procedure"]),
                citizenship=citizenship_class(nat, country),
                added_at=p["added_at"],
                indicted=tuple(moments.get(("indicted", *key), ())),
                convicted=tuple(moments.get(("convicted", *key), ())),
                acquitted=tuple(moments.get(("acquitted", *key), ())),
                dismissed=tuple(by_case.get(p["case_id"], ())),
                vaw_charged_at=p["vaw_charged_at"],
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
    "accused": accused_rows,
    "victims": victim_rows,
}
