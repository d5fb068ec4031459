"""QA, as a clerk on a phone (360 × 740, Spanish): the due list was about 86,000 px tall,
its table (544 px wide in a 336 px box) cut "What is due" and "What to do" mid-word, and
the person held 20 hours past the 24 hours to be brought before a judge (Constitución
Política art. 37) came around row 28, below months-old overdue lines. Now each line is
a card, a page holds 25, and that person's line is the first."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.docket.models import Case
from tests.browser.test_every_page_fits_a_phone import (  # noqa: F401 - fixtures
    judge_device,
    local,
    phone,
    sign_in,
)

SCREEN = {"width": 360, "height": 740}
LONGEST_WORD = "Vargas-Sanabria"


def held(open_case: Callable[..., Case], record: Callable[..., Any], opened, arrested) -> Case:
    case = open_case(occurred_at=opened)
    person = {"given_names": "María José", "family_names": f"{LONGEST_WORD} Quesada"}
    record(case, "participant.added", {"role": "accused", "person": person}, occurred_at=opened)
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=arrested)
    return case


def test_the_first_screen_shows_the_person_held_past_the_limit_and_nothing_is_cut(
    phone: Callable[[], Any],  # noqa: F811
    judge_device: TOTPDevice,  # noqa: F811
    open_case: Callable[..., Case],
    record: Callable[..., Any],
) -> None:
    for days in range(40, 70):  # overdue for one to two months: 30 stale lines
        held(open_case, record, local(days + 1), local(days))
    now = timezone.now()
    recent = held(open_case, record, local(3), now - dt.timedelta(hours=44))

    page = phone()
    page.set_viewport_size(SCREEN)
    sign_in(page, judge_device)
    page.goto("/court/due/")
    first = page.locator("table.due tbody tr").first
    first.wait_for()
    if os.environ.get("SCREENSHOTS"):
        page.screenshot(path="/tmp/due-shots/due-phone.png")
    assert recent.number in first.inner_text()
    box = first.bounding_box()
    assert box is not None
    assert box["y"] < SCREEN["height"] * 1.2, box  # the staff menu alone takes 410 px
    # a page is a page: 25 cards, not hundreds of table rows
    assert page.locator("table.due tbody tr").count() == 25
    assert page.evaluate("document.documentElement.scrollHeight") < 25 * 700
    # nothing is cut: neither the page nor any cell is wider than its box
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREEN["width"]
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('table.due, table.due td, .table-wrap')]
        .filter(e => e.scrollWidth > e.clientWidth)
        .map(e => e.tagName + ': ' + e.textContent.trim().slice(0, 60))"""
    )
    assert clipped == []
