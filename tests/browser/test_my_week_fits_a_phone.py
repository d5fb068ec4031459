"""/my/'s "This week" on a 360 × 740 phone, in Spanish: the week comes before the list
of cases, each day a heading and each hearing a block (time and kind, case and court,
client), a long court name and a moved hearing's mark wrap instead of widening the page,
and nothing is clipped or scrolls sideways."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.access.models import User
from expediente.access.participant_codes import link_by_clerk
from tests.browser.test_my_cases_fit_a_phone import CLIPPED, PHONE
from tests.court.conftest import code_for
from tests.portal.conftest import CR, LAWYER_PASSWORD, make_clerk, make_detained_case


def at(days: int, hour: int) -> str:
    day = timezone.now().astimezone(CR).date() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=CR).isoformat()


def test_the_week_fits_a_phone(browser, live_server, accused_case, record, court):  # type: ignore[no-untyped-def]
    clerk = make_clerk(court)
    case = make_detained_case(accused_case, record)
    earlier = timezone.now() - dt.timedelta(days=1)
    scheduled = {"hearing": "H2", "kind": "trial", "starts_at": at(2, 8), "courtroom": "Sala 12"}
    record(case, "hearing.scheduled", scheduled, occurred_at=earlier)
    moved = {"hearing": "H2", "starts_at": at(3, 13), "reason": "Agenda"}
    record(case, "hearing.rescheduled", moved, occurred_at=earlier)
    user = User.objects.create_user("rosa.defensora", password=LAWYER_PASSWORD, first_name="Rosa")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    for uid in ("P4", "P1"):
        link_by_clerk(case=case, participant=uid, username=user.username, actor=clerk)
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="es-CR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto("/my/sign-in/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", LAWYER_PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(re.compile(r"/code/"))
        page.locator("input[name=code], input[name=otp_token]").first.fill(code_for(device))
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(re.compile(r"/my/$"))
        week = page.locator("section.week")
        text = week.inner_text()
        assert "Esta semana" in text
        assert "Trasladada al" in text  # the moved hearing, marked on its first day
        assert "Cliente: José Pérez Mora" in text
        assert len(week.locator("li").all()) == 3
        # the week comes before the list of cases
        week_box, table_box = week.bounding_box(), page.locator("main table").bounding_box()
        assert week_box is not None
        assert table_box is not None
        assert week_box["y"] + week_box["height"] <= table_box["y"]
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert page.evaluate(CLIPPED) == []
    finally:
        context.close()
