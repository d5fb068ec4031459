"""A juvenile's mother, his guardian in the case, signs in with her code in a browser
(JavaScript off, in Spanish) and reads his case: his detention, his rights under his
name and whose rights she may ask the court to protect, never "you" where "you" would
be him. Then she asks for a review of his detention from the page's own link."""

from __future__ import annotations

import pytest

from tests.browser.conftest import CHROMIUM_ARGS, DESKTOP  # noqa: F401
from tests.conftest import PERSON, order_term
from tests.portal.conftest import days_ago, make_clerk, make_issuer

SON = "José Pérez Mora"


@pytest.fixture
def juvenile_case(open_case, record):  # type: ignore[no-untyped-def]
    case = open_case("juvenile")
    record(
        case,
        "participant.added",
        {"role": "accused", "person": {**PERSON, "date_of_birth": "2010-05-01"}},
    )
    mother = {"given_names": "María", "family_names": "Mora Vargas", "sex": "female"}
    record(case, "participant.added", {"role": "guardian", "person": mother})
    record(case, "charge.filed", {"accused": "P1", "offence": "CP-208"})
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=days_ago(4, 8))
    record(
        case,
        "custody.pretrial_ordered",
        {"person": "P1", "until": order_term().isoformat(), "grounds": "Peligro de fuga"},
        occurred_at=days_ago(3),
    )
    case.refresh_from_db()
    return case


def test_she_reads_his_case_as_his_guardian(browser, live_server, juvenile_case, court):  # type: ignore[no-untyped-def]
    code = make_issuer(make_clerk(court))(juvenile_case, "P2", language="es")
    context = browser.new_context(
        base_url=live_server.url, viewport=DESKTOP, locale="es-CR", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/follow/")
    page.fill("#id_case_number", juvenile_case.nuid)
    page.fill("#id_code", code)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/follow/case/")
    headings = page.locator("main h2").all_inner_texts()
    assert f"Detención de {SON} (Persona imputada)" in headings
    assert "Sus derechos" in headings
    assert f"Los derechos de {SON}" in headings
    text = page.inner_text("main")
    assert "Su defensa puede explicarle cada paso y hablar por usted" not in text
    assert f"La defensa de {SON} puede explicarle cada paso" in text
    assert f"Puede pedir al tribunal que proteja los derechos de {SON}." in text
    # his rights are a section of their own, named for him, reached by its heading
    section = page.locator("section", has=page.locator("h2", has_text=f"Los derechos de {SON}"))
    assert "Convención sobre los Derechos del Niño" in section.inner_text()
    page.get_by_role("link", name="Pedir al tribunal que revise la detención").click()
    page.wait_for_url("**/follow/ask/detention_review/")
    assert page.locator("h1").inner_text() == "Pedir al tribunal que revise la detención"
    context.close()
