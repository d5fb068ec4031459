"""The database's figure of persons brought before the courts by legal representation
(one query over the projection of the ``participant.acts_for`` entries) equals the
docket's own fold (``docket.counsel``: ``acting``, ``counsel_of``, ``representation``,
over the entries dated before the end of the year, each as last corrected) and the pure
function, on random histories: several accused and lawyers, withdrawals, replacements,
entries recorded out of date order, corrections. ``rebuild --check`` finds the
projection equal to a replay of the log."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.access.policy import Actor
from expediente.demo.generator import demo_user
from expediente.docket.counsel import ACTS_FOR, acting, counsel_of, representation
from expediente.docket.models import Case, Court, Event, Jurisdiction, Participation
from expediente.docket.rebuild import rebuild
from expediente.docket.services import case_open, event_record
from expediente.stats.compute import indicator_compute
from expediente.stats.indicators.base import margin
from expediente.stats.indicators.representation import DIMS
from tests.stats.conftest import demo_scope

CODE = "prueba-defensa"
YEAR_END = dt.datetime(2025, 1, 1, 6, 0, tzinfo=dt.UTC)  # midnight on the Costa Rican clock
ROLES = ("defence", "public_defender")
days = st.integers(-300, 60).map(lambda d: YEAR_END + dt.timedelta(days=d, hours=-(d % 9) - 1))


@pytest.fixture
def court(demo) -> Court:  # type: ignore[no-untyped-def]
    return Court.objects.create(
        jurisdiction=Jurisdiction.objects.get(code="cr"),
        code=CODE,
        name="Juzgado de prueba",
        office_code="0996",
        timezone="America/Costa_Rica",
        rule_pack="cr",
    )


@st.composite
def histories(draw: st.DrawFn) -> dict[str, Any]:
    accused = draw(st.integers(1, 3))
    lawyers = draw(st.lists(st.sampled_from(ROLES), min_size=1, max_size=3))
    entries = draw(
        st.lists(
            st.tuples(
                st.integers(0, len(lawyers) - 1),
                st.integers(0, accused - 1),
                st.booleans(),
                days,
            ),
            max_size=8,
        )
    )
    corrections = draw(
        st.lists(
            st.tuples(st.integers(0, 7), st.integers(0, len(lawyers) - 1), st.booleans(), days),
            max_size=2,
        )
    )
    indictments = draw(st.lists(st.one_of(st.none(), days), min_size=accused, max_size=accused))
    return {
        "accused": accused,
        "lawyers": lawyers,
        "entries": entries,
        "corrections": corrections,
        "indictments": indictments,
    }


def _record(case: Case, type_: str, payload: dict[str, Any], at: dt.datetime, **kw: Any) -> Any:
    if kw.get("corrects_seq") is not None:
        kw["correction_reason"] = "Mistyped when first recorded"
    return event_record(
        case=case,
        type=type_,
        payload=payload,
        actor=Actor.system(demo_user()),
        occurred_at=at,
        **kw,
    )


def _store(court: Court, h: dict[str, Any]) -> Case:
    opened = YEAR_END - dt.timedelta(days=400)
    case = case_open(
        court=court, actor=Actor.system(demo_user()), procedure="adult", occurred_at=opened
    ).event.case
    for i in range(h["accused"]):
        person = {"given_names": f"A{i}", "family_names": "X", "sex": "male"}
        _record(case, "participant.added", {"role": "accused", "person": person}, opened)
    for i, role in enumerate(h["lawyers"]):
        person = {"given_names": f"L{i}", "family_names": "Y", "sex": "female"}
        _record(case, "participant.added", {"role": role, "person": person}, opened)
    lawyer = [f"P{h['accused'] + 1 + i}" for i in range(len(h["lawyers"]))]
    seqs = []
    for who, whom, ended, at in h["entries"]:
        payload = {"counsel": lawyer[who], "accused": f"P{whom + 1}", "ended": ended}
        seqs.append(_record(case, ACTS_FOR, payload, at).event.seq)
    for k, who, ended, at in h["corrections"]:
        if k < len(seqs):
            original = Event.objects.get(case=case, seq=seqs[k])
            payload = {**original.payload, "counsel": lawyer[who], "ended": ended}
            if (payload, at) != (original.payload, original.occurred_at):  # else refused
                # a second correction of the entry corrects the first
                seqs[k] = _record(case, ACTS_FOR, payload, at, corrects_seq=seqs[k]).event.seq
    for i, at in enumerate(h["indictments"]):
        if at is not None:
            _record(case, "indictment.filed", {"accused": f"P{i + 1}"}, at)
    return case


def _docket_fold(case: Case, end: dt.datetime) -> dict[str, int]:
    """Per category, the accused indicted in 2024 (each a person of their own), by the
    docket's own fold over the entries dated before ``end``, each as last corrected."""
    root: dict[int, int] = {}
    latest: dict[int, Event] = {}
    for e in Event.objects.filter(case=case, type=ACTS_FOR).order_by("seq"):
        origin = root.get(e.corrects_seq, e.corrects_seq) if e.corrects_seq else e.seq
        root[e.seq] = origin
        latest[origin] = e
    rows = [(o, latest[o].payload, None) for o in sorted(latest) if latest[o].occurred_at < end]
    clients = acting(rows)
    people = [
        SimpleNamespace(
            uid=p.uid,
            role=p.role,
            acts_for=sorted(clients[p.uid]) if p.uid in clients else None,
        )
        for p in Participation.objects.filter(case=case).order_by("added_seq")
    ]
    lawyers = counsel_of(people)
    start = end.replace(year=end.year - 1)
    indicted = {
        e.payload["accused"]
        for e in Event.objects.filter(case=case, type="indictment.filed")
        if start <= e.occurred_at < end
    }
    out: dict[str, int] = {}
    for uid in indicted:
        category = representation(lawyers[uid])
        out[category] = out.get(category, 0) + 1
    return out


