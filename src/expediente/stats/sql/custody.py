"""Persons held on the reference day, in SQL: distinct persons per status and sex, one
query per indicator; and the persons who died in custody in the period. A period of an
unsentenced kind that is ``decided`` (held after an acquittal) is sentenced, as in
``indicators.custody``.

Each query reads the custody periods covering the reference moment once: per person, the
most restrictive status they are held in and their sex, then counts persons per (status,
sex) in the database. A sex nobody classified, on a row the figure counts, or a custody
kind nobody classified, anywhere in the scope (found from the index on the kinds),
refuses the figure (``UnknownValue``) instead of being dropped or guessed.
"""

from __future__ import annotations

from django.db import connections
from django.db.models import Case, IntegerField, Max, Min, Q, QuerySet, Value, When

from expediente.replica import reading_alias
from expediente.stats.indicators.base import Counts, Derived, ratio
from expediente.stats.indicators.custody import DIED, RANK
from expediente.stats.indicators.rows import LIBERTY_STATUS, SEXES, UnknownValue
from expediente.stats.period import Period
from expediente.stats.scope import Scope
from expediente.stats.sql.sources import custody_periods, in_period, no_cases, shared

DAY = 86400.0
# rank of each status (``indicators.custody.RANK``): a person held in two is counted
# once, in the most restrictive
STATUS_OF_RANK = {rank: status for status, rank in RANK.items()}
UNKNOWN_KIND = 9


# The custody kinds recorded, by a loose scan of the index on (kind, started_at): one
# index probe per distinct kind, however many periods there are (SQLite and PostgreSQL).
KINDS_RECORDED = (
    "WITH RECURSIVE k(kind) AS ("
    " SELECT MIN(kind) FROM custody_custodyperiod"
    " UNION ALL"
    " SELECT (SELECT MIN(kind) FROM custody_custodyperiod WHERE kind > k.kind)"
    " FROM k WHERE k.kind IS NOT NULL"
    ") SELECT kind FROM k WHERE kind IS NOT NULL"
)


def _check_kinds(scope: Scope) -> None:
    """A custody kind nobody classified, in any period of the scope, refuses the
    figure: the kinds recorded are few and read from the index, and only an unknown one
    is looked for in the scope."""
    with connections[reading_alias()].cursor() as cursor:
        cursor.execute(KINDS_RECORDED)
        odd = [k for (k,) in cursor.fetchall() if k not in LIBERTY_STATUS]
    for kind in odd:
        if custody_periods(scope).filter(kind=kind).exists():
            raise UnknownValue("custody kind", kind)


def _held(scope: Scope, period: Period) -> QuerySet:
    _check_kinds(scope)
    return custody_periods(scope).filter(
        Q(started_at__lte=period.hi) & (Q(ended_at__isnull=True) | Q(ended_at__gt=period.hi))
    )


# The sex of the person held and the procedure of the case, from the accused row of the
# same participation (``stats.models.AccusedFlow`` repeats them, kept in step by the
# projector): a join with the small accused table instead of the docket's persons and
# cases; the docket is read only for a period whose participation has no accused row.
SEX = "COALESCE(a.person_sex, (SELECT p.sex FROM docket_person p WHERE p.id = h.person_id))"
PROCEDURE = (
    "COALESCE(a.case_procedure, (SELECT c.procedure FROM docket_case c WHERE c.id = h.case_id))"
)


# the kinds held unsentenced, until a first-instance decision (``decided``) makes them
# sentenced (``rows.liberty_status``)
UNSENTENCED_KINDS = [k for k, s in LIBERTY_STATUS.items() if s == "unsentenced"]


def _rank_sql() -> tuple[str, list[object]]:
    decided = ", ".join("%s" for _ in UNSENTENCED_KINDS)
    whens = " ".join("WHEN h.kind = %s THEN %s" for _ in LIBERTY_STATUS)
    params: list[object] = [*UNSENTENCED_KINDS, True, RANK["sentenced"]]
    for kind, status in LIBERTY_STATUS.items():
        params += [kind, RANK[status]]
    first = f"WHEN h.kind IN ({decided}) AND h.decided = %s THEN %s"
    return f"CASE {first} {whens} ELSE {UNKNOWN_KIND} END", params


Persons = dict[tuple[int, int, bool, str], int]


def _persons(scope: Scope, period: Period) -> Persons:
    """The persons held on the reference day, counted per (highest rank, highest rank in
    juvenile proceedings, held unsentenced at all, sex): one query for the family (the
    held rows, Django's query with its parameters, ranked per person and grouped again by
    the database)."""
    if no_cases(scope):
        return {}
    return shared(("held", scope, period), lambda: _count_persons(_held(scope, period)))


