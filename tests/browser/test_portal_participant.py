"""The sister's story in a browser with JavaScript off: she chooses Spanish, enters the
case number and the code from the notice, and reads the timeline, the next hearing and
the detention review date; the page weighs under 60 KB on a first visit. A wrong code
says the same for every case number and locks out after repeated failures. A lawyer
sees all their cases on one page."""

from __future__ import annotations

import os

import pytest
from django.utils import formats, timezone, translation

from expediente.access.participant_codes import link_by_clerk
from expediente.custody.models import Deadline
from tests.browser.conftest import CHROMIUM_ARGS, DESKTOP, PHONE, SCREENSHOTS  # noqa: F401
from tests.court.conftest import code_for
from tests.portal.conftest import (
    LAWYER_PASSWORD,
    days_ago,
    hearing_day,
    make_clerk,
    make_detained_case,
    make_issuer,
)

LIMIT = 60 * 1024


@pytest.fixture
def clerk_actor(court):  # type: ignore[no-untyped-def]
    return make_clerk(court)


@pytest.fixture
def sisters_case(accused_case, record):  # type: ignore[no-untyped-def]
    return make_detained_case(accused_case, record)


@pytest.fixture
def issue_code(clerk_actor):  # type: ignore[no-untyped-def]
    return make_issuer(clerk_actor)


def new_page(browser, live_server, locale="en-US", js=False):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        base_url=live_server.url, viewport=DESKTOP, locale=locale, java_script_enabled=js
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def shoot(page, name: str, sizes=(("desktop", DESKTOP), ("phone", PHONE))) -> None:  # type: ignore[no-untyped-def]
    if not os.environ.get("SCREENSHOTS"):
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in sizes:
        page.set_viewport_size(size)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def sign_in(page, number: str, code: str) -> None:  # type: ignore[no-untyped-def]
    page.fill("#id_case_number", number)
    page.fill("#id_code", code)
    page.locator("main form button[type=submit]").click()


