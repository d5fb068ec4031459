"""A breach of a supervised measure (a zone breach, tampering, a reported violation) is
at the top of the judge's "Due and overdue" list, saying what happened, when, and which
measure, with a link to record the response; once the judge responds it leaves the
list. It comes from one indexed query and only for cases the staff member may see (a
sealed case only for those who may see sealed cases); beyond the latest few, the list
says how many there are and links to the supervision list, which has them all."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from expediente.court.due import views as due_views
from expediente.measures.selectors import breaches_awaiting_response
from expediente.measures.services import measure_respond


def test_a_zone_breach_is_above_every_deadline_with_what_when_and_the_measure(
    accused_case, impose, comply, custody, at, judge_client
):
    custody(accused_case, "arrested", at(3))  # an overdue custody deadline
    impose(accused_case, "restraining_order", at(20), measure="M2")
    comply(
        accused_case,
        "device_event",
        at(1, 22, 15),
        measure="M2",
        device="DEV-1",
        kind="zone_breach",
    )
    html = judge_client.get("/court/due/").content.decode()
    top = html.index("Breaches awaiting your response")
    assert top < html.index("Open deadlines, in the order to act on them")
    section = html[top : html.index("</section>", top)]
    assert "entry into the exclusion zone" in section
    assert "Measure M2: Restraining order" in section
    assert "José Pérez Mora" in section
    assert accused_case.number in section
    assert at(1, 22, 15).strftime("%H:%M") in section  # court time
    link = f"/court/cases/{accused_case.nuid}/record/measure.violation_responded/?measure=M2"
    assert link in section
    form = judge_client.get(link)
    assert form.status_code == 200
    # the response form opens with the breached measure already filled in
    assert '<option value="M2" selected>' in form.content.decode()


def test_the_latest_breach_comes_first_and_a_reported_one_says_who_reported_it(
    accused_case, open_case, record, impose, comply, at, judge_client
):
    impose(accused_case, "restraining_order", at(20), measure="M1")
    comply(accused_case, "device_event", at(5), device="DEV-1", kind="tamper")
    impose(accused_case, "periodic_reporting", at(20), measure="M2")
    comply(accused_case, "violation_reported", at(2), measure="M2", source="victim")
    html = judge_client.get("/court/due/").content.decode()
    assert html.index("reported by the victim") < html.index("reported tampering")


def test_the_breach_leaves_the_list_when_the_judge_responds(
    accused_case, impose, comply, at, judge_client, clerk
):
    impose(accused_case, "restraining_order", at(20))
    comply(accused_case, "device_event", at(1), device="DEV-1", kind="zone_breach")
    assert "Breaches awaiting your response" in judge_client.get("/court/due/").content.decode()
    measure_respond(
        case=accused_case, measure="M1", response="warning", actor=clerk, occurred_at=at(0, 8)
    )
    assert "Breaches awaiting your response" not in judge_client.get("/court/due/").content.decode()


def test_staff_of_another_court_do_not_see_it(accused_case, impose, comply, at, outsider_client):
    impose(accused_case, "restraining_order", at(20))
    comply(accused_case, "device_event", at(1), device="DEV-1", kind="zone_breach")
    html = outsider_client.get("/court/due/").content.decode()
    assert "Breaches awaiting your response" not in html
    assert accused_case.number not in html


@pytest.fixture
def three_breaches(accused_case, impose, comply, at):
    """Measures M1, M2, M3, each breached (M1 the latest, a day ago; M3 three days ago)."""
    for n in range(1, 4):
        impose(accused_case, "restraining_order", at(20), measure=f"M{n}", device=f"DEV-{n}")
        comply(
            accused_case,
            "device_event",
            at(n),
            measure=f"M{n}",
            device=f"DEV-{n}",
            kind="zone_breach",
        )
    return accused_case


def test_the_breaches_come_from_one_query(three_breaches, court, django_assert_num_queries):
    from django.db.models import Q

    with django_assert_num_queries(1):
        found = breaches_awaiting_response(courts=[court], visible=Q())
        names = [m.participation.person.display_name for m in found]
    assert [m.uid for m in found] == ["M1", "M2", "M3"]  # the latest breach first
    assert len(names) == 3


def test_a_breach_older_than_the_list_window_still_shows(
    accused_case, impose, comply, at, judge_client
):
    """An unanswered breach stays until answered, however old."""
    impose(accused_case, "restraining_order", at(28))
    comply(accused_case, "device_event", at(27), device="DEV-1", kind="zone_breach")
    assert timezone.now() - at(27) > dt.timedelta(days=20)
    assert "Breaches awaiting your response" in judge_client.get("/court/due/").content.decode()


def test_a_breach_in_a_sealed_case_stays_hidden_from_those_who_may_not_see_sealed_cases(
    accused_case, impose, comply, record, at, judge_client, clerk_client, judge_in_court
):
    impose(accused_case, "restraining_order", at(20))
    comply(accused_case, "device_event", at(1), device="DEV-1", kind="zone_breach")
    assert accused_case.number in clerk_client.get("/court/due/").content.decode()
    record(
        accused_case,
        "case.sealed",
        {"grounds": "Protección de la víctima"},
        occurred_at=at(0),
        actor=judge_in_court,
    )
    html = clerk_client.get("/court/due/").content.decode()
    assert "Breaches awaiting your response" not in html
    assert accused_case.number not in html
    assert "José Pérez Mora" not in html
    # the judge, who may see sealed cases, still has it at the top of the list
    html = judge_client.get("/court/due/").content.decode()
    top = html.index("Breaches awaiting your response")
    assert accused_case.number in html[top : html.index("</section>", top)]


def test_beyond_the_latest_breaches_the_list_says_how_many_and_links_to_them_all(
    three_breaches, judge_client, monkeypatch
):
    monkeypatch.setattr(due_views, "BREACHES_SHOWN", 2)
    html = judge_client.get("/court/due/").content.decode()
    top = html.index("Breaches awaiting your response")
    section = html[top : html.index("</section>", top)]
    assert "Measure M1:" in section
    assert "Measure M2:" in section
    assert "Measure M3:" not in section  # the oldest breach
    assert "The latest 2 of 3 breaches awaiting a response are shown." in section
    assert 'href="/court/measures/?status=breached"' in section
    supervision = judge_client.get("/court/measures/?status=breached").content.decode()
    assert all(f"M{n}" in supervision for n in range(1, 4))
    assert "All: 3 measures" in supervision
