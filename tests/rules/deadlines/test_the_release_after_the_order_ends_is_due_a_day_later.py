"""The release once the court has ended the ground for holding someone
(``intl.release_on_order_end``) is due exactly 24 hours after the entry that ended it,
whatever the court's time zone and its changes of clock (a continuous count: 24 hours
of real time), with its alert 12 hours before. Any of its starting types opens it, the
review and the verdict only with the outcomes ``starts_when`` names, and only for a
person in custody (``starts_in_custody``) held as unsentenced (``held_as``)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from expediente.rules.calendars import CourtCalendar
from expediente.rules.deadlines import Fact
from expediente.rules.loader import load_pack
from tests.rules.deadlines.helpers import PROPERTY, make_rule, moments, only, run

RULE = next(d for d in load_pack("intl").deadlines if d.id == "intl.release_on_order_end")
DAY = dt.timedelta(hours=24)
# courts' zones with and without changes of clock (Brazil's ended in 2019, Chile's and
# the United States' go on), and UTC
ZONES = st.sampled_from(
    [
        "America/Costa_Rica",
        "America/Sao_Paulo",
        "America/Santiago",
        "America/New_York",
        "Europe/Lisbon",
        "America/Asuncion",
        "UTC",
    ]
)


def utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


@st.composite
def zoned(draw: st.DrawFn) -> tuple[dt.datetime, CourtCalendar]:
    zone = draw(ZONES)
    return draw(moments(ZoneInfo(zone))), CourtCalendar(zone, None)


@PROPERTY
@given(
    start_cal=zoned(),
    how=st.sampled_from(
        [
            ("custody.pretrial_lifted", {}),
            ("custody.pretrial_replaced", {}),
            ("custody.pretrial_reviewed", {"outcome": "lifted"}),
            ("custody.pretrial_reviewed", {"outcome": "replaced"}),
            ("verdict.delivered", {"outcome": "acquitted"}),
        ]
    ),
    held=st.sampled_from(["police", "pretrial"]),
)
def test_it_is_due_24_hours_after_the_ground_ended_in_any_zone(start_cal, how, held):
    start, cal = start_cal
    kind, values = how
    d = only(run(RULE, Fact(1, kind, start, held_as=held, values=values), calendar=cal))
    assert utc(d.due_at) - utc(start) == DAY
    assert d.due_at.utcoffset() == cal.local(d.due_at).utcoffset()  # on the court's clock
    [(_before, alert)] = d.alert_at
    assert utc(d.due_at) - utc(alert) == dt.timedelta(hours=12)
    assert d.status(d.due_at - dt.timedelta(seconds=1)) != "overdue"
    assert d.status(d.due_at) == "overdue"


@PROPERTY
@given(start_cal=zoned(), hours=st.integers(1, 24 * 30))
def test_the_release_meets_it_late_only_from_the_due_moment(start_cal, hours):
    start, cal = start_cal
    out = start + dt.timedelta(hours=hours)
    d = only(
        run(
            RULE,
            Fact(1, "custody.pretrial_lifted", start, held_as="pretrial"),
            Fact(2, "custody.released", out, not_held=True),
            calendar=cal,
        )
    )
    assert d.satisfied_at == out
    assert d.met_late == (hours >= 24)


def test_outcomes_that_keep_the_ground_open_nothing():
    at = dt.datetime(2027, 3, 3, 10, tzinfo=dt.UTC)
    for kind, values, held in [
        ("custody.pretrial_reviewed", {"outcome": "maintained"}, "pretrial"),
        ("custody.pretrial_reviewed", {}, "pretrial"),
        ("verdict.delivered", {"outcome": "convicted"}, "sentenced_appeal"),
        ("verdict.delivered", {"outcome": "partly_convicted"}, "sentenced_appeal"),
        ("custody.pretrial_lifted", {}, "sentenced_appeal"),  # held as sentenced
        ("custody.pretrial_lifted", {}, None),  # at large: nobody to release
    ]:
        assert run(RULE, Fact(1, kind, at, held_as=held, values=values)) == (), (kind, values)


def test_a_second_start_while_it_runs_does_not_move_it():
    at = dt.datetime(2027, 3, 3, 10, tzinfo=dt.UTC)
    d = only(
        run(
            RULE,
            Fact(
                1, "custody.pretrial_reviewed", at, held_as="pretrial", values={"outcome": "lifted"}
            ),
            Fact(2, "custody.pretrial_lifted", at + dt.timedelta(hours=2), held_as="pretrial"),
        )
    )
    assert d.start_event == 1
    assert utc(d.due_at) == at + DAY


def test_one_start_type_and_no_condition_read_as_before():
    """A rule with one start and no ``starts_when`` opens at every entry of that type,
    whatever its fields say, as every rule did before lists and conditions."""
    rule = make_rule()
    at = dt.datetime(2027, 3, 3, 10, tzinfo=dt.UTC)
    d = only(run(rule, Fact(1, "custody.arrested", at, values={"place": "x"})))
    assert d.start_event == 1
    assert rule.start_types == ("custody.arrested",)


def test_a_condition_on_a_bool_field_is_a_bool():
    rule = make_rule(
        starts=["custody.arrested", "custody.recaptured"],
        starts_when={"custody.arrested": {"warrant": [True]}},
    )
    at = dt.datetime(2027, 3, 3, 10, tzinfo=dt.UTC)
    assert run(rule, Fact(1, "custody.arrested", at, values={"warrant": False})) == ()
    assert run(rule, Fact(1, "custody.arrested", at, values={"warrant": 1})) == ()
    assert only(run(rule, Fact(1, "custody.arrested", at, values={"warrant": True})))
    assert only(run(rule, Fact(1, "custody.recaptured", at)))  # no condition on it


def test_a_recapture_opens_it_only_when_the_ground_has_ended():
    """``starts_without_ground``: the recapture of a person whose ground the court ended
    opens the watch again (``Fact.ground_ended``, from the custody record); a recapture
    under an order in force, or of a person in police custody whose ground no custody
    hearing ended (the arrest holds them), does not."""
    at = dt.datetime(2027, 3, 3, 10, tzinfo=dt.UTC)
    lifted = Fact(1, "custody.pretrial_lifted", at, held_as="pretrial", ground_ended=True)
    escaped = Fact(2, "custody.escaped", at + dt.timedelta(hours=3), not_held=True)
    later = at + dt.timedelta(days=2)
    for held, ended, opens in [
        ("pretrial", True, True),
        ("pretrial", False, False),  # an order in force holds them
        ("police", False, False),  # the arrest holds them
    ]:
        back = Fact(3, "custody.recaptured", later, held_as=held, ground_ended=ended)
        found = run(RULE, lifted, escaped, back)
        assert [d.start_event for d in found] == ([1, 3] if opens else [1]), (held, ended)
    d = run(
        RULE,
        lifted,
        escaped,
        Fact(3, "custody.recaptured", later, held_as="pretrial", ground_ended=True),
    )[1]
    assert utc(d.due_at) == later + DAY
