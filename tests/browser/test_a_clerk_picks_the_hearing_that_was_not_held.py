"""A clerk records that a hearing did not take place, in a real Chromium, in Spanish:
the form lists the case's hearings still waiting (day and time on the court's clock,
kind, courtroom), not the one already held; she picks this morning's, gives the reason
and records it. The case page then says it was not held. She did not type an id."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from expediente.court.models import Sitting
from expediente.docket.models import Event
from tests.browser.test_clerk_walkthrough import (
    expect_case_page,
    fits_a_phone,
    record_link,
    sign_in_with_the_mouse,
    submit_form,
)

CR = ZoneInfo("America/Costa_Rica")


def test_the_clerk_picks_the_hearing_from_the_list(page, enrolled, accused_case, record):
    now = dt.datetime.now(CR).replace(second=0, microsecond=0)
    this_morning = max(now.replace(hour=0, minute=0), now - dt.timedelta(hours=2))
    last_week = now - dt.timedelta(days=7)
    next_month = now + dt.timedelta(days=30)
    schedule = [
        ("H1", last_week, "preliminary", "Sala 1"),
        ("H2", this_morning, "trial", "Sala 2"),
        ("H3", next_month, "sentencing", "Sala 4"),
    ]
    for hid, starts, kind, room in schedule:
        payload = {"hearing": hid, "kind": kind, "starts_at": starts.isoformat(), "courtroom": room}
        record(accused_case, "hearing.scheduled", payload)
    record(accused_case, "hearing.held", {"hearing": "H1"}, occurred_at=last_week)
    nuid = accused_case.nuid

    sign_in_with_the_mouse(page, "maria.clerk", enrolled)
    page.goto(f"/court/cases/{nuid}/")
    record_link(page, nuid, "hearing.not_held").click()

    hearing = page.get_by_label("Audiencia", exact=True)
    offered = [o.strip() for o in hearing.locator("option").all_inner_texts()]
    assert offered[0] == "Elija…"
    assert [o.split(" — ")[0] for o in offered[1:]] == ["H2", "H3"]  # H1 was held
    h2 = offered[1]
    assert "Juicio" in h2
    assert "Sala 2" in h2
    assert this_morning.strftime("%H:%M") in h2  # the court's clock
    fits_a_phone(page)

    hearing.select_option(label=h2)
    page.locator("[name=reason]").select_option("defence_absent")
    submit_form(page)
    expect_case_page(page, nuid)

    entry = Event.objects.filter(case=accused_case).latest("seq")
    assert entry.type == "hearing.not_held"
    assert entry.payload == {"hearing": "H2", "reason": "defence_absent"}
    assert Sitting.objects.get(case=accused_case, hearing="H2").status == "not_held"
