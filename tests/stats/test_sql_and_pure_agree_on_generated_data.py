"""The database and the pure functions agree on hypothesis-generated caseloads, not only
on the demo: cases with and without dispositions, custody periods of every kind, some
ended by a death in custody, decided (a first-instance verdict in force) or not."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.access.models import User
from expediente.custody.models import CustodyPeriod
from expediente.docket.models import Case, Court, Event, Jurisdiction, Participation, Person
from expediente.stats.catalogue import INDICATORS
from expediente.stats.compute import indicator_compute
from expediente.stats.indicators.base import Derived
from expediente.stats.models import CaseFlow, CaseSpell
from expediente.stats.scope import scope_resolve

BASE = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)
DIED = "custody.died"
FAMILIES = ("caseflow", "custody")
# custody periods repeat their case's court and person (custody migration 0002)
DENORMALISED = {"court", "person"} <= {f.name for f in CustodyPeriod._meta.get_fields()}
offsets = st.integers(0, 900).map(lambda d: BASE + dt.timedelta(days=d, hours=d % 24))


@st.composite
def caseloads(draw: st.DrawFn) -> list[dict]:  # type: ignore[type-arg]
    return [
        {
            "procedure": draw(st.sampled_from(["adult", "juvenile"])),
            "opened": draw(offsets),
            "disposed": draw(st.one_of(st.none(), st.integers(0, 400))),
            "type": draw(st.sampled_from(["verdict.delivered", "case.dismissed"])),
            # reopened (days after the disposition) and disposed again (days after that)
            "reopened": draw(
                st.one_of(
                    st.none(),
                    st.tuples(st.integers(0, 300), st.one_of(st.none(), st.integers(0, 300))),
                )
            ),
            "custody": draw(
                st.lists(
                    st.tuples(
                        st.sampled_from(
                            ["police", "pretrial", "sentenced_appeal", "sentenced_final"]
                        ),
                        st.integers(0, 500),
                        st.one_of(st.none(), st.integers(0, 300)),
                        st.booleans(),  # an end is a death in custody
                        # held after a first-instance decision (an acquittal, for a
                        # pretrial period): sentenced for SDG 16.3.2
                        st.booleans(),
                    ),
                    max_size=2,
                )
            ),
            "sex": draw(st.sampled_from(["male", "female", ""])),
        }
        for _ in range(draw(st.integers(0, 12)))
    ]


def _store(court: Court, actor: User, caseload: list[dict]) -> None:  # type: ignore[type-arg]
    for i, c in enumerate(caseload):
        case = Case.objects.create(
            court=court,
            number=f"N{i}",
            nuid=f"G-{i}",
            created_at=c["opened"],
            procedure=c["procedure"],
            confidentiality="public",
            stage="investigation",
            stage_since=c["opened"],
            opened_at=c["opened"],
            updated_at=c["opened"],
        )
        seq = 1
        resolved = (
            None
            if c["disposed"] is None
            else c["opened"] + dt.timedelta(days=c["disposed"], minutes=5)
        )
        # the statistics projection's row, as the projector would write it
        CaseFlow.objects.create(
            case=case,
            court=court,
            procedure=c["procedure"],
            opened_at=c["opened"],
            resolved_at=resolved,
        )
        stretches = [(c["opened"], resolved)]
        if resolved is not None and c["reopened"] is not None:
            again = resolved + dt.timedelta(days=c["reopened"][0], hours=1)
            later = c["reopened"][1]
            stretches.append((again, None if later is None else again + dt.timedelta(days=later)))
        for n, (start, end) in enumerate(stretches):
            CaseSpell.objects.create(
                case=case,
                court=court,
                procedure=c["procedure"],
                case_opened_at=c["opened"],
                started_at=start,
                ended_at=end,
                reopened=n > 0,
            )
        if c["disposed"] is not None:
            Event.objects.create(
                case=case,
                seq=seq,
                type=c["type"],
                occurred_at=c["opened"] + dt.timedelta(days=c["disposed"], minutes=5),
                recorded_at=c["opened"],
                actor=actor,
                actor_label="t",
                payload={},
                prev_hash="0",
                hash="1",
            )
        person = Person.objects.create(uid=f"u{i}", kind="natural", sex=c["sex"], search_name="x")
        part = Participation.objects.create(
            case=case, uid="P1", person=person, role="accused", added_seq=1
        )
        start = c["opened"]
        for j, (kind, after, length, died, decided) in enumerate(c["custody"]):
            start = start + dt.timedelta(days=after)
            end = None if length is None else start + dt.timedelta(days=length)
            end_type = "" if end is None else DIED if died else "custody.released"
            extra = {"court": court, "person": person} if DENORMALISED else {}
            CustodyPeriod.objects.create(
                case=case,
                participation=part,
                kind=kind,
                started_at=start,
                start_seq=j + 1,
                ended_at=end,
                end_type=end_type,
                decided=decided,
                **extra,
            )
            if end is None or end_type == DIED:
                break
            start = end


@pytest.mark.django_db
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(caseload=caseloads(), year=st.sampled_from([2023, 2024, 2025]))
def test_they_agree(caseload, year) -> None:  # type: ignore[no-untyped-def]
    with transaction.atomic():
        j = Jurisdiction.objects.create(code="gen", name="Generated", rule_pack="cr")
        court = Court.objects.create(
            jurisdiction=j,
            code="gen-1",
            name="G",
            office_code="1",
            timezone="America/Costa_Rica",
            rule_pack="cr",
        )
        actor = User.objects.create(username="gen", is_system=True)
        _store(court, actor, caseload)
        scope = scope_resolve(
            jurisdiction="gen",
            courts=None,
            start=f"{year}-01-01",
            end=f"{year}-12-31",
            today=dt.date(2027, 1, 1),
        )
        for indicator in [i for i in INDICATORS if i.family in FAMILIES]:
            sql = indicator_compute(indicator, scope, engine="sql")
            pure = indicator_compute(indicator, scope, engine="pure")
            if isinstance(sql, Derived):
                assert isinstance(pure, Derived)
                assert (sql.numerator, sql.basis) == (pure.numerator, pure.basis), indicator.id
                assert (sql.value is None) == (pure.value is None)
                if sql.value is not None:
                    assert pure.value == pytest.approx(sql.value, rel=1e-9), indicator.id
            else:
                assert sql == pure, indicator.id
        transaction.set_rollback(True)
