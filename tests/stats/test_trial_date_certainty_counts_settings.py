"""Trial date certainty (CourTools measure 5): for the cases disposed by trial in the
period, how many times a date was set for their trial. Recorded through the real
services: a trial moved before its date is a new setting, a corrected verdict counts at
its corrected date, a trial set after the verdict is not a setting of that trial, a case
decided with no trial hearing held is not counted (nor one whose trial was set and never
held), the later days of a trial held over several days are not resettings, and an
expunged case is in no figure."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.docket.models import Court
from expediente.stats.compute import indicator_compute
from expediente.stats.indicators import hearings as he
from expediente.stats.indicators.rows import TrialRow, TrialSetting
from tests.stats.conftest import demo_scope
from tests.stats.helpers import YEAR, at
from tests.stats.test_hearings_not_held_are_counted_by_reason import COURT, Docket, _at, court

__all__ = ["court"]  # the fixture, shared


def _tried(d: Docket, day: str, corrects: int | None = None) -> int:
    return d.record(
        "verdict.delivered",
        day,
        {"accused": "P1", "outcome": "convicted", "custodial": False},
        corrects_seq=corrects,
    )


def _committed(d: Docket, day: str) -> None:
    d.record("indictment.filed", day, {"accused": "P1"})
    d.record("trial.committed", day, {})


def _moved(d: Docket, hearing: str, to: str, on: str) -> None:
    d.record(
        "hearing.rescheduled",
        on,
        {"hearing": hearing, "starts_at": _at(to).isoformat(), "reason": "r"},
    )


def _counts() -> dict[tuple[str, ...], int]:
    scope = demo_scope("2024-01-01", "2024-12-31", [COURT])
    sql = indicator_compute("trial_date_certainty", scope)
    assert sql == indicator_compute("trial_date_certainty", scope, engine="pure")
    assert isinstance(sql, dict)
    return sql


def test_the_settings_of_each_trial_are_counted(court: Court) -> None:
    # set three times: moved before its date, then not held and set again
    a = Docket(court, "2024-02-01")
    _committed(a, "2024-02-02")
    a.schedule("H1", "trial", "2024-04-10", on="2024-02-03")
    _moved(a, "H1", "2024-05-10", on="2024-03-01")  # before the date: a setting still
    a.record("hearing.not_held", "2024-05-10", {"hearing": "H1", "reason": "witness_absent"})
    _moved(a, "H1", "2024-06-10", on="2024-05-10")
    a.record("hearing.held", "2024-06-10", {"hearing": "H1"})
    _tried(a, "2024-06-10")
    # set once; an appeal trial set after the verdict is not a setting of this one
    b = Docket(court, "2024-02-01")
    _committed(b, "2024-02-02")
    b.schedule("H1", "trial", "2024-07-01", on="2024-02-03")
    b.record("hearing.held", "2024-07-01", {"hearing": "H1"})
    _tried(b, "2024-07-01")
    b.schedule("H2", "trial", "2024-10-01", on="2024-07-02")
    # the verdict's date was recorded wrong (2025), corrected to 2024: counted in 2024
    c = Docket(court, "2024-02-01")
    _committed(c, "2024-02-02")
    c.schedule("H1", "trial", "2024-08-01", on="2024-02-03")
    c.record("hearing.held", "2024-08-01", {"hearing": "H1"})
    wrong = _tried(c, "2025-01-10")
    assert _counts() == {(COURT, "adult", "3"): 1, (COURT, "adult", "1"): 1}  # not c yet
    _tried(c, "2024-08-01", corrects=wrong)
    # decided with no trial hearing recorded: not disposed by trial
    d = Docket(court, "2024-02-01")
    _committed(d, "2024-02-02")
    d.schedule("H1", "preliminary", "2024-03-01", on="2024-02-03")
    d.record("hearing.held", "2024-03-01", {"hearing": "H1"})
    _tried(d, "2024-03-01")
    # four settings, then expunged: in no figure
    e = Docket(court, "2024-02-01")
    _committed(e, "2024-02-02")
    e.schedule("H1", "trial", "2024-03-01", on="2024-02-03")
    for n, day in enumerate(("2024-03-20", "2024-04-20", "2024-05-20")):
        _moved(e, "H1", day, on=f"2024-02-{10 + n}")
    e.record("hearing.held", "2024-05-20", {"hearing": "H1"})
    _tried(e, "2024-05-20")
    assert _counts()[COURT, "adult", "4_or_more"] == 1
    e.record("case.expunged", "2024-12-01", {"basis": "Ley 1 art. 1"})
    # a trial set and not held, the case then decided without it: not disposed by trial
    f = Docket(court, "2024-02-01")
    _committed(f, "2024-02-02")
    f.schedule("H1", "trial", "2024-03-01", on="2024-02-03")
    f.record("hearing.not_held", "2024-03-01", {"hearing": "H1", "reason": "accused_absent"})
    f.schedule("H2", "preliminary", "2024-04-01", on="2024-03-02")
    f.record("hearing.held", "2024-04-01", {"hearing": "H2"})
    _tried(f, "2024-04-01")
    # a trial held over two days, both set at once: set once, not reset
    g = Docket(court, "2024-02-01")
    _committed(g, "2024-02-02")
    g.schedule("H1", "trial", "2024-09-02", on="2024-02-03")
    g.schedule("H2", "trial", "2024-09-03", on="2024-02-03")
    g.record("hearing.held", "2024-09-02", {"hearing": "H1"})
    g.record("hearing.held", "2024-09-03", {"hearing": "H2"})
    _tried(g, "2024-09-03")

    assert _counts() == {(COURT, "adult", "3"): 1, (COURT, "adult", "1"): 3}
    scope = demo_scope("2024-01-01", "2024-12-31", [COURT])
    share = indicator_compute("first_setting_share", scope)
    assert share == indicator_compute("first_setting_share", scope, engine="pure")
    assert (share.numerator, share.basis) == (3, 4)  # type: ignore[union-attr]


trials = st.builds(
    TrialRow,
    court=st.sampled_from(["a", "b"]),
    procedure=st.sampled_from(["adult", "juvenile"]),
    verdicts=st.lists(
        st.tuples(
            st.integers(-100, 460).map(lambda d: at("2024-01-01") + dt.timedelta(days=d)),
            st.integers(1, 40),
        ),
        max_size=3,
    ).map(tuple),
    trial_settings=st.lists(
        st.builds(
            TrialSetting,
            seq=st.integers(1, 40),
            starts_at=st.integers(-100, 460).map(lambda d: at("2024-01-01") + dt.timedelta(days=d)),
            status=st.sampled_from(["held", "not_held", "moved", "scheduled"]),
        ),
        max_size=8,
    ).map(tuple),
)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(trials, max_size=40))
def test_the_distribution_counts_each_case_tried_once(rows) -> None:  # type: ignore[no-untyped-def]
    counts = he.trial_date_certainty(rows, YEAR)
    tried = []
    for r in rows:
        if r.verdicts:
            day, seq = min(r.verdicts)
            before = [s for s in r.trial_settings if s.seq < seq]
            held = sorted(
                (s.starts_at, s.seq) for s in before if s.status == "held" and s.starts_at <= day
            )
            n = sum(s.seq <= held[0][1] for s in before) if held else 0
            if YEAR.contains(day) and n:
                tried.append(n)
    assert sum(counts.values()) == len(tried)
    for settings_, label in ((1, "1"), (2, "2"), (3, "3")):
        assert sum(v for k, v in counts.items() if k[2] == label) == tried.count(settings_)
    assert sum(v for k, v in counts.items() if k[2] == "4_or_more") == sum(n >= 4 for n in tried)
    share = he.first_setting_share(rows, YEAR)
    if tried:
        assert share.value == pytest.approx(tried.count(1) / len(tried) * 100)
    else:
        assert share.value is None


def test_a_court_with_few_trials_is_hidden_in_the_public_release(court: Court, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from expediente.stats.disclosure import TOTAL
    from expediente.stats.publish import release_publish
    from expediente.stats.scope import scope_public
    from tests.stats.conftest import TODAY

    a = Docket(court, "2024-02-01")
    _committed(a, "2024-02-02")
    a.schedule("H1", "trial", "2024-04-10", on="2024-02-03")
    a.record("hearing.held", "2024-04-10", {"hearing": "H1"})
    _tried(a, "2024-04-10")
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    release = release_publish(scope_public(jurisdiction="cr", year="2024"))
    figure = next(f for f in release if f.indicator.id == "trial_date_certainty")
    assert figure.status == "ok"  # the demo's year has enough trials to publish
    by_court = next(t for t in figure.tables if t.dims == ("court", "trial_settings"))
    assert by_court.cell(COURT, TOTAL) is None
    assert by_court.cell(COURT, "1") is None
