"""A family member opens the court's public calendar on a 360 px phone, in Spanish and in
Portuguese: the day's hearings are read top to bottom, nothing scrolls sideways, neither
the page nor the table of hearings (a six-column table scrolled inside its box, so the
accused and the offence of each hearing were off the screen)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from expediente.access.policy import Actor
from expediente.docket.models import Court
from tests.browser.conftest import PHONE
from tests.browser.test_clerk_walkthrough import WIDER_THAN_THE_SCREEN
from tests.court.pages.conftest import staff
from tests.privacy.conftest import HEARING_DAY, build_case

# any element of the table area whose content is wider than its own box scrolls sideways
SCROLLS_SIDEWAYS = """
[...document.querySelectorAll('main .table-wrap, main table')]
  .filter(e => e.scrollWidth > e.clientWidth + 1)
  .map(e => e.tagName.toLowerCase() + ' ' + e.scrollWidth + '>' + e.clientWidth)
"""


@pytest.fixture
def day_of_hearings(court: Court, clerk: Actor) -> list[Any]:
    judge = Actor.staff(staff("juez.calendario", court, "judge", "Juana Calendario"))
    return [
        build_case(court, clerk, judge, tag, i)
        for i, tag in enumerate(("charged", "convicted"), start=1)
    ]


@pytest.fixture
def phone_page(browser: Any, live_server: Any) -> Iterator[Any]:
    contexts = []

    def new_page(locale: str) -> Any:
        context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale=locale)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield new_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("locale", ["es-CR", "pt-BR"])
def test_the_days_hearings_fit_a_phone_without_scrolling_sideways(
    phone_page: Any, day_of_hearings: list[Any], court: Court, locale: str
) -> None:
    page = phone_page(locale)
    page.goto(f"/public/calendar/{court.code}/?day={HEARING_DAY.isoformat()}")
    rows = page.locator("main tbody tr")
    rows.first.wait_for()
    assert rows.count() == 2
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px: {page.evaluate(WIDER_THAN_THE_SCREEN)}"
    assert page.evaluate(SCROLLS_SIDEWAYS) == []
    # every row's facts are on the screen, each with its label
    convicted = rows.filter(has_text=day_of_hearings[1].number)
    box = convicted.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]
    text = convicted.inner_text()
    assert "Aurelio ReoConvicted" in text
    assert "09:00" in text
