"""A clerk's day in the workspace, in a real Chromium, in Spanish, end to end.

María (clerk) signs in with her password and authenticator code, opens a case, adds
the accused, the victim and the judge, files a charge, schedules a hearing for today
and records it held, records an arrest and a pretrial detention order, corrects the
hearing's courtroom (the correction shows beside the original), and finds the case by
the accused's name typed without accents. Esteban (judge of the same court) signs in
with the keyboard alone and finds the case on his list, on the day's calendar and, with
its detention review, on "Due and overdue". Every page is checked at phone width (no
sideways scrolling). With SCREENSHOTS=1 the main pages are saved into docs/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.access.models import Membership, User
from expediente.docket.models import Case, Event
from tests.browser.conftest import PHONE
from tests.court.conftest import PASSWORD, code_for

COURT_TZ = ZoneInfo("America/Costa_Rica")
JUDGE = ("Esteban", "Vargas Solano")


@pytest.fixture
def judge_device(court):
    user = User.objects.create_user(
        "esteban.judge", password=PASSWORD, first_name=JUDGE[0], last_name=JUDGE[1]
    )
    Membership.objects.create(user=user, court=court, role="judge")
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


# the innermost elements that stick out on the right (to say what to fix)
WIDER_THAN_THE_SCREEN = """
[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth))
  .slice(0, 5)
  .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
       + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')
"""


def record_link(page, nuid, type_name):  # type: ignore[no-untyped-def]
    """The case page's link to record ``type_name``: its group (a <details>) is opened
    first, as a clerk opens it."""
    href = f"/court/cases/{nuid}/record/{type_name}/"
    group = page.locator(f'details.record-group:has(a[href="{href}"])')
    if group.get_attribute("open") is None:
        group.locator("summary").click()
    return group.locator(f'a[href="{href}"]')


def fits_a_phone(page) -> None:
    """At 360 px wide the page does not scroll sideways (then back to desktop width)."""
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(WIDER_THAN_THE_SCREEN)
    page.set_viewport_size(size)
    assert width <= PHONE["width"], f"{page.url} is {width}px wide at phone width: {wide}"


def wall_clock(moment: dt.datetime) -> str:
    """A moment as a datetime-local input takes it, on the court's clock."""
    return moment.astimezone(COURT_TZ).strftime("%Y-%m-%dT%H:%M")


def submit_form(page) -> None:
    page.locator("form.entry-form button[type=submit]").click()
    page.wait_for_load_state()


def expect_case_page(page, nuid: str) -> None:
    page.wait_for_url(f"**/court/cases/{nuid}/")
    errors = page.locator(".error-summary")
    assert errors.count() == 0, errors.first.inner_text()


