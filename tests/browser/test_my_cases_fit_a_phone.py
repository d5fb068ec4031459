"""A public defender's "My cases" at 360 × 740: each case a card, the caption a line
above them (QA: squeezed into an 85 px column, a word per line), no text clipped
(every element's scrollWidth within its clientWidth), no sideways scrolling; the legal
limits lead and the court's service targets are marked apart."""

from __future__ import annotations

import re

from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.access.models import User
from expediente.access.participant_codes import link_by_clerk
from expediente.petitions.services import petition_file
from tests.court.conftest import code_for
from tests.portal.conftest import LAWYER_PASSWORD, make_clerk, make_detained_case

PHONE = {"width": 360, "height": 740}
CLIPPED = """() => [...document.querySelectorAll('main *')]
  .filter(e => !e.closest('thead')) // read by screen readers only, clipped on purpose
  .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'
               || e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').trim().slice(0, 40))"""


def test_my_cases_are_cards_on_a_phone(browser, live_server, accused_case, record, court):  # type: ignore[no-untyped-def]
    clerk = make_clerk(court)
    case = make_detained_case(accused_case, record)
    petition_file(
        case=case,
        petitioner="P1",
        kind="detention_review",
        text="Revisión, por favor.",
        filed_via="clerk",
        actor=clerk,
    )
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
        caption = page.locator("table caption").bounding_box()
        assert caption is not None
        assert caption["width"] > 300, caption
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert page.evaluate(CLIPPED) == []
        text = page.locator("main table").inner_text()
        assert "Revisión de la prisión preventiva" in text
        # the legal limits first, the court's target after them, marked apart
        assert text.index("Revisión de la prisión preventiva") < text.index(
            "Metas de servicio del tribunal"
        )
    finally:
        context.close()
