"""A judge opens "Due and overdue", sees who is due for what (most urgent first, with the
rule, its article and the date), follows the link to record the decision, and reads the
detention clock on the case page; at desktop and at phone width.

The cases are built through the real services (``case_open`` and ``event_record``, via
the ``open_case`` and ``record`` fixtures), dated from the real clock, since the live
server lists deadlines as at now. UI words are compared with the Spanish catalogue
(``gettext`` under ``es``), so the test follows the translation, not a copy of it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.access.models import Membership, User
from expediente.custody.models import Deadline
from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS
from tests.court.conftest import PASSWORD, code_for

CR = ZoneInfo("America/Costa_Rica")
REVIEW = "Revisión de la prisión preventiva"  # the Costa Rican pack's labels, in Spanish
MAXIMUM = "Plazo máximo de la prisión preventiva"
ORDER = "Término que fija la orden de prisión preventiva"  # CPP art. 243(e)
PRESENTATION = "Puesta a la orden de la autoridad judicial"


@pytest.fixture(params=["desktop", "phone"])
def width(request: pytest.FixtureRequest, page: Any) -> str:
    page.set_viewport_size(DESKTOP if request.param == "desktop" else PHONE)
    return str(request.param)


@pytest.fixture
def judge(court: Any) -> TOTPDevice:
    user = User.objects.create_user("esteban.judge", password=PASSWORD, first_name="Esteban")
    Membership.objects.create(user=user, court=court, role="judge")
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


@pytest.fixture
def detained(open_case: Any, record: Any) -> dict[str, Any]:
    """Three accused in the judge's court:

    - Luis, arrested 100 days ago and ordered into pretrial detention the next day: his
      3-monthly review is overdue by about a week, his 12-month maximum is months away;
    - Carlos, arrested 30 hours ago: to be placed before a judge within 24 hours, overdue;
    - Diego, arrested 20 hours ago: the same, due in 4 hours.
    """
    now = timezone.now()

    def local(days_ago: int, hour: int) -> dt.datetime:
        day = now.astimezone(CR).date() - dt.timedelta(days=days_ago)
        return dt.datetime.combine(day, dt.time(hour), tzinfo=CR)

    def accused(opened: dt.datetime, given: str, family: str) -> Any:
        case = open_case(occurred_at=opened)
        person = {"given_names": given, "family_names": family, "sex": "male"}
        record(
            case,
            "participant.added",
            {"role": "accused", "person": person},
            occurred_at=opened + dt.timedelta(minutes=5),
        )
        return case

    def custody(case: Any, what: str, when: dt.datetime, **fields: Any) -> None:
        record(case, f"custody.{what}", {"person": "P1", **fields}, occurred_at=when)

    luis = accused(local(101, 8), "Luis", "Solano Rojas")
    custody(luis, "arrested", local(100, 10))
    custody(luis, "placed_before_judge", local(100, 20))
    custody(luis, "hearing_requested", local(99, 9))
    until = (now + dt.timedelta(days=300)).date().isoformat()
    custody(luis, "pretrial_ordered", local(99, 10), until=until, grounds="Peligro de fuga")
    carlos = accused(now - dt.timedelta(days=2), "Carlos", "Mora Vargas")
    custody(carlos, "arrested", now - dt.timedelta(hours=30))
    diego = accused(now - dt.timedelta(days=2), "Diego", "Araya Castro")
    custody(diego, "arrested", now - dt.timedelta(hours=20))
    return {"luis": luis, "carlos": carlos, "diego": diego, "arrest": local(100, 10)}


def sign_in(page: Any, device: TOTPDevice) -> None:
    page.goto("/court/sign-in/")
    page.get_by_label("Nombre de usuario").fill("esteban.judge")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Continuar").click()
    page.get_by_label("Código de su aplicación de autenticación").fill(code_for(device))
    page.get_by_role("button", name="Ingresar").click()
    page.wait_for_url(re.compile(r"/court/$"))


def open_due_list(page: Any, width: str) -> None:
    """Follow the workspace's "Due and overdue" link, as a judge would (on a phone, the
    menu is folded under its "Menu" button: unfold it first)."""
    menu = page.locator("nav.staff details.staff-menu summary")
    if menu.is_visible():
        menu.click()
    link = page.locator("nav.staff a[href='/court/due/']").locator("visible=true")
    assert link.is_visible(), f"the link to the due list is hidden at {width} width"
    link.click()
    page.wait_for_url(re.compile(r"/court/due/$"))


def es(text: str) -> str:
    with translation.override("es"):
        return gettext(text)


def day(moment: dt.datetime | dt.date) -> str:
    """A date as the Spanish pages write it (e.g. "2 de marzo de 2026")."""
    with translation.override("es"):
        return str(formats.date_format(moment, "DATE_FORMAT"))


def when_due(d: Deadline) -> str:
    """The due column: the last day for a count in days, else the day and hour."""
    if d.counting != "continuous":
        with translation.override("es"):
            return gettext("by the end of the day on %(day)s") % {"day": day(d.due_on)}
    local = d.due_at.astimezone(CR)
    return f"{day(local)}, {local:%H:%M}"


def save(page: Any, name: str) -> None:
    """Save what the browser shows now (SCREENSHOTS=1), at its present width only."""
    if os.environ.get("SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def fits(page: Any) -> bool:
    """The page needs no sideways scrolling (wide tables scroll inside their own box)."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_the_judge_sees_each_detained_person_by_urgency_with_rule_article_and_date(
    page: Any, width: str, judge: TOTPDevice, detained: dict[str, Any]
) -> None:
    luis, carlos, diego = detained["luis"], detained["carlos"], detained["diego"]
    sign_in(page, judge)
    open_due_list(page, width)
    page.get_by_role("heading", level=1, name=es("Due and overdue")).wait_for()
    rows = page.locator("table.due tbody tr")
    texts = rows.all_inner_texts()
    assert len(texts) == 5
    expected = [
        # (who, case, what, law, status shown): held past a limit of the law, the latest
        # passed first (Carlos's 24 hours ran out after Luis's review was due)
        ("Carlos Mora Vargas", carlos, PRESENTATION, "Constitución Política art. 37", "Overdue"),
        ("Luis Solano Rojas", luis, REVIEW, "Código Procesal Penal (Ley 7594) art. 253", "Overdue"),
        ("Diego Araya Castro", diego, PRESENTATION, "Constitución Política art. 37", "Due soon"),
        ("Luis Solano Rojas", luis, MAXIMUM, "art. 257(b)(c), 258", "Not yet due"),
        # the date his order states (300 days on), after the 12 months of the maximum
        ("Luis Solano Rojas", luis, ORDER, "art. 243(e)", "Not yet due"),
    ]
    for text, (who, case, what, law, status) in zip(texts, expected, strict=True):
        deadline = Deadline.objects.get(case=case, label__es=what)
        assert who in text
        assert case.number in text
        assert what in text
        assert law in text
        assert es(status) in text
        assert when_due(deadline) in text, f"{what}: its due date is not shown"
    # every one is set by law: the 24 hours of art. 37 as much as the 12 months
    assert all(es("Legal limit") in text for text in texts)
    assert all(rows.nth(i).is_visible() for i in range(5))
    assert fits(page), f"the due list needs sideways scrolling at {width} width"
    if width == "desktop":
        save(page, "due-and-overdue-desktop")

    record = rows.nth(1).get_by_role("link", name=re.compile(re.escape(REVIEW)))
    assert record.is_visible()
    record.click()
    page.wait_for_url(f"**/court/cases/{luis.nuid}/record/custody.pretrial_reviewed/")
    form = page.locator("form.entry-form")
    assert form.is_visible()
    assert REVIEW in page.locator("h1").inner_text()
    assert form.get_by_role("button").last.is_visible()


