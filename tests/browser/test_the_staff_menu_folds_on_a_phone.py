"""QA, as a clerk on a phone (360 × 740, Spanish): the workspace's menu, ten links, the
clerk's name and "Sign out", took about 410 px above every page's content, scrolled
past on every page. Now, narrower than 48rem, it is one native disclosure ("Menú",
naming the section the reader is in): folded, the page's content starts within the
first 200 px; unfolded by keyboard or touch, its links work. At desktop width it is the
row of links it was, with no "Menú" button."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.utils import translation
from django.utils.translation import gettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.docket.models import Case
from tests.browser.conftest import DESKTOP
from tests.browser.test_every_page_fits_a_phone import (  # noqa: F401 - fixtures
    judge_device,
    phone,
    sign_in,
)

SCREEN = {"width": 360, "height": 740}
FIRST_SCREEN_TOP = 200  # px: where the page's own content must start, menu folded
# each page of the workspace and what starts its content (its heading)
PAGES = ("/court/", "/court/cases/", "/court/calendar/", "/court/my-cases/", "/court/due/")


def es(text: str) -> str:
    with translation.override("es"):
        return gettext(text)


def content_top(page: Any) -> float:
    box = page.locator("main h1").bounding_box()
    assert box is not None
    return float(box["y"])


def test_the_menu_is_one_folded_button_on_a_phone_and_its_links_work(
    phone: Callable[[], Any],  # noqa: F811
    judge_device: TOTPDevice,  # noqa: F811
    case: Case,
) -> None:
    page = phone()
    page.set_viewport_size(SCREEN)
    sign_in(page, judge_device)
    menu = page.locator("nav.staff details.staff-menu")
    tops = {}
    for path in PAGES:
        page.goto(path)
        tops[path] = content_top(page)
    assert all(top < FIRST_SCREEN_TOP for top in tops.values()), tops
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREEN["width"]

    # the button says it is the menu and where the reader is; folded, no link shows
    summary = menu.locator("summary")
    assert summary.inner_text() == f"{es('Menu')} · {es('Due and overdue')}"
    due_link = page.get_by_role("link", name=es("Due and overdue"), exact=True)
    assert not due_link.is_visible()
    calendar = page.get_by_role("link", name=es("Calendar"), exact=True)
    assert calendar.count() == 0  # folded: one menu, its links not yet in reach

    # by keyboard: Tab to the button, Enter unfolds it, the links are there, one each
    summary.focus()
    page.keyboard.press("Enter")
    assert menu.evaluate("d => d.open")
    assert calendar.count() == 1
    assert calendar.is_visible()
    assert due_link.get_attribute("aria-current") == "page"
    assert page.get_by_role("button", name=es("Sign out")).is_visible()
    # the unfolded menu still fits the screen's width
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREEN["width"]

    calendar.click()
    page.wait_for_url(re.compile(r"/court/calendar/"))
    assert page.locator("main h1").inner_text() == es("Court calendar")
    # a new page, the menu folded again, naming the new section
    assert not menu.evaluate("d => d.open")
    assert es("Calendar") in summary.inner_text()
    summary.click()
    page.get_by_role("link", name=es("Cases"), exact=True).click()
    page.wait_for_url(re.compile(r"/court/cases/$"))
    page.goto(f"/court/cases/{case.nuid}/")
    assert es("Cases") in summary.inner_text()  # a case is in the section "Cases"


def test_at_desktop_width_the_menu_is_the_row_of_links_it_was(
    phone: Callable[[], Any],  # noqa: F811
    judge_device: TOTPDevice,  # noqa: F811
) -> None:
    page = phone()
    page.set_viewport_size(DESKTOP)
    sign_in(page, judge_device)
    page.goto("/court/due/")
    assert not page.locator("nav.staff summary").is_visible()
    links = page.locator("nav.staff .staff-bar a")
    assert links.count() >= 9
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    # one row: each link to the right of the one before
    lefts = [links.nth(i).bounding_box()["x"] for i in range(links.count())]
    assert lefts == sorted(lefts), lefts
    assert page.get_by_role("link", name=es("Due and overdue"), exact=True).count() == 1
