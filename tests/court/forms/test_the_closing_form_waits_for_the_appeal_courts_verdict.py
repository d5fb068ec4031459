"""The staff form for closing a case refuses a final acquittal while the appeal court's
verdict is owed: the error stands next to the reason, names the accused and says what
to record first, in the reader's language, and nothing is recorded. Once the case page's
link has recorded the verdict, the same closing is recorded; closing for "other" is
recorded at once."""

import datetime as dt
import html

from expediente.docket.verdicts import VERDICT
from tests.conftest import NOW
from tests.court.forms.helpers import events, field_error, last, record_url, submit

DELIVERED, FILED, DECIDED = (NOW - dt.timedelta(days=d) for d in (15, 12, 5))
CLOSE = "case.closed"


def overturned(case, record):
    record(case, "indictment.filed", {"accused": "P1"}, occurred_at=DELIVERED)
    record(case, "trial.committed", {}, occurred_at=DELIVERED)
    record(case, VERDICT, {"accused": "P1", "outcome": "convicted"}, occurred_at=DELIVERED)
    record(case, "appeal.filed", {"appellant": "P1"}, occurred_at=FILED)
    record(case, "appeal.decided", {"outcome": "overturned"}, occurred_at=DECIDED)
    return case


def test_the_reason_field_says_the_verdict_is_owed_and_nothing_is_recorded(
    staff_client, accused_case, record
):
    case = overturned(accused_case, record)
    before = len(events(case))
    response = submit(staff_client, record_url(case, CLOSE), {"reason": "acquittal_final"})
    assert response.status_code == 200
    said = html.unescape(field_error(response, "reason"))
    assert "the appeal court's verdict is not recorded for José Pérez Mora (P1)" in said, said
    assert "record it before closing the case for this reason" in said
    assert len(events(case)) == before

    url = f"{record_url(case, VERDICT)}?accused=P1"
    assert submit(staff_client, url, {"outcome": "acquitted"}).status_code == 302
    response = submit(staff_client, record_url(case, CLOSE), {"reason": "acquittal_final"})
    assert response.status_code == 302, field_error(response, "reason")
    assert (last(case).type, last(case).payload) == (CLOSE, {"reason": "acquittal_final"})


def test_the_refusal_speaks_spanish(staff_client, accused_case, record):
    case = overturned(accused_case, record)
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    response = submit(staff_client, record_url(case, CLOSE), {"reason": "sentence_served"})
    said = html.unescape(field_error(response, "reason"))
    assert "José Pérez Mora (P1)" in said
    assert "regístrela antes de archivar el caso por este motivo" in said, said


def test_closing_for_another_reason_is_recorded(staff_client, accused_case, record):
    case = overturned(accused_case, record)
    response = submit(staff_client, record_url(case, CLOSE), {"reason": "other"})
    assert response.status_code == 302, field_error(response, "reason")
    assert last(case).type == CLOSE
