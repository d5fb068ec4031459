"""The journalist and the accused, in Chromium with JavaScript off.

A journalist finds a charged adult case by its number (initials only), cannot tell a
juvenile case from a number that does not exist, and reads the day's court calendar.
The accused signs in with the code on the notice and opens "Who viewed my case", which
lists the judge's reading of the case in the workspace."""

from __future__ import annotations

import pytest

from expediente.access.participant_codes import code_issue
from tests.browser.conftest import DESKTOP
from tests.court.conftest import code_for
from tests.court.pages.conftest import staff
from tests.privacy.conftest import HEARING_DAY, build_case


@pytest.fixture
def two_cases(court, clerk):  # type: ignore[no-untyped-def]
    from expediente.access.policy import Actor

    judge = Actor.staff(staff("juez.navegador", court, "judge", "Juana Navegador"))
    charged = build_case(court, clerk, judge, "charged", 1)
    juvenile = build_case(court, clerk, judge, "juvenile", 2)
    return charged, juvenile, judge


def new_page(browser, live_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        base_url=live_server.url, viewport=DESKTOP, locale="en-US", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def find(page, court_name: str, number: str):  # type: ignore[no-untyped-def]
    page.goto("/public/")
    page.get_by_label("Court").select_option(label=court_name)
    page.get_by_label("Case number").fill(number)
    return page.get_by_role("button", name="Find the case").click()


def test_a_journalist_finds_a_charged_case_but_never_a_juvenile_one(
    browser, live_server, two_cases
):  # type: ignore[no-untyped-def]
    charged, juvenile, _ = two_cases
    context, page = new_page(browser, live_server)
    try:
        find(page, "Juzgado Penal de San José", charged.number)
        body = page.locator("main").inner_text()
        assert "Theft" in body
        assert "A. R." in body
        assert "ReoCharged" not in body
        assert "VictCharged" not in body
        # the answer has its own address: it can be bookmarked, shared and reloaded
        assert f"number={charged.number}" in page.url
        page.reload()
        assert "A. R." in page.locator("main").inner_text()

        find(page, "Juzgado Penal de San José", juvenile.number)
        hidden = page.locator("main").inner_text()
        find(page, "Juzgado Penal de San José", "2026-999999")
        missing = page.locator("main").inner_text()
        assert hidden.replace(juvenile.number, "N") == missing.replace("2026-999999", "N")
        assert "There is no public case with this number" in missing

        page.goto(f"/public/calendar/sj-penal/?day={HEARING_DAY.isoformat()}")
        rows = page.locator("tbody tr").all_inner_texts()
        assert len(rows) == 1
        assert charged.number in rows[0]
        assert "09:00" in rows[0]
        robots = page.locator('meta[name="robots"]').get_attribute("content")
        assert robots is not None
        assert robots.startswith("noindex")
    finally:
        context.close()


def test_the_accused_sees_the_judges_reading_in_who_viewed_my_case(browser, live_server, two_cases):  # type: ignore[no-untyped-def]
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from expediente.access.models import User

    charged, _, judge = two_cases
    # the judge reads the case in the workspace
    user = User.objects.get(username="juez.navegador")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    context, page = new_page(browser, live_server)
    try:
        page.goto("/court/sign-in/")
        page.get_by_label("User name").fill("juez.navegador")
        page.get_by_label("Password").fill("una-clave-larga-2026")
        page.get_by_role("button", name="Continue").click()
        page.get_by_label("Code from your authenticator app").fill(code_for(device))
        page.get_by_role("button", name="Sign in").click()
        page.goto(f"/court/cases/{charged.nuid}/")
        assert "ReoCharged" in page.locator("main").inner_text()
    finally:
        context.close()
    # the accused follows the case with the code on the notice
    _, code = code_issue(case=charged, participant="P1", actor=judge, language="en")
    context, page = new_page(browser, live_server)
    try:
        page.goto("/follow/")
        page.get_by_label("Case number").fill(charged.nuid)
        page.get_by_label("Access code").fill(code)
        page.get_by_role("button", name="See my case").click()
        page.get_by_role("link", name="Who viewed my case").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Who viewed my case"
        rows = page.locator("tbody tr").all_inner_texts()
        assert any("A judge of Juzgado Penal de San José" in r and "workspace" in r for r in rows)
        # what was read, in words: the judge's page shows the whole record
        judges = [r for r in rows if "A judge of" in r]
        assert all("names" in r and "dates of birth" in r for r in judges)
        assert "Navegador" not in page.locator("main").inner_text()
    finally:
        context.close()
