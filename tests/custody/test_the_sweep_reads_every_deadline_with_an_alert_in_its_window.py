"""The sweep reads only the deadlines that can have an alert in (last sweep, now]: one
index range per alert lead. Whatever the window, no deadline with an alert due in it is
left out (else an alert would be silently missed)."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.custody.models import Deadline
from expediente.custody.sweep import _candidates, as_computed
from expediente.rules.deadlines import alerts_due
from expediente.rules.loader import load_pack
from tests.conftest import PERSON


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    start=st.integers(min_value=0, max_value=380 * 24),
    length=st.integers(min_value=1, max_value=60 * 24),
)
def test_every_deadline_with_an_alert_in_the_window_is_a_candidate(
    open_case, record, custody, at, start, length
):
    if not Deadline.objects.exists():
        for days in (400, 200, 95, 30, 3):
            case = open_case(occurred_at=at(days + 1))
            record(case, "participant.added", {"role": "accused", "person": PERSON})
            custody(case, "arrested", at(days + 1))
            custody(case, "pretrial_ordered", at(days))
    court = Deadline.objects.first().case.court
    rules = {r.id: r for r in load_pack(court.rule_pack).deadlines}
    # windows after every deadline was computed, so only the due-moment ranges can
    # bring a deadline in (not "recomputed since the last sweep")
    origin = max(Deadline.objects.values_list("computed_at", flat=True)) + dt.timedelta(minutes=1)
    since = origin + dt.timedelta(hours=start)
    now = since + dt.timedelta(hours=length)
    chosen = set(_candidates(court, since, now).values_list("pk", flat=True))
    alerted = 0
    for row in Deadline.objects.filter(court=court, open=True):
        due = alerts_due([as_computed(row, rules[row.rule_id])], now=now, since=since)
        assert not due or row.pk in chosen, (row.rule_id, row.due_at, since, now)
        alerted += bool(due)
    assert len(chosen) <= alerted + len(rules) * 5  # narrow: not every open deadline