def _count_persons(held: QuerySet) -> Persons:
    inner, params = (
        held.values("person_id", "participation_id", "case_id", "kind", "decided").order_by()
    ).query.sql_with_params()
    rank, rank_params = _rank_sql()
    sql = (
        "SELECT top, juvenile, unsentenced, sex, COUNT(*) FROM ("  # noqa: S608
        f"SELECT h.person_id, {SEX} AS sex, MAX({rank}) AS top, "
        f"MAX(CASE WHEN {PROCEDURE} = %s THEN {rank} ELSE 0 END) AS juvenile, "
        f"MAX(CASE WHEN ({rank}) = %s THEN 1 ELSE 0 END) AS unsentenced "
        f"FROM ({inner}) h LEFT JOIN stats_accusedflow a "
        "ON a.participation_id = h.participation_id "
        f"GROUP BY h.person_id, {SEX}) ranked GROUP BY top, juvenile, unsentenced, sex"
    )
    args = [*rank_params, "juvenile", *rank_params, *rank_params, RANK["unsentenced"], *params]
    with connections[reading_alias()].cursor() as cursor:
        cursor.execute(sql, args)
        rows = cursor.fetchall()
    out: Persons = {}
    for top, juvenile, unsentenced, sex, n in rows:
        if top == UNKNOWN_KIND:
            odd = held.exclude(kind__in=list(LIBERTY_STATUS)).values_list("kind", flat=True)
            raise UnknownValue("custody kind", str(odd.first()))
        if sex not in SEXES:
            raise UnknownValue("sex", sex)
        out[(top, juvenile, bool(unsentenced), SEXES[sex])] = n
    return out


def _by_status(persons: Persons, which: int) -> Counts:
    """Persons per (status, sex), each in the status of rank ``which`` of the key (0: of
    all their held rows, 1: of those in juvenile proceedings), if any."""
    out: Counts = {}
    for (top, juvenile, _unsentenced, sex), n in persons.items():
        rank = (top, juvenile)[which]
        if rank:
            status = (STATUS_OF_RANK[rank], sex)
            out[status] = out.get(status, 0) + n
    return out


def held_on_day(scope: Scope, period: Period) -> Counts:
    """Police custody is not held (SDG 16.3.2 counts prisons), but a police-only person
    is ranked like the rest so that an unknown kind is still refused."""
    counts = _by_status(_persons(scope, period), 0)
    return {k: v for k, v in counts.items() if k[0] != "police"}


def unsentenced_share(scope: Scope, period: Period) -> Derived:
    counts = held_on_day(scope, period)
    unsentenced = sum(n for (status, _), n in counts.items() if status == "unsentenced")
    return ratio(unsentenced, sum(counts.values()), scale=100)


def time_held_unsentenced(scope: Scope, period: Period) -> Derived:
    per_person = (
        _held(scope, period)
        .filter(kind__in=UNSENTENCED_KINDS, decided=False)
        .values("person")
        .annotate(since=Min("started_at"))
    )
    # the persons held unsentenced: counted by the family's query
    n = sum(n for key, n in _persons(scope, period).items() if key[2])
    if n == 0:
        return Derived(None, None, 0, undefined="no cases")
    middle = per_person.order_by("-since").values_list("since", flat=True)[
        (n - 1) // 2 : n // 2 + 1
    ]
    days = [(period.hi - since).total_seconds() / DAY for since in middle]
    return Derived(sum(days) / len(days), None, n)


def juveniles_deprived(scope: Scope, period: Period) -> Counts:
    """Each person once, in their most restrictive status in juvenile proceedings:
    sentenced, unsentenced, police."""
    return _by_status(_persons(scope, period), 1)


def deaths_in_custody(scope: Scope, period: Period) -> Counts:
    """As ``indicators.custody.deaths_in_custody``: the periods a death in custody ended
    in the period (few), grouped per person by the database (the most restrictive kind,
    juvenile if one was in juvenile proceedings), then counted per (status, sex, age
    status). A custody kind nobody classified anywhere in the scope refuses the figure,
    as for the persons held."""
    if no_cases(scope):
        return {}
    _check_kinds(scope)
    rank = Case(
        *(When(kind=kind, then=Value(RANK[status])) for kind, status in LIBERTY_STATUS.items()),
        default=Value(UNKNOWN_KIND),
        output_field=IntegerField(),
    )
    juvenile = Case(
        When(case__procedure="juvenile", then=Value(1)),
        When(case__procedure="adult", then=Value(0)),
        default=Value(UNKNOWN_KIND),
        output_field=IntegerField(),
    )
    per_person = (
        custody_periods(scope)
        .filter(in_period("ended_at", period), end_type=DIED)
        .values("person_id", "person__sex")
        .annotate(top=Max(rank), young=Max(juvenile))
        .order_by()
        .values_list("person__sex", "top", "young")
    )
    out: Counts = {}
    for sex, top, young in per_person:
        if sex not in SEXES:
            raise UnknownValue("sex", sex)
        if young == UNKNOWN_KIND:
            odd = custody_periods(scope).exclude(case__procedure__in=("adult", "juvenile"))
            raise UnknownValue("procedure", str(odd.values_list("case__procedure", flat=True)[0]))
        key = (STATUS_OF_RANK[top], SEXES[sex], "juvenile" if young else "adult")
        out[key] = out.get(key, 0) + 1
    return out
