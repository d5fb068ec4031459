"""A judge opens the list of measures under supervision and sees the breach at the top;
at the reporting desk a clerk records a check-in with one press, at desktop and at phone
width. Cases are recorded through the real services, dated from the real clock, since
the live server lists measures as at now; UI words follow the Spanish catalogue."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.access.models import Membership, User
from expediente.measures.models import Measure
from tests.browser.conftest import DESKTOP, PHONE
from tests.court.conftest import PASSWORD, code_for

CR = ZoneInfo("America/Costa_Rica")


def es(text: str) -> str:
    with translation.override("es"):
        return gettext(text)


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
def supervised(open_case: Any, record: Any) -> dict[str, Any]:
    """Two accused: Luis reports weekly and missed last week's check-in (expected at the
    desk); Carlos is under a restraining order with an exclusion-zone breach an hour ago."""
    now = timezone.now()
    today = now.astimezone(CR).date()
    week_ago = dt.datetime.combine(today - dt.timedelta(days=14), dt.time(9), tzinfo=CR)
    out = {}
    for given, family in (("Luis", "Solano Rojas"), ("Carlos", "Mora Vega")):
        case = open_case(occurred_at=week_ago - dt.timedelta(days=3))
        record(
            case,
            "participant.added",
            {
                "role": "accused",
                "person": {"given_names": given, "family_names": family, "sex": "male"},
            },
            occurred_at=week_ago - dt.timedelta(days=2),
        )
        record(
            case,
            "participant.added",
            {
                "role": "victim",
                "person": {"given_names": "Ana", "family_names": "Rojas", "sex": "female"},
            },
            occurred_at=week_ago - dt.timedelta(days=2),
        )
        out[given] = case
    base = {"measure": "M1", "person": "P1", "starts_on": week_ago.date().isoformat()}
    record(
        out["Luis"],
        "measure.imposed",
        base | {"kind": "periodic_reporting", "interval_days": 7},
        occurred_at=week_ago,
    )
    record(
        out["Carlos"],
        "measure.imposed",
        base
        | {"kind": "restraining_order", "protected": "P2", "distance_m": 200, "device": "GPS-1"},
        occurred_at=week_ago,
    )
    record(
        out["Carlos"],
        "measure.device_event",
        {"measure": "M1", "device": "GPS-1", "kind": "zone_breach"},
        occurred_at=now - dt.timedelta(hours=1),
    )
    return out


def sign_in(page: Any, device: TOTPDevice) -> None:
    page.goto("/court/sign-in/")
    page.get_by_label("Nombre de usuario").fill("esteban.judge")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Continuar").click()
    page.get_by_label("Código de su aplicación de autenticación").fill(code_for(device))
    page.get_by_role("button", name="Ingresar").click()
    page.wait_for_url(re.compile(r"/court/$"))


def test_the_judge_sees_the_breach_first(
    page: Any, width: str, judge: TOTPDevice, supervised: Any
) -> None:
    sign_in(page, judge)
    page.goto("/court/measures/")
    rows = page.locator("table.measures tbody tr")
    assert rows.count() == 2
    first = rows.nth(0).inner_text()
    assert "Carlos Mora Vega" in first
    assert es("Breach awaiting a response") in first
    assert "Luis Solano Rojas" in rows.nth(1).inner_text()


def test_the_desk_records_a_check_in_with_one_press_in_seconds(
    page: Any, width: str, judge: TOTPDevice, supervised: Any
) -> None:
    sign_in(page, judge)
    page.goto("/court/measures/desk/")
    button = page.get_by_role("button", name=re.compile("Luis Solano Rojas"))
    started = time.monotonic()
    button.click()
    page.get_by_text(re.compile(re.escape(es("Checked in today")))).wait_for()
    assert time.monotonic() - started < 10
    assert Measure.objects.get(case=supervised["Luis"]).check_ins == 1
    assert page.get_by_role("button", name=re.compile("Luis Solano Rojas")).count() == 0


def test_the_breach_is_at_the_top_of_the_due_list_until_the_judge_responds(
    page: Any, width: str, judge: TOTPDevice, supervised: Any
) -> None:
    sign_in(page, judge)
    page.goto("/court/due/")
    main = page.locator("main")
    first = main.locator("section, table").first
    assert "breaches" in (first.get_attribute("class") or "")
    text = first.inner_text()
    assert es("Breaches awaiting your response") in text
    assert "Carlos Mora Vega" in text
    assert supervised["Carlos"].number in text
    assert "Luis Solano Rojas" not in text  # a missed check-in is not a breach
    first.get_by_role("link", name=re.compile("M1")).click()
    page.wait_for_url(re.compile(r"/record/measure\.violation_responded/\?measure=M1$"))
    assert page.locator("#id_measure").input_value() == "M1"  # chosen from the link
    page.locator("#id_response").select_option("warning")
    page.locator(".entry-form button.primary").click()
    page.wait_for_url(re.compile(rf"/court/cases/{supervised['Carlos'].nuid}/"))
    assert Measure.objects.get(case=supervised["Carlos"]).breach_open is False
    page.goto("/court/due/")
    assert page.locator("section.breaches").count() == 0