def test_the_case_page_shows_the_detention_clock_and_why_each_date_is_what_it_is(
    page: Any, width: str, judge: TOTPDevice, detained: dict[str, Any]
) -> None:
    luis = detained["luis"]
    sign_in(page, judge)
    open_due_list(page, width)
    page.locator("table.due tbody tr").nth(1).get_by_role("link", name=luis.number).click()
    page.wait_for_url(f"**/court/cases/{luis.nuid}/")
    clock = page.locator("section.clock")
    clock.get_by_role("heading", name=es("Detention clock")).wait_for()
    text = clock.inner_text()

    # days in custody, counted across police custody and pretrial detention
    days = (timezone.now() - detained["arrest"]).days
    with translation.override("es"):
        in_custody = ngettext("%(days)d day in custody", "%(days)d days in custody", days) % {
            "days": days
        }
    assert "Luis Solano Rojas" in text
    assert in_custody in text
    assert day(detained["arrest"]) in text  # counted from the arrest

    review = Deadline.objects.get(case=luis, rule_id="cr.pretrial_review")
    maximum = Deadline.objects.get(case=luis, rule_id="cr.pretrial_maximum")
    items = clock.locator("li.deadline").all_inner_texts()
    assert [REVIEW in items[0], MAXIMUM in items[1]] == [True, True]  # the next review first
    assert es("Overdue") in items[0]
    # why each date is what it is: the rule, its article, the date it counts from
    assert "art. 253" in items[0]
    assert day(review.due_on) in items[0]
    assert "Ley 7594" in items[1]
    assert "257" in items[1]
    assert day(maximum.due_on) in items[1]
    assert clock.is_visible()
    assert fits(page), f"the case page needs sideways scrolling at {width} width"
    save(page, f"detention-clock-{width}")
