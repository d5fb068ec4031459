"""The sister's petition, in a browser with JavaScript off: she signs in with the code
from the court's notice, reads the timeline in Spanish, asks to be told of every change
by SMS, email and the portal's inbox, asks the court to review her brother's detention
and gets a receipt with a number; the judge finds the petition on "Due and overdue" with
its own answer deadline (the court's service target, not a legal limit) and decides it
through the record form, choosing it from the case's open petitions and saying, with
the same submit, that the detention is replaced by other measures. The worker then
delivers the decision to a real local SMS gateway and SMTP server, and it appears on her
timeline, in her list of petitions and in her portal inbox."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.access.models import Membership, User
from expediente.custody.models import Deadline
from expediente.docket.models import Event
from expediente.notify.models import Delivery, Subscription
from expediente.notify.worker import run
from expediente.petitions.models import Petition
from tests.browser.conftest import DESKTOP
from tests.court.conftest import PASSWORD, code_for
from tests.notify.conftest import receiver, smtp, smtp_server  # noqa: F401 - fixtures
from tests.portal.conftest import CR, make_clerk, make_detained_case, make_issuer

PHONE = "+506 8888 1234"
EMAIL = "marta.perez@example.org"
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
    browser,
    live_server,
    sisters_case,
    code,
    judge,
    receiver,  # noqa: F811
    smtp,  # noqa: F811
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

    # She asks to be told of every change: by SMS, by email and in the portal's inbox.
    tell_me = page.locator("section[aria-labelledby=tell-me]")
    for channel, address in (("sms", PHONE), ("email", EMAIL), ("inbox", "")):
        tell_me.locator(f"input[name=channel][value={channel}]").check()
        tell_me.locator("#id_address").fill(address)
        tell_me.locator("#id_consent").check()
        tell_me.locator("button[type=submit]").click()
        # the form posts to its own section, so the page comes back with it in view
        page.wait_for_url("**/follow/case/#tell-me")
        assert page.locator(".error-summary").count() == 0, page.inner_text("main")
    told_by = page.locator("section[aria-labelledby=tell-me]").inner_text()
    # masked: whoever holds the code reads this page (portal.privacy.masked_address)
    assert "+506 ****1234" in told_by
    assert "+50688881234" not in told_by
    assert EMAIL not in told_by
    assert f"{EMAIL[0]}***@{EMAIL.split('@')[1]}" in told_by
    assert set(
        Subscription.objects.filter(case=sisters_case, participant="P1").values_list(
            "channel", "language"
        )
    ) == {("sms", "es"), ("email", "es"), ("inbox", "es")}

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
    # it says by when the court should answer, in one sentence that says in brackets how
    # long the court gives itself and that it is its own target, not the law's
    assert "El tribunal debería responder la solicitud a más tardar el" in receipt
    assert re.search(r"a más tardar el [^()]+ \([^()]*48[^()]*\)\.", receipt), receipt
    assert "Petición presentada" not in receipt  # the record's name for her filing
    # her request is on the record (CPP art. 253); within the first three months of the
    # detention it does not start the count of the court's own review again
    assert "Esta solicitud consta en el expediente. No hizo empezar de nuevo el plazo" in receipt
    # on her phone, 360 px wide, the receipt fits without scrolling sideways
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    answer_due = page.locator(".answer-due-lead").bounding_box()
    assert answer_due is not None
    assert answer_due["x"] + answer_due["width"] <= 360
    page.set_viewport_size(DESKTOP)

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
    row.locator('a[href*="/record/petition.decided/?petition="]').click()
    # The petition is chosen from the case's open ones, listed with kind and receipt.
    chosen = desk.locator(f"[name=petition] option[value='{petition.filed_seq}']")
    assert petition.receipt in chosen.inner_text()
    assert "Revisión de la detención" in chosen.inner_text()
    desk.locator("[name=petition]").select_option(str(petition.filed_seq))
    desk.locator("[name=outcome]").select_option("granted")
    # what the decision does to the detention, with the same submit: replaced by measures
    assert desk.locator("[name=person]").input_value() == "P1"  # the petition's own
    desk.get_by_label("La prisión preventiva se sustituye por otras medidas").check()
    desk.locator("[name=measures]").fill("Presentarse cada semana en el juzgado.")
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
    replaced = Event.objects.get(case=sisters_case, seq=petition.decided_seq + 1)
    assert (replaced.type, replaced.payload["person"]) == ("custody.pretrial_replaced", "P1")
    assert not Deadline.objects.filter(
        case=sisters_case, rule_id="cr.pretrial_review", open=True
    ).exists()
    answer.refresh_from_db()
    assert not answer.open
    desk.goto("/court/due/")
    assert desk.locator("tr", has_text="Respuesta a una petición").count() == 0
    staff.close()

    # The worker delivers the decision: an SMS to the local gateway, an email to the local
    # SMTP server, in Spanish as she chose, and a message in her portal inbox.
    run(once=True)
    texts = [r.json()["text"] for r in receiver.received("/sms")]
    assert all(r.json()["to"] == "+50688881234" for r in receiver.received("/sms"))
    assert any("Peticion resuelta" in t for t in texts), texts  # GSM-7: two SMS parts, not 4
    mails = [m for m in smtp.messages if "Petición resuelta" in str(m["Subject"])]
    assert len(mails) == 1
    assert mails[0]["To"] == EMAIL
    decided = Delivery.objects.filter(notification__event_seq=petition.decided_seq)
    assert set(decided.values_list("channel", "status")) == {
        ("sms", "sent"),
        ("email", "sent"),
        ("inbox", "sent"),
    }

    # Her page shows the decision, on the timeline, in her petitions and in her inbox.
    page.reload()
    timeline = page.inner_text("ol.timeline")
    assert "Petición resuelta" in timeline
    assert f"{petition.filed_seq}" in timeline
    asked = page.inner_text("section[aria-labelledby=ask]")
    assert "El tribunal concedió lo que usted pidió." in asked
    assert "El tribunal sustituyó la prisión preventiva por otras medidas." in asked
    inbox = page.locator("section[aria-labelledby=tell-me]").inner_text()
    assert "Petición resuelta" in inbox
    sister.close()
