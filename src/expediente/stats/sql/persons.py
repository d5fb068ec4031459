"""UN-CTS flows of persons, violence against women and victims in firearm homicide
cases, in SQL.

Persons are counted once per indicator in a period: the database numbers each person's
qualifying rows (``ROW_NUMBER() OVER (PARTITION BY person ORDER BY moment, id)``) and
counts the first, with its breakdowns, as ``indicators.persons.per_person`` does."""

from __future__ import annotations

from typing import Any

from django.db import connections
from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber

from expediente.docket.counsel import PRIVATE, PUBLIC
from expediente.replica import reading_alias
from expediente.stats.indicators.base import Counts, margin
from expediente.stats.indicators.persons import DIMS
from expediente.stats.indicators.representation import DIMS as REPRESENTATION_DIMS
from expediente.stats.indicators.rows import SEXES, UnknownValue
from expediente.stats.indicators.vaw import OUTCOMES
from expediente.stats.models import Decision
from expediente.stats.period import Period
from expediente.stats.scope import Scope
from expediente.stats.sql.sources import (
    CONVICTED,
    accused,
    counsel_entries,
    decisions,
    firearm_victims_in,
    in_period,
    no_cases,
    shared,
)

# the persons indicted by representation and by the persons' breakdowns: both figures
# are its margins
INDICTED_DIMS = ("representation", *DIMS)


def _check(key: tuple[str, ...], dims: tuple[str, ...]) -> tuple[str, ...]:
    """A sex nobody classified, on a row counted, refuses the figure (the breakdowns map
    the empty sex to "unknown" and pass any other value through)."""
    if "sex" in dims and key[dims.index("sex")] not in SEXES:
        raise UnknownValue("sex", key[dims.index("sex")])
    return key


def _group(qs: QuerySet, dims: tuple[str, ...] = DIMS) -> Counts:
    out: Counts = {}
    for r in qs.values(*dims).annotate(n=Count("pk")).order_by():
        if r["n"]:
            out[_check(tuple(r[d] for d in dims), dims)] = r["n"]
    return out


def _rank(at: str, tie: str) -> Window:
    """Each person's rows numbered from their earliest (by ``at``, then ``tie``)."""
    return Window(RowNumber(), partition_by=[F("person_id")], order_by=[F(at), F(tie)])


def _count_firsts(sql: str, params: Any, dims: tuple[str, ...]) -> Counts:
    """Counts per breakdown of the rows ranked first in ``sql`` (columns: the
    breakdowns and ``rank``), grouped by the database."""
    cols = ", ".join(dims)
    # Django's query with its parameters, and the breakdowns' fixed names
    query = f"SELECT {cols}, COUNT(*) FROM ({sql}) firsts WHERE rank = 1 GROUP BY {cols}"  # noqa: S608
    with connections[reading_alias()].cursor() as cursor:
        cursor.execute(query, params)
        rows = cursor.fetchall()
    return {_check(tuple(r[:-1]), dims): r[-1] for r in rows if r[-1]}


def _per_person(qs: QuerySet, at: str, tie: str, dims: tuple[str, ...] = DIMS) -> Counts:
    """Each person once, under the breakdowns of their earliest row: one pass over the
    period's rows, ranked and grouped in the database."""
    ranked = qs.annotate(rank=_rank(at, tie)).values(*dims, "rank").order_by()
    sql, params = ranked.query.sql_with_params()
    return _count_firsts(sql, params, dims)


def formal_contact(scope: Scope, period: Period) -> Counts:
    if no_cases(scope):
        return {}
    qs = accused(scope, period).filter(in_period("added_at", period))
    return _per_person(qs, "added_at", "pk")


def indicted(scope: Scope, period: Period) -> Counts:
    return margin(_indicted(scope, period), INDICTED_DIMS, DIMS)


def convicted(scope: Scope, period: Period) -> Counts:
    return _decided(scope, period, Decision.VERDICT, *CONVICTED)


def _decided(scope: Scope, period: Period, type_: str, *outcomes: str) -> Counts:
    """Each person once, under the breakdowns of the accused row their earliest decision
    in the period is about."""
    if no_cases(scope):
        return {}
    sql, params = _ranked_accused(scope, period, type_, *outcomes)
    return _count_firsts(sql, params, DIMS)


def _period_decisions(scope: Scope, period: Period, type_: str, *outcomes: str) -> QuerySet:
    plain = decisions(scope, type_).filter(participation__isnull=False)
    plain = plain.filter(in_period("occurred_at", period))
    return plain.filter(outcome__in=outcomes) if outcomes else plain


def _ranked_accused(
    scope: Scope, period: Period, type_: str, *outcomes: str
) -> tuple[str, list[Any]]:
    """The accused rows the period's decisions are about, with their breakdowns, the
    participation and ``rank`` (1 for each person's earliest): the decisions ranked
    without a join, joined once to the accused rows, which carry the breakdowns."""
    plain = _period_decisions(scope, period, type_, *outcomes)
    ranked = plain.annotate(rank=_rank("occurred_at", "participation_id"))
    r_sql, r_params = ranked.values("participation_id", "rank").order_by().query.sql_with_params()
    a_sql, a_params = (
        accused(scope, period).values("participation_id", *DIMS).order_by().query.sql_with_params()
    )
    sql = (
        f"SELECT a.participation_id, {', '.join(f'a.{d}' for d in DIMS)}, r.rank "  # noqa: S608
        f"FROM ({r_sql}) r JOIN ({a_sql}) a ON a.participation_id = r.participation_id"
    )
    return sql, [*r_params, *a_params]


def represented(scope: Scope, period: Period) -> Counts:
    return margin(_indicted(scope, period), INDICTED_DIMS, REPRESENTATION_DIMS)


