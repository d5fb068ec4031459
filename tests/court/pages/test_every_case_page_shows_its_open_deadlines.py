"""Every case page shows the case's open deadlines, with or without anyone detained:
petition answers, a measure's checks, marked as the due list marks them (a limit set by
law, or the court's service target)."""

import datetime as dt

from django.utils import timezone

from expediente.petitions.services import petition_file
from tests.court.pages.conftest import case_url


def _panel(html: str) -> str:
    return html.split('aria-labelledby="deadlines-heading">', 1)[1].split("</section>", 1)[0]


def test_a_case_with_nobody_detained_says_no_deadline_is_open(clerk_client, page, accused_case):
    panel = _panel(page(clerk_client, case_url(accused_case)))
    assert "Open deadlines" in panel
    assert "No deadline is open in this case." in panel


def test_a_petition_answer_is_listed_as_the_courts_service_target(
    clerk_client, clerk, page, accused_case
):
    petition_file(
        case=accused_case,
        petitioner="P2",
        kind="protective_measure",
        text="Pido protección",
        filed_via="clerk",
        actor=clerk,
        occurred_at=timezone.now() - dt.timedelta(hours=1),
    )
    html = page(clerk_client, case_url(accused_case))
    assert "Detention clock" not in html  # nobody is held
    panel = _panel(html)
    assert "Ana Rojas Vargas" in panel
    assert "court's service target, not a legal limit" in panel
    assert "Legal limit" not in panel
    assert "Due soon" in panel  # 24 hours (a request for protection) from an hour ago


def test_a_measures_check_in_is_listed(clerk_client, page, accused_case, record):
    start = timezone.now() - dt.timedelta(days=3)
    record(
        accused_case,
        "measure.imposed",
        {
            "measure": "M1",
            "person": "P1",
            "kind": "periodic_reporting",
            "starts_on": start.date().isoformat(),
            "interval_days": 15,
            "report_place": "Juzgado Penal de San José",
        },
        occurred_at=start,
    )
    panel = _panel(page(clerk_client, case_url(accused_case)))
    assert "José Pérez Mora" in panel
    assert "No deadline is open" not in panel
    assert '<li class="deadline' in panel


def test_a_detained_persons_deadlines_stay_on_the_clock_only(
    clerk_client, page, accused_case, record
):
    arrested = timezone.now() - dt.timedelta(hours=2)
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=arrested)
    html = page(clerk_client, case_url(accused_case))
    assert "Detention clock" in html
    panel = _panel(html)
    assert "apart from those on the detention clock" in panel
