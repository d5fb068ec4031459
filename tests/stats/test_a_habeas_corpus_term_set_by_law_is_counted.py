"""Colombia's 36 hours to decide a habeas corpus (a term set by law, started by the
petition) is among the court's custody deadlines the statistics count: met in time by a
ruling, late when a referral ended it after the 36 hours; the court's own 48-hour target
for answering any petition is not counted."""

from __future__ import annotations

import datetime as dt

import pytest

from expediente.petitions.services import petition_decide, petition_file
from expediente.stats.compute import indicator_compute
from expediente.stats.scope import scope_resolve
from tests.custody.conftest import custody  # noqa: F401
from tests.custody.test_colombian_deadlines_come_from_the_record import (  # noqa: F401
    bog,
    co_court,
    open_co,
)

pytestmark = pytest.mark.django_db
HABEAS = "co.habeas_corpus_decision"


def _habeas(case, clerk, filed_at: dt.datetime, outcome: str, hours: int) -> None:  # type: ignore[no-untyped-def]
    filed = petition_file(
        case=case,
        actor=clerk,
        occurred_at=filed_at,
        petitioner="P1",
        kind="habeas_corpus",
        text="La captura fue ilegal.",
        filed_via="clerk",
        received_from="Andrés Gómez, hermano",
    )
    petition_decide(
        case=case,
        petition=filed.event.seq,
        outcome=outcome,
        reasons="Motivos.",
        actor=clerk,
        occurred_at=filed_at + dt.timedelta(hours=hours),
    )


def test_the_habeas_corpus_term_is_counted_and_the_answer_target_is_not(
    co_court,  # noqa: F811
    clerk,
    record,
    custody,  # noqa: F811
):
    ruled = open_co(co_court, clerk, record)
    custody(ruled, "arrested", bog(2025, 3, 1, 22))
    _habeas(ruled, clerk, bog(2025, 3, 2, 9), "denied", 10)
    referred = open_co(co_court, clerk, record)
    custody(referred, "arrested", bog(2025, 4, 1, 22))
    _habeas(referred, clerk, bog(2025, 4, 2, 9), "referred", 50)
    scope = scope_resolve(
        jurisdiction="co", courts=[co_court.code], start="2025-01-01", end="2025-12-31",
        today=dt.date(2026, 2, 1),
    )  # fmt: skip
    sql = indicator_compute("custody_deadlines_on_time", scope)
    assert sql == indicator_compute("custody_deadlines_on_time", scope, engine="pure")
    assert isinstance(sql, dict)
    assert sql[co_court.code, HABEAS, "on_time"] == 1
    assert sql[co_court.code, HABEAS, "late"] == 1
    assert not [k for k in sql if k[1] == "intl.petition_answer"]