def test_the_sister_follows_her_brothers_case_in_spanish(
    browser, live_server, sisters_case, issue_code
):  # type: ignore[no-untyped-def]
    code = issue_code(sisters_case, "P1")
    context, page = new_page(browser, live_server)
    page.goto("/follow/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.select_option("#language", "es")
    page.locator("form.lang button").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"
    sign_in(page, sisters_case.nuid, code)
    page.wait_for_url("**/follow/case/")
    text = page.inner_text("main")
    # the timeline in Spanish, from the rule pack's words
    assert "Aprehensión" in text
    assert "La persona fue detenida." in text
    assert "Prisión preventiva ordenada" in text
    # the next hearing on the court's clock, and the detention review date
    with translation.override("es"):
        hearing = formats.date_format(hearing_day(), "DATE_FORMAT")
        review = Deadline.objects.get(case=sisters_case, rule_id="cr.pretrial_review", open=True)
        review_day = formats.date_format(review.due_on, "DATE_FORMAT")
    assert f"{hearing}, 09:30" in text
    assert review_day in text
    days = (timezone.now() - days_ago(20, 8)).days
    assert f"{days} días de detención" in text
    assert page.locator("script").count() == 0
    shoot(page, "portal-case")

    # the first visit of the case page, cold cache: HTML, CSS, scripts and fonts
    cookies = context.cookies()
    cold, cold_page = new_page(browser, live_server, locale="es-CR")
    cold.add_cookies(cookies)
    responses = []
    cold_page.on("requestfinished", lambda request: responses.append(request))
    cold_page.goto("/follow/case/")
    cold_page.wait_for_load_state("networkidle")
    total = 0
    for request in responses:
        sizes = request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    kinds = {r.resource_type for r in responses}
    assert kinds <= {"document", "stylesheet", "script", "font", "image"}
    assert "document" in kinds
    assert "stylesheet" in kinds
    print(f"case page, first visit: {total} bytes transferred ({len(responses)} requests)")
    assert 0 < total < LIMIT, f"the case page weighs {total} bytes"
    cold.close()
    context.close()


def test_a_wrong_code_says_the_same_and_then_locks_out(
    browser, live_server, sisters_case, issue_code
):  # type: ignore[no-untyped-def]
    code = issue_code(sisters_case, "P1")
    context, page = new_page(browser, live_server, locale="es-CR")
    page.goto("/follow/")
    sign_in(page, sisters_case.nuid, "2222-3333-4444")
    known = page.inner_text(".error-summary")
    sign_in(page, "26-999999-0042-PE", "2222-3333-4444")
    unknown = page.inner_text(".error-summary")
    assert known == unknown
    for _ in range(4):  # the fifth failure on this case number locks it
        sign_in(page, sisters_case.nuid, "2222-3333-4444")
    locked = page.inner_text(".error-summary")
    assert "15" in locked
    assert locked != known
    sign_in(page, sisters_case.nuid, code)  # even the right code waits now
    assert page.inner_text(".error-summary") == locked
    assert "/follow/case/" not in page.url
    context.close()


def test_a_lawyer_sees_all_their_cases_on_one_page(
    browser, live_server, sisters_case, clerk_actor, open_case, record
):  # type: ignore[no-untyped-def]
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from expediente.access.models import User

    user = User.objects.create_user("rosa.defensora", password=LAWYER_PASSWORD, first_name="Rosa")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    link_by_clerk(case=sisters_case, participant="P4", username=user.username, actor=clerk_actor)
    # her client: a lawyer files and sees deadlines only for the people she is linked to
    link_by_clerk(case=sisters_case, participant="P1", username=user.username, actor=clerk_actor)
    other = open_case()
    record(
        other,
        "participant.added",
        {
            "role": "public_defender",
            "person": {"given_names": "Rosa", "family_names": "Defensora", "sex": "female"},
        },
    )
    link_by_clerk(case=other, participant="P1", username=user.username, actor=clerk_actor)
    context, page = new_page(browser, live_server, locale="es-CR")
    page.goto("/my/")
    page.fill("#id_username", "rosa.defensora")
    page.fill("#id_password", LAWYER_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.fill("#id_code", code_for(device))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/my/")
    text = page.inner_text("main")
    assert sisters_case.nuid in text
    assert other.nuid in text
    assert "09:30" in text
    assert "Revisión de la prisión preventiva" in text
    shoot(page, "portal-lawyer", sizes=(("desktop", DESKTOP),))
    page.goto("/my/deadlines/")
    assert "Revisión de la prisión preventiva" in page.inner_text("main")
    context.close()


@pytest.mark.parametrize("language", ["es", "en", "pt", "fr"])
def test_on_a_phone_the_detention_panel_gives_each_date_first_and_the_law_once(
    browser, live_server, sisters_case, issue_code, language
):  # type: ignore[no-untyped-def]
    """At 360 px, in each language: every deadline of the detention panel opens with its
    date in plain words (its heading, in bold, on its own line), the code is named once,
    below them, and nothing runs off the screen."""
    context, page = new_page(browser, live_server, locale=language)
    page.set_viewport_size(PHONE)
    page.goto("/follow/")
    page.select_option("#language", language)
    page.locator("form.lang button").click()
    page.wait_for_load_state()
    sign_in(page, sisters_case.nuid, issue_code(sisters_case, "P1"))
    page.wait_for_url("**/follow/case/")
    panel = page.locator("section[aria-labelledby='clock-1']")
    heads = panel.locator("p.review strong").all_inner_texts()
    assert len(heads) == 3, heads
    rows = {d.rule_id: d for d in Deadline.objects.filter(case=sisters_case, open=True)}
    year = str(rows["cr.pretrial_order_term"].due_on.year)  # the order's term reads last
    assert heads[2].rstrip(".").endswith(year), heads[2]  # the date closes the first line
    text = panel.inner_text()
    assert text.count("Código Procesal Penal (Ley 7594)") == 1
    assert text.rindex("Código Procesal Penal") > text.index(heads[2])
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide on a {widths[1]} px phone"
    if os.environ.get("SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        panel.screenshot(path=str(SCREENSHOTS / f"portal-detention-panel-phone-{language}.png"))
    context.close()