def _indicted(scope: Scope, period: Period) -> Counts:
    """Persons indicted, and by representation: one query shared in a release."""
    if no_cases(scope):
        return {}
    return shared(("indicted", scope, period), lambda: _by_representation(scope, period))


def _by_representation(scope: Scope, period: Period) -> Counts:
    """Persons indicted in the period, each once (their earliest indictment in it), by
    the lawyers acting for them in that case at the end of the period and the persons'
    breakdowns (``INDICTED_DIMS``: "persons indicted" is its margin): one query. The
    acts_for entries dated before the end, of the accused indicted in the period, are
    numbered per lawyer and accused from the latest recorded; the latest of each that
    does not end her acting gives the accused her role; the roles give the category.
    The period's indictments are joined to those roles before they are ranked per
    person (ranked first, PostgreSQL expected a handful of rows and joined the roles by
    a nested loop, aggregating them again for each indictment)."""
    indictments = _period_decisions(scope, period, Decision.INDICTMENT)
    d_sql, d_params = (
        indictments.values("participation_id", "person_id", "occurred_at")
        .order_by()
        .query.sql_with_params()
    )
    entries = (
        counsel_entries(scope)
        .filter(occurred_at__lt=period.hi, accused__in=indictments.values("participation_id"))
        .annotate(
            latest=Window(
                RowNumber(),
                partition_by=[F("accused_id"), F("counsel_id")],
                order_by=[F("seq").desc()],
            )
        )
        .values("accused_id", "counsel_role", "ended", "latest")
        .order_by()
    )
    e_sql, e_params = entries.query.sql_with_params()
    a_sql, a_params = (
        accused(scope, period).values("participation_id", *DIMS).order_by().query.sql_with_params()
    )
    # the roles and False as parameters, the columns by their fixed names
    sql = (
        f"SELECT r.representation, {', '.join(f'a.{d}' for d in DIMS)}, r.rank FROM ("  # noqa: S608
        "SELECT d.participation_id, "
        "CASE WHEN c.private_ = 1 AND c.public_ = 1 THEN 'both' "
        "WHEN c.private_ = 1 THEN 'private_counsel' "
        "WHEN c.public_ = 1 THEN 'public_defender' ELSE 'none_recorded' END AS representation, "
        "ROW_NUMBER() OVER (PARTITION BY d.person_id ORDER BY d.occurred_at, "
        f"d.participation_id) AS rank FROM ({d_sql}) d LEFT JOIN ("
        "SELECT e.accused_id, "
        "MAX(CASE WHEN e.counsel_role = %s THEN 1 ELSE 0 END) AS private_, "
        "MAX(CASE WHEN e.counsel_role = %s THEN 1 ELSE 0 END) AS public_ "
        f"FROM ({e_sql}) e WHERE e.latest = 1 AND e.ended = %s GROUP BY e.accused_id"
        ") c ON c.accused_id = d.participation_id"
        f") r JOIN ({a_sql}) a ON a.participation_id = r.participation_id"
    )
    params = [*d_params, PRIVATE, PUBLIC, *e_params, False, *a_params]
    return _count_firsts(sql, params, INDICTED_DIMS)


def vaw_charged(scope: Scope, period: Period) -> Counts:
    if no_cases(scope):
        return {}
    qs = accused(scope).filter(in_period("vaw_charged_at", period))
    return _per_person(qs, "vaw_charged_at", "pk", ("age_status",))


def vaw_outcomes(scope: Scope, period: Period) -> Counts:
    """Persons charged with violence against women, each under one outcome in the
    period: convicted, else acquitted, else dismissed. One query, read from the period's
    decisions: each verdict about, and each dismissal of the case of, an accused row
    charged with violence against women gives its person an outcome's rank; each person
    counts once, under the best."""
    if no_cases(scope):
        return {}
    verdicts = (
        decisions(scope, Decision.VERDICT)
        .filter(in_period("occurred_at", period))
        .filter(outcome__in=[*CONVICTED, "acquitted"])
        .values("participation_id", "outcome")
        .order_by()
    )
    dismissals = (
        decisions(scope, Decision.DISMISSAL)
        .filter(in_period("occurred_at", period))
        .values("case_id")
        .order_by()
    )
    v_sql, v_params = verdicts.query.sql_with_params()
    d_sql, d_params = dismissals.query.sql_with_params()
    marks = ", ".join(["%s"] * len(CONVICTED))
    # the decisions are the scope's (courts, expunged cases left out); an accused row of
    # the same case is in it too
    sql = (
        "SELECT best, COUNT(*) FROM (SELECT person_id, MIN(outcome) AS best FROM ("  # noqa: S608
        f"SELECT a.person_id, CASE WHEN v.outcome IN ({marks}) THEN 0 ELSE 1 END AS outcome "
        f"FROM ({v_sql}) v JOIN stats_accusedflow a ON a.participation_id = v.participation_id "
        "WHERE a.vaw_charged_at IS NOT NULL "
        "UNION ALL "
        f"SELECT a.person_id, 2 AS outcome FROM ({d_sql}) d "
        "JOIN stats_accusedflow a ON a.case_id = d.case_id WHERE a.vaw_charged_at IS NOT NULL"
        ") outcomes GROUP BY person_id) persons GROUP BY best"
    )
    with connections[reading_alias()].cursor() as cursor:
        cursor.execute(sql, [*CONVICTED, *v_params, *d_params])
        rows = cursor.fetchall()
    return {(OUTCOMES[best],): n for best, n in rows if n}


def firearm_homicide_victims(scope: Scope, period: Period) -> Counts:
    return _group(firearm_victims_in(scope, period), ("sex",))