def sign_in_with_the_mouse(page, username: str, device: TOTPDevice) -> None:
    page.goto("/court/")
    page.get_by_label("Nombre de usuario").fill(username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Continuar").click()
    page.get_by_label("Código de su aplicación de autenticación").fill(code_for(device))
    page.get_by_role("button", name="Ingresar").click()
    page.get_by_role("heading", name="Mis despachos").wait_for()


def tab_to(page, element_id: str, limit: int = 30) -> None:
    """Press Tab until the element has the focus, as a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def sign_in_with_the_keyboard(page, username: str, device: TOTPDevice) -> None:
    page.goto("/court/")
    tab_to(page, "id_username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/court/sign-in/code/**")
    tab_to(page, "id_code")
    page.keyboard.type(code_for(device))
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Mis despachos").wait_for()


def test_a_clerk_works_a_case_and_the_judge_finds_it(
    page, enrolled, judge_device, court, screenshot
):
    now = dt.datetime.now(COURT_TZ).replace(second=0, microsecond=0)
    midnight = now.replace(hour=0, minute=0)
    hearing_at = max(midnight, now - dt.timedelta(hours=1))

    # María signs in with her password and the code of her authenticator app.
    page.goto("/court/")
    screenshot("sign-in")
    fits_a_phone(page)
    sign_in_with_the_mouse(page, "maria.clerk", enrolled)
    fits_a_phone(page)

    # She opens a case.
    page.get_by_role("link", name="Abrir un expediente").click()
    page.locator("[name=occurred_at]").fill(wall_clock(now - dt.timedelta(days=1)))
    page.locator("[name=police_report]").fill("OIJ-26-004711")
    page.locator("[name=summary]").fill("Robo de un teléfono en una parada de autobús.")
    fits_a_phone(page)
    submit_form(page)
    page.wait_for_url(re.compile(r".*/court/cases/(?!new/)[^/]+/$"))
    case = Case.objects.get(police_report="OIJ-26-004711")
    assert case.court == court
    nuid = case.nuid
    assert page.get_by_role("heading", name=f"Expediente {case.number}").is_visible()

    # She adds the accused, the victim and the judge of the case.
    for role, given, family, extra in (
        ("accused", "José", "Pérez Mora", {"id_number": "1-0234-0567", "sex": "male"}),
        ("victim", "Ana", "Rojas Vargas", {"sex": "female"}),
        ("judge", *JUDGE, {}),
    ):
        page.locator(f'a[href="/court/cases/{nuid}/participants/add/"]').first.click()
        page.locator("[name=role]").select_option(role)
        page.locator("[name=given_names]").fill(given)
        page.locator("[name=family_names]").fill(family)
        for name, value in extra.items():
            field = page.locator(f"[name={name}]")
            if field.first.evaluate("e => e.tagName") == "SELECT":
                field.select_option(value)
            elif field.first.get_attribute("type") == "radio":
                page.locator(f"[name={name}][value={value}]").check()
            else:
                field.fill(value)
        submit_form(page)
        expect_case_page(page, nuid)
    parties = page.locator("section[aria-labelledby=parties-heading]").inner_text()
    assert "José Pérez Mora" in parties
    assert "Ana Rojas Vargas" in parties

    # She files a charge of theft against the accused.
    page.locator(f'a[href="/court/cases/{nuid}/charges/add/"]').click()
    page.locator("[name=accused]").select_option("P1")
    page.locator("[name=offence]").select_option("CP-208")
    fits_a_phone(page)
    submit_form(page)
    expect_case_page(page, nuid)
    charges = page.locator("section[aria-labelledby=charges-heading]").inner_text()
    assert "CP-208" in charges
    assert "ICCS" in charges

    # She schedules a hearing for today, in Sala 2.
    record_link(page, nuid, "hearing.scheduled").click()
    assert page.locator("[name=hearing]").input_value() == "H1"
    page.locator("[name=kind]").select_option("preliminary")
    page.locator("[name=starts_at]").fill(wall_clock(hearing_at))
    page.locator("[name=courtroom]").fill("Sala 2")
    screenshot("record-hearing")
    fits_a_phone(page)
    submit_form(page)
    expect_case_page(page, nuid)
    scheduled = Event.objects.get(case=case, type="hearing.scheduled")

    # The hearing took place; she records it held.
    record_link(page, nuid, "hearing.held").click()
    page.locator("[name=hearing]").select_option("H1")  # chosen from the list
    page.locator("[name=summary]").fill("Se celebró la audiencia preliminar.")
    submit_form(page)
    expect_case_page(page, nuid)

    # The accused was arrested this morning and the judge ordered pretrial detention.
    record_link(page, nuid, "custody.arrested").click()
    page.locator("[name=person]").select_option("P1")
    page.locator("[name=occurred_at]").fill(wall_clock(now - dt.timedelta(hours=3)))
    submit_form(page)
    expect_case_page(page, nuid)
    record_link(page, nuid, "custody.pretrial_ordered").click()
    page.locator("[name=person]").select_option("P1")
    page.locator("[name=until]").fill((now + dt.timedelta(days=90)).date().isoformat())
    page.locator("[name=grounds]").fill("Peligro de fuga.")
    submit_form(page)
    expect_case_page(page, nuid)
    assert page.get_by_role("heading", name="Reloj de la detención").is_visible()
    types = list(Event.objects.filter(case=case).order_by("seq").values_list("type", flat=True))
    assert types == [
        "case.opened",
        "participant.added",
        "participant.added",
        "participant.added",
        "charge.filed",
        "hearing.scheduled",
        "hearing.held",
        "custody.arrested",
        "custody.pretrial_ordered",
    ]
    screenshot("case-page")
    fits_a_phone(page)

    # The courtroom was Sala 3, not Sala 2: she corrects the entry.
    page.locator(f'a[href="/court/cases/{nuid}/events/{scheduled.seq}/correct/"]').click()
    original = page.locator("aside.original")
    assert "Sala 2" in original.inner_text()
    page.locator("[name=courtroom]").fill("Sala 3")
    page.locator("[name=correction_reason]").fill("La sala se anotó mal: es la Sala 3")
    screenshot("correction")
    fits_a_phone(page)
    submit_form(page)
    expect_case_page(page, nuid)
    correction = Event.objects.filter(case=case).order_by("seq").last()
    assert correction.corrects_seq == scheduled.seq
    assert Event.objects.get(pk=scheduled.pk).payload["courtroom"] == "Sala 2"
    beside = page.locator(f"#event-{scheduled.seq}").locator("xpath=..")
    assert "Sala 2" in beside.locator(f"#event-{scheduled.seq}").inner_text()
    assert "Sala 3" in beside.locator(f"#event-{correction.seq}").inner_text()
    assert f"Corrige la anotación #{scheduled.seq}" in beside.inner_text()
    assert "La sala se anotó mal: es la Sala 3" in beside.inner_text()
    page.locator(f"#event-{scheduled.seq}").scroll_into_view_if_needed()
    screenshot("correction-on-the-timeline")

    # She finds the case by the accused's name typed without accents, with the keyboard.
    page.get_by_role("link", name="Expedientes", exact=True).click()
    tab_to(page, "id_q")
    page.keyboard.type("Jose Perez")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/court/cases/\?q=Jose"))
    results = page.locator("table")
    assert case.number in results.inner_text()
    assert "José Pérez Mora" in results.inner_text()
    screenshot("case-search")
    fits_a_phone(page)
    page.get_by_role("button", name="Salir").click()
    page.get_by_label("Nombre de usuario").wait_for()

    # Esteban, judge of the court, signs in with the keyboard alone.
    sign_in_with_the_keyboard(page, "esteban.judge", judge_device)

    # The case is on his list, and stays there when he keeps only the cases naming him
    # as their judge (ticked with the space bar).
    page.get_by_role("link", name="Mi lista").click()
    page.wait_for_url("**/court/my-cases/**")
    assert case.number in page.locator("main table").inner_text()
    tab_to(page, "id_named")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/court/my-cases/\?named=on$"))
    mine = page.locator("main table").inner_text()
    assert case.number in mine
    assert "José Pérez Mora" in mine
    screenshot("my-list")
    fits_a_phone(page)

    # … on today's calendar, in Sala 3 after the correction …
    page.get_by_role("link", name="Agenda").click()
    page.wait_for_url("**/court/calendar/**")
    day = page.locator("main").inner_text()
    assert case.number in day
    assert "Sala 3" in day
    assert hearing_at.strftime("%H:%M") in day
    screenshot("calendar")
    fits_a_phone(page)

    # … and its detention review is on "Due and overdue".
    page.get_by_role("link", name="Plazos por vencer y vencidos").click()
    page.wait_for_url("**/court/due/**")
    assert case.number in page.locator("main").inner_text()
    screenshot("due-and-overdue")
    fits_a_phone(page)
