"""On a 360 px phone no indicator's definition page scrolls sideways. QA found
/stats/indicators/held_on_day/ 417 px wide: its source, a long unbroken link
(https://dataunodc.un.org/…), did not wrap. Every indicator is measured, in Spanish."""

from __future__ import annotations

from typing import Any

from expediente.stats.catalogue import INDICATORS
from tests.browser.test_clerk_walkthrough import WIDER_THAN_THE_SCREEN

SCREEN = {"width": 360, "height": 640}


def test_no_definition_page_is_wider_than_a_phone(browser: Any, live_server: Any) -> None:
    context = browser.new_context(base_url=live_server.url, viewport=SCREEN, locale="es-CR")
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        too_wide = {}
        for indicator in INDICATORS:
            page.goto(f"/stats/indicators/{indicator.id}/")
            page.locator("main h1").wait_for()
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > SCREEN["width"]:
                too_wide[indicator.id] = f"{width}px: {page.evaluate(WIDER_THAN_THE_SCREEN)}"
        assert "held_on_day" in {i.id for i in INDICATORS}
        assert too_wide == {}, f"wider than a {SCREEN['width']}px screen: {too_wide}"
    finally:
        context.close()
