"""Hearings that did not happen (``hearings_not_held``, ``not_held_share``): each date
set for a hearing that fell in the period, by what was recorded on it. Recorded through
the real services in a court of its own: a hearing not held and set again counts at both
dates, a date moved before it came counts at the new one only, a corrected reason counts
as corrected, a date with no outcome is counted apart (never as held), the detained
person not brought is a reason of its own, and an expunged case is in no figure."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.access.policy import Actor
from expediente.demo.generator import demo_user
from expediente.docket.models import Court, Jurisdiction
from expediente.docket.services import case_open, event_record
from expediente.stats.compute import indicator_compute
from expediente.stats.disclosure import TOTAL
from expediente.stats.indicators import hearings as he
from expediente.stats.indicators.rows import HEARING_KINDS, NOT_HELD_REASONS, HearingRow
from expediente.stats.publish import release_publish
from expediente.stats.scope import scope_public
from tests.stats.conftest import TODAY, demo_scope
from tests.stats.helpers import YEAR, at

COURT = "prueba-penal"


def _at(day: str, hour: int = 15) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=dt.UTC)


@pytest.fixture
def court(demo) -> Court:  # type: ignore[no-untyped-def]
    return Court.objects.create(
        jurisdiction=Jurisdiction.objects.get(code="cr"),
        code=COURT,
        name="Juzgado de prueba",
        office_code="0998",
        timezone="America/Costa_Rica",
        rule_pack="cr",
    )


class Docket:
    """One case of the test court, recorded through ``event_record``."""

    def __init__(self, court: Court, opened: str) -> None:
        self.actor = Actor.system(demo_user())
        self.case = case_open(
            court=court, actor=self.actor, procedure="adult", occurred_at=_at(opened)
        ).event.case
        person = {"given_names": "A", "family_names": "B", "sex": "male"}
        self.record("participant.added", opened, {"role": "accused", "person": person})

    def record(self, type_: str, day: str, payload: dict[str, Any], **more: Any) -> int:
        if more.get("corrects_seq") is not None:
            more["correction_reason"] = "Recorded wrong"
        recorded = event_record(
            case=self.case,
            type=type_,
            payload=payload,
            actor=self.actor,
            occurred_at=_at(day),
            **more,
        )
        return recorded.event.seq

    def schedule(self, hearing: str, kind: str, day: str, on: str) -> int:
        payload = {"hearing": hearing, "kind": kind, "starts_at": _at(day).isoformat()}
        return self.record("hearing.scheduled", on, payload)


def _counts() -> dict[tuple[str, ...], int]:
    scope = demo_scope("2024-01-01", "2024-12-31", [COURT])
    sql = indicator_compute("hearings_not_held", scope)
    assert sql == indicator_compute("hearings_not_held", scope, engine="pure")
    assert isinstance(sql, dict)
    return sql


def test_each_date_counts_by_what_was_recorded_on_it(court: Court) -> None:
    a = Docket(court, "2024-02-01")
    a.schedule("H1", "preliminary", "2024-03-10", on="2024-02-02")
    a.record("hearing.held", "2024-03-10", {"hearing": "H1"})
    # a trial not held, set again and held: two dates, both counted
    a.schedule("H2", "trial", "2024-04-10", on="2024-03-11")
    wrong = a.record(
        "hearing.not_held", "2024-04-10", {"hearing": "H2", "reason": "witness_absent"}
    )
    new_date = {"hearing": "H2", "starts_at": _at("2024-05-10").isoformat(), "reason": "r"}
    a.record("hearing.rescheduled", "2024-04-10", new_date)
    a.record("hearing.held", "2024-05-10", {"hearing": "H2"})
    # the reason was recorded wrong: the defence, not a witness, did not come
    a.record(
        "hearing.not_held",
        "2024-04-10",
        {"hearing": "H2", "reason": "defence_absent"},
        corrects_seq=wrong,
    )
    # the accused, held, was not brought to the custody hearing
    a.record("custody.arrested", "2024-06-09", {"person": "P1", "place": "San José"})
    a.schedule("H3", "custody", "2024-06-10", on="2024-06-09")
    a.record("hearing.not_held", "2024-06-10", {"hearing": "H3", "reason": "transport_failed"})
    # a review moved before its day to the next year: not counted in 2024
    a.schedule("H4", "review", "2024-07-10", on="2024-06-11")
    moved = {"hearing": "H4", "starts_at": _at("2025-01-15").isoformat(), "reason": "r"}
    a.record("hearing.rescheduled", "2024-07-01", moved)
    # its date passed with nothing recorded: counted apart, not as held
    a.schedule("H5", "sentencing", "2024-08-10", on="2024-07-02")
    # set for 2025 by mistake, corrected to 2024
    seq = a.schedule("H6", "appeal", "2025-02-01", on="2024-07-03")
    a.record(
        "hearing.scheduled",
        "2024-07-03",
        {"hearing": "H6", "kind": "appeal", "starts_at": _at("2024-10-01").isoformat()},
        corrects_seq=seq,
    )
    # an expunged case is in no figure
    b = Docket(court, "2024-02-01")
    b.schedule("H1", "trial", "2024-03-12", on="2024-02-02")
    b.record("hearing.not_held", "2024-03-12", {"hearing": "H1", "reason": "judge_unavailable"})
    before = _counts()
    assert before[COURT, "trial", "not_held", "judge_unavailable"] == 1
    b.record("case.expunged", "2024-12-01", {"basis": "Ley 1 art. 1"})

    assert _counts() == {
        (COURT, "preliminary", "held", "held"): 1,
        (COURT, "trial", "not_held", "defence_absent"): 1,
        (COURT, "trial", "held", "held"): 1,
        (COURT, "custody", "not_held", "transport_failed"): 1,
        (COURT, "sentencing", "no_outcome", "no_outcome"): 1,
        (COURT, "appeal", "no_outcome", "no_outcome"): 1,
    }
    scope = demo_scope("2024-01-01", "2024-12-31", [COURT])
    share = indicator_compute("not_held_share", scope)
    assert share == indicator_compute("not_held_share", scope, engine="pure")
    # not held 2 of the 4 with an outcome recorded; the two with none are in neither
    assert (share.value, share.numerator, share.basis) == (50.0, 2, 4)  # type: ignore[union-attr]


def test_the_small_cells_are_hidden_on_the_public_page(court: Court, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    a = Docket(court, "2024-02-01")
    a.schedule("H1", "trial", "2024-03-10", on="2024-02-02")
    a.record("hearing.not_held", "2024-03-10", {"hearing": "H1", "reason": "court_closed"})
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    figure = next(
        f
        for f in release_publish(scope_public(jurisdiction="cr", year="2024"))
        if f.indicator.id == "hearings_not_held"
    )
    by_court = next(t for t in figure.tables if t.dims == ("court", "hearing_result"))
    assert by_court.cell(COURT, TOTAL) is None  # one hearing: hidden
    assert by_court.reason(COURT, TOTAL) == "small_count"
    by_outcome = figure.tables[0]
    assert by_outcome.cell("court_closed") is None  # the only court closed
    html = Client().get("/stats/", {"jurisdiction": "cr", "year": "2024"}).content.decode()
    article = html.split('id="fig-hearings_not_held"')[1].split("</article>")[0]
    row = article.split('<th scope="row">Juzgado de prueba</th>')[1].split("</tr>")[0]
    assert ">x</abbr>" in row
    assert ">1<" not in row


rows = st.builds(
    HearingRow,
    court=st.sampled_from(["a", "b"]),
    kind=st.sampled_from(sorted(HEARING_KINDS)),
    starts_at=st.integers(-60, 420).map(lambda d: at("2024-01-01") + dt.timedelta(days=d)),
    status=st.sampled_from(["held", "not_held", "scheduled", "moved"]),
    reason=st.sampled_from(NOT_HELD_REASONS),
)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(rows, max_size=60))
def test_held_not_held_and_no_outcome_add_up_to_the_dates_in_the_period(hearings) -> None:  # type: ignore[no-untyped-def]
    counts = he.hearings_not_held(hearings, YEAR)
    dated = [h for h in hearings if YEAR.contains(h.starts_at) and h.status != "moved"]
    by_result = {"held": 0, "not_held": 0, "no_outcome": 0}
    for (_court, _kind, result, _outcome), n in counts.items():
        by_result[result] += n
    assert sum(by_result.values()) == len(dated)
    assert by_result["not_held"] == sum(h.status == "not_held" for h in dated)
    transport = sum(n for k, n in counts.items() if k[3] == "transport_failed")
    assert transport == sum(
        h.status == "not_held" and h.reason == "transport_failed" for h in dated
    )
    share = he.not_held_share(hearings, YEAR)
    recorded = by_result["held"] + by_result["not_held"]
    if recorded:
        assert share.value == pytest.approx(by_result["not_held"] / recorded * 100)
    else:
        assert share.value is None


def test_an_unknown_reason_is_named() -> None:
    from expediente.stats.indicators.rows import UnknownValue

    with pytest.raises(UnknownValue, match="reason a hearing was not held"):
        he.hearings_not_held([HearingRow("a", "trial", at("2024-03-01"), "not_held", "rain")], YEAR)
