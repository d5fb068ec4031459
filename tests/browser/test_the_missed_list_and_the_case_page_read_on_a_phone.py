"""QA, on a 360 × 740 phone in Spanish: "What the court missed" showed each line as a
block of cells with no column names (a date, a date, a name, a rule: which was which?);
the parties table on the staff case page scrolled sideways inside its box (the identity
document and nationality off the screen); and a case number broke at a hyphen at the end
of a line ("Caso 26-000001-" on one line, "0042-PE" on the next), on the case page's
heading and the participant's page alike. Now each cell of both tables says its column,
as the due and calendar tables do, and a number (an identity document's too, once the
parties stack) moves to the next line whole: only a number wider than the whole line (a
25-character CNJ number in a heading) still wraps, and no page scrolls sideways."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.access.participant_codes import code_issue
from expediente.access.policy import Actor
from expediente.docket.models import Case
from tests.browser.test_clerk_walkthrough import WIDER_THAN_THE_SCREEN
from tests.browser.test_every_page_fits_a_phone import (  # noqa: F401 - fixtures
    judge_device,
    local,
    phone,
    placed_late,
    sign_in,
)

SCREEN = {"width": 360, "height": 740}

# Each cell of the table ``selector``: its column's header, its data-label and what
# the stylesheet puts before it ("none" when nothing is).
CELLS_AND_LABELS = """selector => {
  const table = document.querySelector(selector);
  const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
  return [...table.querySelectorAll('tbody tr')].flatMap(tr => [...tr.cells].map((td, i) => ({
    column: heads[i],
    label: td.dataset.label ?? null,
    before: getComputedStyle(td, '::before').content,
  })));
}"""

# How many lines the text ``number`` takes inside the first element ``selector`` that
# shows it: one box per line, told apart by their tops (0 when it is not there).
LINES_OF = """([selector, number]) => {
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(number);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + number.length);
      return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
    }
  }
  return 0;
}"""


def lines_of(page: Any, selector: str, number: str) -> int:
    return int(page.evaluate(LINES_OF, [selector, number]))


def assert_fits(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SCREEN["width"], f"{page.url}: {width}px {page.evaluate(WIDER_THAN_THE_SCREEN)}"


def test_each_cell_of_what_the_court_missed_says_its_column(
    phone: Callable[[], Any],  # noqa: F811
    judge_device: TOTPDevice,  # noqa: F811
    placed_late: Case,  # noqa: F811
) -> None:
    page = phone()
    page.set_viewport_size(SCREEN)
    sign_in(page, judge_device)
    page.goto("/court/missed/")
    page.locator(f"table.missed tbody tr:has-text('{placed_late.number}')").wait_for()
    cells = page.evaluate(CELLS_AND_LABELS, "table.missed")
    assert len(cells) == 4, cells  # one line: ended, was due, person and case, which
    for cell in cells:
        assert cell["label"] == cell["column"], cell
        assert cell["before"] != "none", cell  # shown before the cell, not only in the HTML
    assert lines_of(page, "table.missed", placed_late.number) == 1
    assert_fits(page)


def test_the_parties_fit_the_screen_and_say_their_columns(
    phone: Callable[[], Any],  # noqa: F811
    judge_device: TOTPDevice,  # noqa: F811
    open_case: Callable[..., Case],
    record: Callable[..., Any],
) -> None:
    case = open_case(occurred_at=local(10))
    for role, person in (
        (
            "accused",
            {
                "given_names": "María José",
                "family_names": "Vargas-Sanabria Quesada",
                "sex": "female",
                "id_number": "1-1234-0567",  # a Costa Rican identity card
                "nationality": "NI",
            },
        ),
        ("victim", {"given_names": "Ana", "family_names": "Rojas Vargas", "sex": "female"}),
    ):
        record(case, "participant.added", {"role": role, "person": person}, occurred_at=local(9))

    page = phone()
    page.set_viewport_size(SCREEN)
    sign_in(page, judge_device)
    page.goto(f"/court/cases/{case.nuid}/")
    parties = page.locator("section[aria-labelledby=parties-heading]")
    parties.locator("tbody tr").first.wait_for()
    wrap = parties.locator(".table-wrap")
    scroll, box = wrap.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert scroll <= box, f"the parties scroll sideways: {scroll}px in {box}px"
    cells = page.evaluate(CELLS_AND_LABELS, "section[aria-labelledby=parties-heading] table")
    assert len(cells) == 8, cells  # two parties, four columns
    for cell in cells:
        assert cell["label"] == cell["column"], cell
        assert cell["before"] != "none", cell
    text = parties.inner_text()
    assert "1-1234-0567" in text
    # "Documento de identidad: 1-1234-" and "0567" on the next line read as two numbers
    assert lines_of(page, "section[aria-labelledby=parties-heading] table", "1-1234-0567") == 1
    assert "Nicaragua" in text
    assert_fits(page)


def test_a_case_number_stays_on_one_line(
    phone: Callable[[], Any],  # noqa: F811
    judge_device: TOTPDevice,  # noqa: F811
    open_case: Callable[..., Case],
    record: Callable[..., Any],
) -> None:
    case = open_case(occurred_at=local(10))
    accused = {"given_names": "Luis", "family_names": "Solano Rojas", "sex": "male"}
    record(case, "participant.added", {"role": "accused", "person": accused}, occurred_at=local(9))
    assert re.fullmatch(r"\d\d-\d{6}-0042-\w+", case.number), case.number

    judge = phone()
    judge.set_viewport_size(SCREEN)
    sign_in(judge, judge_device)
    judge.goto(f"/court/cases/{case.nuid}/")
    judge.locator("main h1").wait_for()
    # "Caso 26-000001-0042-PE" is wider than the screen in a heading's letters: the
    # number goes to the second line whole
    assert lines_of(judge, "main h1", case.number) == 1
    assert_fits(judge)
    judge.goto(f"/court/cases/?q={case.number}")
    judge.locator("table.cases tbody tr").first.wait_for()
    assert lines_of(judge, "table.cases", case.number) == 1
    assert_fits(judge)

    _, code = code_issue(
        case=case, participant="P1", actor=Actor.staff(judge_device.user), language="es"
    )
    accused_page = phone()
    accused_page.set_viewport_size(SCREEN)
    accused_page.goto("/follow/")
    accused_page.locator("#id_case_number").fill(case.nuid)
    accused_page.locator("#id_code").fill(code)
    accused_page.locator("#id_code").press("Enter")
    accused_page.wait_for_url(re.compile(r"/follow/case/$"))
    assert lines_of(accused_page, "main h1", case.nuid) == 1
    assert_fits(accused_page)

    # a number longer than a whole line (a Brazilian CNJ number, 25 characters, in a
    # heading's letters) wraps rather than widen the page
    long = "0001234-56.2026.8.26.0001"
    Case.objects.filter(pk=case.pk).update(number=long)
    judge.goto(f"/court/cases/{case.nuid}/")
    judge.locator("main h1").wait_for()
    assert lines_of(judge, "main h1", long) > 1
    assert_fits(judge)
