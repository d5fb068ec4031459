"""The sister's petition, in a browser with JavaScript off: she signs in with the code
from the court's notice, reads the timeline in Spanish, asks the court to review her
brother's detention and gets a receipt with a number; the judge finds the petition on
"Due and overdue" with its own answer deadline (the court's service target, not a legal
limit), decides it through the record form, and the decision appears on her timeline
and in her list of petitions."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.access.models import Membership, User
from expediente.custody.models import Deadline
from expediente.petitions.models import Petition
from tests.browser.conftest import DESKTOP
from tests.court.conftest import PASSWORD, code_for
from tests.portal.conftest import CR, make_clerk, make_detained_case, make_issuer

SHE_WRITES = (
    "Mi hermano lleva casi tres semanas detenido. Tiene trabajo fijo y vive con nosotros; "
    "pido que el juez revise la detención."
)


@pytest.fixture
def sisters_case(accused_case, record):  # type: ignore[no-untyped-def]
    return make_detained_case(accused_case, record)


@pytest.fixture
def code(court, sisters_case):  # type: ignore[no-untyped-def]
    return make_issuer(make_clerk(court))(sisters_case, "P1")


@pytest.fixture
def judge(court):  # type: ignore[no-untyped-def]
    user = User.objects.create_user("esteban.judge", password=PASSWORD, first_name="Esteban")
    Membership.objects.create(user=user, court=court, role="judge")
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def new_page(browser, live_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        base_url=live_server.url, viewport=DESKTOP, locale="es-CR", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_the_sister_petitions_and_the_judge_decides(  # type: ignore[no-untyped-def]
    browser, live_server, sisters_case, code, judge
):
    # She signs in with the case number and the code from the notice, in Spanish.
    sister, page = new_page(browser, live_server)
    page.goto("/follow/")
    assert page.locator("html").get_attribute("lang") == "es"
    page.fill("#id_case_number", sisters_case.nuid)
    page.fill("#id_code", code)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/follow/case/")
    timeline = page.inner_text("ol.timeline")
    assert "Prisión preventiva ordenada" in timeline

    # She asks for a review of the detention: first with nothing written.
    page.locator('a[href="/follow/ask/detention_review/"]').click()
    page.wait_for_url("**/follow/ask/detention_review/")
    page.locator("main form button[type=submit]").click()
    assert page.locator(".error-summary a[href='#id_text']").count() == 1
    assert not Petition.objects.exists()
    page.fill("#id_text", SHE_WRITES)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/follow/receipt/\d+/$"))
    petition = Petition.objects.get()
    receipt = page.inner_text("main")
    assert petition.receipt in receipt
    assert petition.fingerprint in receipt
    assert page.locator("script").count() == 0

    # Back on the case page: the petition is on the timeline, waiting for an answer.
    page.goto("/follow/case/")
    assert "Petición presentada" in page.inner_text("ol.timeline")
    assert petition.receipt in page.inner_text("main")

    # The judge signs in and finds it on "Due and overdue", with its own deadline.
    staff, desk = new_page(browser, live_server)
    desk.goto("/court/sign-in/")
    desk.get_by_label("Nombre de usuario").fill("esteban.judge")
    desk.get_by_label("Contraseña").fill(PASSWORD)
    desk.get_by_role("button", name="Continuar").click()
    desk.get_by_label("Código de su aplicación de autenticación").fill(code_for(judge))
    desk.get_by_role("button", name="Ingresar").click()
    desk.wait_for_url(re.compile(r"/court/$"))
    desk.goto("/court/due/")
    answer = Deadline.objects.get(rule_id="intl.petition_answer", start_seq=petition.filed_seq)
    assert answer.due_at - petition.filed_at == dt.timedelta(hours=48)
    row = desk.locator("tr", has_text="Respuesta a una petición")
    assert row.count() == 1
    assert "sin demora" in row.inner_text()
    local_due = answer.due_at.astimezone(CR)
    assert local_due.strftime("%H:%M") in row.inner_text()

    # She decides it from the row's link: the record form of "Petición resuelta".
    row.locator('a[href$="/record/petition.decided/"]').click()
    desk.locator("[name=petition]").fill(str(petition.filed_seq))
    desk.locator("[name=outcome]").select_option("granted")
    desk.locator("[name=reasons]").fill("Se sustituye la detención por presentaciones semanales.")
    desk.locator("[name=occurred_at]").fill(
        timezone.now().astimezone(CR).strftime("%Y-%m-%dT%H:%M")
    )
    desk.locator("form.entry-form button[type=submit]").click()
    desk.wait_for_load_state()
    errors = desk.locator(".error-summary")
    assert errors.count() == 0, errors.first.inner_text()
    desk.wait_for_url(f"**/court/cases/{sisters_case.nuid}/")
    petition.refresh_from_db()
    assert (petition.status, petition.outcome) == ("decided", "granted")
    answer.refresh_from_db()
    assert not answer.open
    desk.goto("/court/due/")
    assert desk.locator("tr", has_text="Respuesta a una petición").count() == 0
    staff.close()

    # Her page shows the decision, on the timeline and in her petitions.
    page.reload()
    timeline = page.inner_text("ol.timeline")
    assert "Petición resuelta" in timeline
    assert f"{petition.filed_seq}" in timeline
    sister.close()
