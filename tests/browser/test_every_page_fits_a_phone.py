"""At a 360 × 640 phone screen no page QA measured scrolls sideways, in Spanish (the
court's language, whose words are longer than English ones), in a real Chromium.

QA found these pages wider than the screen: a public court calendar (a table of six
columns), "Who viewed my case" (a table of four), the reporting desk (a long label kept
on one line: "No se presentó: debía hacerlo a más tardar el …"), the court's access
log (a table of six), "Due and overdue" (the breach's label) and the home page. Each is
filled here, through the real services, with what made it too wide: a hearing of the
day, reads of the case by a judge, a missed check-in, a breach of a restraining order,
custody deadlines, and the courts. The site's 404 page is measured too, and so are the
pages that speak of a child filed under the adult procedure (the case page's alert, the
due list's first section, the opening's correction form with its procedure), and "What
the court missed" (a table of four, with how late each deadline ended)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.access.participant_codes import code_issue
from expediente.access.policy import Actor
from expediente.docket.models import Case, Court
from tests.browser.test_clerk_walkthrough import WIDER_THAN_THE_SCREEN
from tests.court.conftest import PASSWORD, code_for
from tests.court.pages.conftest import staff
from tests.privacy.conftest import HEARING_DAY, build_case

CR = ZoneInfo("America/Costa_Rica")
SCREEN = {"width": 360, "height": 640}


class Ruler:
    """Measures each page; the test fails at the end naming every page too wide."""

    def __init__(self) -> None:
        self.too_wide: dict[str, str] = {}

    def measure(self, page: Any, wait_for: str) -> None:
        """The page shows ``wait_for`` (so it is the page with its data, not an empty
        one); is it wider than the screen?"""
        page.locator(wait_for).first.wait_for()
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > SCREEN["width"]:
            path = page.url.split("/", 3)[-1]
            self.too_wide[f"/{path}"] = f"{width}px: {page.evaluate(WIDER_THAN_THE_SCREEN)}"


def local(days: float, hour: int = 10) -> dt.datetime:
    """``days`` before today (the live server works from the real clock), in San José."""
    day = (timezone.now() - dt.timedelta(days=days)).astimezone(CR).date()
    return dt.datetime.combine(day, dt.time(hour), tzinfo=CR)


@pytest.fixture
def judge_device(court: Court) -> TOTPDevice:
    user = staff("esteban.judge", court, "judge", "Esteban Vargas Solano")
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


@pytest.fixture
def busy_court(
    court: Court,
    clerk: Actor,
    judge_device: TOTPDevice,
    open_case: Callable[..., Case],
    record: Callable[..., Any],
) -> Case:
    """A public case with a hearing on ``HEARING_DAY`` (returned); a man who missed his
    weekly check-in and another whose tag reported a breach of a restraining order an
    hour ago; a man arrested and held in pretrial detention (custody deadlines)."""
    charged = build_case(court, clerk, Actor.staff(judge_device.user), "charged", 1)

    people = {}
    for given, family in (("Luis", "Solano Rojas"), ("Carlos", "Mora Vega"), ("José", "Pérez")):
        case = open_case(occurred_at=local(40))
        for role, person in (
            ("accused", {"given_names": given, "family_names": family, "sex": "male"}),
            ("victim", {"given_names": "Ana", "family_names": "Rojas", "sex": "female"}),
        ):
            record(
                case, "participant.added", {"role": role, "person": person}, occurred_at=local(39)
            )
        people[given] = case
    measure = {"measure": "M1", "person": "P1", "starts_on": local(14).date().isoformat()}
    record(
        people["Luis"],
        "measure.imposed",
        measure | {"kind": "periodic_reporting", "interval_days": 7},
        occurred_at=local(14),
    )
    record(
        people["Carlos"],
        "measure.imposed",
        measure
        | {"kind": "restraining_order", "protected": "P2", "distance_m": 200, "device": "GPS-1"},
        occurred_at=local(14),
    )
    record(
        people["Carlos"],
        "measure.device_event",
        {"measure": "M1", "device": "GPS-1", "kind": "zone_breach"},
        occurred_at=timezone.now() - dt.timedelta(hours=1),
    )
    held = people["José"]
    record(held, "custody.arrested", {"person": "P1"}, occurred_at=local(3, 8))
    record(held, "custody.placed_before_judge", {"person": "P1"}, occurred_at=local(3, 20))
    return charged


@pytest.fixture
def phone(browser: Any, live_server: Any) -> Iterator[Callable[[], Any]]:
    """phone(): a new page at 360 × 640, in Spanish, with a session of its own."""
    contexts = []

    def new_page() -> Any:
        context = browser.new_context(base_url=live_server.url, viewport=SCREEN, locale="es-CR")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield new_page
    for context in contexts:
        context.close()


def sign_in(page: Any, device: TOTPDevice) -> None:
    page.goto("/court/sign-in/")
    page.locator("#id_username").fill(device.user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(re.compile(r"/court/sign-in/code/"))
    page.locator("#id_code").fill(code_for(device))
    page.locator("#id_code").press("Enter")
    page.wait_for_url(re.compile(r"/court/$"))


@pytest.fixture
def child_case(open_case: Callable[..., Case], record: Callable[..., Any]) -> Case:
    """A 16-year-old in a case opened under the adult procedure."""
    case = open_case(occurred_at=local(40))
    opened = local(40).date()
    born = opened.replace(year=opened.year - 16) - dt.timedelta(days=30)
    kevin = {"given_names": "Kevin Andrés", "family_names": "Solís Mora", "sex": "male"}
    record(
        case,
        "participant.added",
        {"role": "accused", "person": kevin | {"date_of_birth": born.isoformat()}},
        occurred_at=local(39),
    )
    return case


@pytest.fixture
def placed_late(open_case: Callable[..., Case], record: Callable[..., Any]) -> Case:
    """A man placed before the judge two and a half days after his arrest, where the law
    allows 24 hours: a deadline met late, on "What the court missed"."""
    case = open_case(occurred_at=local(6))
    rafael = {"given_names": "Rafael", "family_names": "Quesada Brenes", "sex": "male"}
    record(case, "participant.added", {"role": "accused", "person": rafael}, occurred_at=local(6))
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=local(5, 8))
    record(case, "custody.placed_before_judge", {"person": "P1"}, occurred_at=local(3, 20))
    return case


def test_the_pages_qa_measured_do_not_scroll_sideways_on_a_phone(
    phone: Callable[[], Any],
    busy_court: Case,
    child_case: Case,
    placed_late: Case,
    judge_device: TOTPDevice,
    court: Court,
) -> None:
    ruler = Ruler()
    anyone = phone()
    anyone.goto("/")
    ruler.measure(anyone, "main a.cta[href='/follow/']")
    ruler.measure(anyone, "main table tbody tr")
    anyone.goto("/no-such-page/")  # the site's own 404 page
    ruler.measure(anyone, "main a[href='/follow/']")
    anyone.goto(f"/public/calendar/{court.code}/?day={HEARING_DAY.isoformat()}")
    ruler.measure(anyone, f"main tbody tr:has-text('{busy_court.number}')")

    judge = phone()
    sign_in(judge, judge_device)
    judge.goto(f"/court/cases/{busy_court.nuid}/")  # a read of protected data, logged
    judge.goto(f"/court/cases/{child_case.nuid}/")
    ruler.measure(judge, "div.age-procedure p")
    judge.goto(f"/court/cases/{child_case.nuid}/events/1/correct/")
    ruler.measure(judge, "[name=procedure]")
    judge.goto("/court/due/")
    ruler.measure(judge, "section.ages li")
    ruler.measure(judge, "section.breaches .tag-warn")
    ruler.measure(judge, "table.due tbody tr")
    judge.goto("/court/missed/")
    ruler.measure(judge, f"table.missed tbody tr:has-text('{placed_late.number}')")
    judge.goto("/court/measures/desk/")
    ruler.measure(judge, "ul.desk .tag-warn")
    judge.goto("/court/access-log/")
    ruler.measure(judge, f"main tbody tr:has-text('{busy_court.number}')")

    _, code = code_issue(
        case=busy_court, participant="P1", actor=Actor.staff(judge_device.user), language="es"
    )
    accused = phone()
    accused.goto("/follow/")
    accused.locator("#id_case_number").fill(busy_court.nuid)
    accused.locator("#id_code").fill(code)
    accused.locator("#id_code").press("Enter")
    accused.wait_for_url(re.compile(r"/follow/case/$"))
    accused.goto("/follow/who-viewed/")
    ruler.measure(accused, "main tbody tr")
    assert ruler.too_wide == {}, f"wider than a {SCREEN['width']}px screen: {ruler.too_wide}"
