"""No pack says what an acquittal does to a detention, and the cr pack counts any
verdict as meeting the maximum and the order's term: a person acquitted and still
recorded as held had no deadline left to warn. The case page says it at the top and asks
for the entry that explains it (a release, or the order that holds them), without
claiming what the law orders."""

import datetime as dt

from django.utils import timezone, translation

from expediente.court.pages.case_page import case_page
from expediente.docket.verdicts import VERDICT
from tests.conftest import NOW
from tests.court.pages.conftest import case_url

ARRESTED, ORDERED, INDICTED, COMMITTED, DELIVERED = (
    NOW - dt.timedelta(days=d) for d in (40, 39, 20, 19, 10)
)


def _held_and_tried(case, record):
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=ARRESTED)
    order = {"person": "P1", "until": "2027-12-31", "grounds": "Peligro de fuga"}
    record(case, "custody.pretrial_ordered", order, occurred_at=ORDERED)
    record(case, "indictment.filed", {"accused": "P1"}, occurred_at=INDICTED)
    record(case, "trial.committed", {}, occurred_at=COMMITTED)
    return case


def test_an_acquitted_person_still_held_is_named_at_the_top(
    clerk_client, clerk, accused_case, record, page
):
    case = _held_and_tried(accused_case, record)
    record(case, VERDICT, {"accused": "P1", "outcome": "acquitted"}, occurred_at=DELIVERED)
    with translation.override("en"):
        [held] = case_page(nuid=case.nuid, actor=clerk, now=timezone.now()).after_acquittal
    assert held.acquitted_at == DELIVERED
    html = page(clerk_client, case_url(case))
    alert = html.split('class="warning after-acquittal" role="alert">', 1)[1].split("</div>")[0]
    assert "José Pérez Mora was acquitted on" in alert
    assert "is still recorded as held" in alert
    assert html.index("after-acquittal") < html.index("National identifier")


def test_a_conviction_or_a_release_says_nothing(clerk, accused_case, record):
    case = _held_and_tried(accused_case, record)
    convicted = record(
        case, VERDICT, {"accused": "P1", "outcome": "convicted"}, occurred_at=DELIVERED
    )
    assert case_page(nuid=case.nuid, actor=clerk, now=NOW).after_acquittal == []
    # corrected into an acquittal: the latest version counts
    record(
        case,
        VERDICT,
        {"accused": "P1", "outcome": "acquitted"},
        occurred_at=DELIVERED,
        corrects_seq=convicted.event.seq,
    )
    assert len(case_page(nuid=case.nuid, actor=clerk, now=NOW).after_acquittal) == 1
    released = {"person": "P1", "reason": "order_of_court"}
    record(case, "custody.released", released, occurred_at=DELIVERED + dt.timedelta(hours=2))
    assert case_page(nuid=case.nuid, actor=clerk, now=NOW).after_acquittal == []