@pytest.mark.django_db
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(h=histories())
def test_the_database_the_pure_function_and_the_docket_agree(court: Court, h) -> None:  # type: ignore[no-untyped-def]
    with transaction.atomic():
        case = _store(court, h)
        scope = demo_scope("2024-01-01", "2024-12-31", [CODE])
        assert scope.period.hi == YEAR_END
        sql = indicator_compute("represented", scope)
        assert sql == indicator_compute("represented", scope, engine="pure")
        assert isinstance(sql, dict)
        mine = {k[0]: n for k, n in margin(sql, DIMS, ("representation",)).items()}
        assert mine == _docket_fold(case, YEAR_END)
        transaction.set_rollback(True)


def test_the_projection_of_the_entries_is_rebuilt_from_the_log(court: Court) -> None:
    h = {
        "accused": 2,
        "lawyers": ["defence", "public_defender"],
        "entries": [
            (0, 0, False, YEAR_END - dt.timedelta(days=200)),
            (1, 1, False, YEAR_END - dt.timedelta(days=150)),
            (0, 0, True, YEAR_END - dt.timedelta(days=20)),
            (1, 0, False, YEAR_END - dt.timedelta(days=19)),
        ],
        "corrections": [(1, 0, False, YEAR_END - dt.timedelta(days=150))],
        "indictments": [YEAR_END - dt.timedelta(days=100), YEAR_END - dt.timedelta(days=90)],
    }
    case = _store(court, h)
    scope = demo_scope("2024-01-01", "2024-12-31", [CODE])
    # P1: private counsel replaced by the public defender; P2: the correction says the
    # private lawyer, not the public defender, acts for them
    got = indicator_compute("represented", scope)
    assert isinstance(got, dict)
    mine = {k[0]: n for k, n in margin(got, DIMS, ("representation",)).items()}
    assert mine == {"public_defender": 1, "private_counsel": 1} == _docket_fold(case, YEAR_END)
    assert rebuild(check=True).differences == []


def test_the_migration_fills_the_entries_already_recorded(court: Court) -> None:
    from importlib import import_module

    from django.apps import apps

    from expediente.stats.models import CounselEntry
    from expediente.stats.projector import StatsProjector

    h = {
        "accused": 1,
        "lawyers": ["defence", "public_defender"],
        "entries": [
            (0, 0, False, YEAR_END - dt.timedelta(days=200)),
            (0, 0, True, YEAR_END - dt.timedelta(days=30)),
            (1, 0, False, YEAR_END - dt.timedelta(days=29)),
        ],
        "corrections": [],
        "indictments": [YEAR_END - dt.timedelta(days=100)],
    }
    _store(court, h)
    scope = demo_scope("2024-01-01", "2024-12-31", [CODE])
    before = indicator_compute("represented", scope)
    CounselEntry.objects.all().delete()  # as before the migration
    assert indicator_compute("represented", scope) != before
    migration = import_module("expediente.stats.migrations.0008_counsel_entries")
    migration.fill(apps, None)
    assert indicator_compute("represented", scope) == before
    assert rebuild(check=True).differences == []
    # a projection still empty while events are recorded is replayed, entries included
    StatsProjector().reset()
    assert indicator_compute("represented", scope) == {}
    migration.fill(apps, None)
    assert indicator_compute("represented", scope) == before
    assert rebuild(check=True).differences == []
