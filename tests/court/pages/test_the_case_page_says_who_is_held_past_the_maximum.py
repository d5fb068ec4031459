"""A person held past the legal maximum of detention is said at the top of the case page,
as an alert, with the days past and the law: not as one more "overdue" line."""

import datetime as dt

from django.utils import timezone, translation

from expediente.court.pages.case_page import case_page
from tests.conftest import NOW, PERSON
from tests.court.pages.conftest import case_url

ORDER = {"person": "P1", "until": "2027-12-31", "grounds": "Peligro de fuga"}


def _juvenile_held(open_case, record):
    """A juvenile held under an order of 58 days before NOW: the 2 months of provisional
    detention (Ley 7576, the rule cr marks ``maximum: true``) passed before today."""
    case = open_case(procedure="juvenile")
    record(case, "participant.added", {"role": "accused", "person": PERSON})
    ordered = NOW - dt.timedelta(days=58)
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=ordered)
    record(case, "custody.pretrial_ordered", ORDER, occurred_at=ordered + dt.timedelta(hours=2))
    return case


def test_the_page_opens_with_an_alert_naming_the_person_the_days_and_the_law(
    clerk_client, clerk, open_case, record, page
):
    case = _juvenile_held(open_case, record)
    html = page(clerk_client, case_url(case))
    with translation.override("en"):
        held = case_page(nuid=case.nuid, actor=clerk, now=timezone.now())
    [past] = held.past_maximum
    assert past.days > 0
    alert = html.split('class="warning past-maximum" role="alert">', 1)[1].split("</div>", 1)[0]
    assert f"José Pérez Mora has been held {past.days} days beyond the legal maximum" in alert
    assert "Ley 7576" in alert
    # it comes before everything else the page says about the case
    assert html.index("past-maximum") < html.index("National identifier")


def test_the_alert_counts_whole_days_past_the_maximum(clerk, open_case, record):
    case = _juvenile_held(open_case, record)
    [clock] = case_page(nuid=case.nuid, actor=clerk, now=NOW).custody
    assert clock.maximum is not None
    later = clock.maximum.due_at + dt.timedelta(days=3, hours=5)
    [past] = case_page(nuid=case.nuid, actor=clerk, now=later).past_maximum
    assert past.days == 3
    assert past.since == clock.maximum.due_at


def test_no_alert_before_the_maximum_or_once_released(clerk, open_case, record):
    case = _juvenile_held(open_case, record)
    [clock] = case_page(nuid=case.nuid, actor=clerk, now=NOW).custody
    assert clock.maximum is not None
    before = clock.maximum.due_at - dt.timedelta(hours=1)
    assert case_page(nuid=case.nuid, actor=clerk, now=before).past_maximum == []
    record(case, "custody.released", {"person": "P1", "reason": "order_of_court"}, occurred_at=NOW)
    later = clock.maximum.due_at + dt.timedelta(days=30)
    assert case_page(nuid=case.nuid, actor=clerk, now=later).past_maximum == []


def test_a_spanish_page_says_it_in_spanish(clerk_client, open_case, record):
    case = _juvenile_held(open_case, record)
    html = clerk_client.get(case_url(case), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    alert = html.split('role="alert">', 1)[1].split("</div>", 1)[0]
    assert "José Pérez Mora: " in alert
    assert "días en detención más allá del plazo máximo legal (Ley de Justicia Penal" in alert
