"""The staff case page lists the measures imposed in the case: an unanswered zone breach
first, saying what happened and when, with the form recording the judge's response, then
a measure whose check-in was missed (the check-in itself stays among the open
deadlines). The breach had been only on the due list: the case page said nothing of it."""

from __future__ import annotations


def measures_section(html: str) -> str:
    top = html.index('id="measures-heading"')
    return html[top : html.index("</section>", top)]


def test_a_zone_breach_is_on_the_case_page_with_the_response_form(
    accused_case, impose, comply, at, judge_client
):  # type: ignore[no-untyped-def]
    impose(accused_case, "periodic_reporting", at(30), measure="M1")
    impose(accused_case, "restraining_order", at(20), measure="M2")
    comply(
        accused_case,
        "device_event",
        at(1, 22, 15),
        measure="M2",
        device="DEV-1",
        kind="zone_breach",
    )
    html = judge_client.get(f"/court/cases/{accused_case.nuid}/").content.decode()
    part = measures_section(html)
    # the breach first, though imposed after the check-ins
    assert part.index("M2 · Restraining order") < part.index("M1 · Reporting to the court")
    assert "Breach awaiting a response" in part
    assert "entry into the exclusion zone" in part
    assert "José Pérez Mora" in part
    link = f"/court/cases/{accused_case.nuid}/record/measure.violation_responded/?measure=M2"
    assert link in part
    assert "?measure=M1" not in part  # nothing to respond to on M1
    m1 = part[part.index("M1 · Reporting to the court") :]
    assert "Missed a deadline" in m1[: m1.index("</li>")]
    # its check-in is among the open deadlines, as before
    deadlines = html[html.index('id="deadlines-heading"') : html.index('id="measures-heading"')]
    assert "Overdue" in deadlines


def test_another_courts_clerk_cannot_open_it_the_judge_sees_the_tampering(
    accused_case, impose, comply, at, outsider_client, judge_client
):  # type: ignore[no-untyped-def]
    impose(accused_case, "restraining_order", at(20), measure="M2")
    comply(accused_case, "device_event", at(1), measure="M2", device="DEV-1", kind="tamper")
    assert outsider_client.get(f"/court/cases/{accused_case.nuid}/").status_code == 404
    html = judge_client.get(f"/court/cases/{accused_case.nuid}/").content.decode()
    assert "Breach awaiting a response" in measures_section(html)


def test_a_case_without_measures_has_no_such_section(accused_case, judge_client):  # type: ignore[no-untyped-def]
    html = judge_client.get(f"/court/cases/{accused_case.nuid}/").content.decode()
    assert 'id="measures-heading"' not in html


def test_a_measure_ended_says_since_when_not_until_its_planned_end(
    accused_case, impose, comply, at, judge_client
):  # type: ignore[no-untyped-def]
    impose(accused_case, "periodic_reporting", at(30), measure="M1", ends_on="2099-12-01")
    comply(accused_case, "ended", at(5), measure="M1", reason="lifted_by_court")
    html = judge_client.get(f"/court/cases/{accused_case.nuid}/").content.decode()
    part = measures_section(html)
    assert "No longer in force" in part
    assert "2099" not in part
    assert f"since {at(5).day} " in part
