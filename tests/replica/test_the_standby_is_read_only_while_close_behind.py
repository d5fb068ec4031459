"""Whether a release of statistics is read from the standby, from what the standby says
of itself (``replica.source_judge``), and the setting that names it refused when it
cannot work. These need no standby; the standby's own tests are beside them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import given
from hypothesis import strategies as st

from expediente.replica import CURRENT_SECONDS, REPLICA, reading_alias, source_judge
from expediente.settings import replica_database

NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)


def judge(**kw: object) -> object:
    base: dict[str, object] = {
        "in_recovery": True,
        "caught_up": False,
        "streaming": True,
        "replayed_at": NOW,
        "now": NOW,
        "max_lag": 300.0,
    }
    return source_judge(**(base | kw))  # type: ignore[arg-type]


def test_a_standby_caught_up_while_streaming_is_read_as_current():
    source = judge(caught_up=True, replayed_at=NOW - dt.timedelta(days=3))  # an idle primary
    assert (source.alias, source.as_of) == (REPLICA, None)


def test_a_promoted_standby_is_not_read():
    source = judge(in_recovery=False, caught_up=True)
    assert (source.alias, source.why_primary) == ("default", "not_standby")


def test_replaying_what_it_received_a_few_seconds_behind_is_current():
    recent = NOW - dt.timedelta(seconds=CURRENT_SECONDS)
    assert judge(caught_up=False, replayed_at=recent).as_of is None
    older = NOW - dt.timedelta(seconds=CURRENT_SECONDS + 1)
    assert judge(caught_up=False, replayed_at=older).as_of == older


def test_cut_off_from_the_primary_it_is_never_taken_as_current():
    recent = NOW - dt.timedelta(seconds=1)
    assert judge(caught_up=True, streaming=False, replayed_at=recent).as_of == recent


def test_caught_up_but_cut_off_from_the_primary_counts_its_last_replay():
    old = NOW - dt.timedelta(minutes=10)
    source = judge(caught_up=True, streaming=False, replayed_at=old)
    assert (source.alias, source.why_primary) == ("default", "behind")


def test_a_standby_that_replayed_nothing_since_it_started_is_behind():
    assert judge(replayed_at=None).why_primary == "behind"


@given(
    lag=st.floats(min_value=0, max_value=10 * 86400, allow_nan=False),
    max_lag=st.integers(min_value=0, max_value=86400),
)
def test_it_is_read_exactly_while_no_further_behind_than_the_setting(lag, max_lag):
    replayed = NOW - dt.timedelta(seconds=lag)
    source = judge(replayed_at=replayed, max_lag=float(max_lag))
    lagging = (NOW - replayed).total_seconds()
    if lagging <= CURRENT_SECONDS:
        assert (source.alias, source.as_of) == (REPLICA, None)
    elif lagging <= max_lag:
        assert (source.alias, source.as_of, source.why_primary) == (REPLICA, replayed, "")
    else:
        assert (source.alias, source.as_of, source.why_primary) == ("default", None, "behind")


def test_outside_a_release_everything_reads_the_primary():
    assert reading_alias() == "default"


PRIMARY = {"ENGINE": "django.db.backends.postgresql", "NAME": "expediente"}


@pytest.mark.parametrize(
    ("url", "primary"),
    [
        ("sqlite:///var/copy.sqlite3", PRIMARY),
        ("mysql://root@127.0.0.1/expediente", PRIMARY),
        ("postgres://postgres@127.0.0.1:5433/expediente", {"ENGINE": "django.db.backends.sqlite3"}),
    ],
    ids=["a SQLite copy", "another engine", "a SQLite primary"],
)
def test_a_replica_that_cannot_work_stops_start_up_naming_the_setting(url, primary):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_REPLICA_URL must be a PostgreSQL"):
        replica_database(url, primary)  # type: ignore[arg-type]


def test_an_address_that_is_no_database_url_is_named():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_REPLICA_URL"):
        replica_database("nonsense://x", PRIMARY)  # type: ignore[arg-type]


def test_a_standby_that_is_down_holds_a_page_three_seconds_at_most():
    replica = replica_database("postgres://postgres@127.0.0.1:5433/expediente", PRIMARY)  # type: ignore[arg-type]
    assert replica["OPTIONS"]["connect_timeout"] == 3
    assert "TEST" not in replica
