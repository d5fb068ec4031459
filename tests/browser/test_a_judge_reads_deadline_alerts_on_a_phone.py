"""A judge on a phone, in Spanish, in a real Chromium: the menu says how many deadline
alerts are unread, the alerts page lists them within the screen's width, "mark all as
read" clears the count, and the account page switches the emails off."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.access.policy import Actor
from expediente.court.models import StaffPerson
from expediente.custody.sweep import deadline_sweep
from expediente.docket.models import Case, Court
from expediente.notify.models import StaffAlerts
from tests.browser.test_every_page_fits_a_phone import SCREEN, sign_in
from tests.court.pages.conftest import staff

JUDGE = {"uid": "judge.esteban", "given_names": "Esteban", "family_names": "Vargas", "sex": "male"}


@pytest.fixture
def judge_device(court: Court) -> TOTPDevice:
    user = staff("esteban.judge", court, "judge", "Esteban Vargas Solano")
    user.email = "esteban@poder-judicial.example"
    user.save()
    StaffPerson.objects.create(user=user, person_uid=JUDGE["uid"])
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


@pytest.fixture
def alerted(judge_device: TOTPDevice, open_case: Callable[..., Case], record: Any) -> Case:
    """A man arrested 30 hours ago and not yet brought before the judge: the 24 hours
    have passed, and the sweep alerts the case's judge."""
    now = timezone.now()
    case = open_case(occurred_at=now - dt.timedelta(days=3))
    person = {"given_names": "José", "family_names": "Pérez", "sex": "male"}
    for role, who in (("accused", person), ("judge", JUDGE)):
        record(
            case,
            "participant.added",
            {"role": role, "person": who},
            occurred_at=now - dt.timedelta(days=2),
        )
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=now - dt.timedelta(hours=30))
    deadline_sweep(now=now)
    assert Actor.staff(judge_device.user).roles
    return case


def test_a_judge_reads_and_clears_the_alerts_on_a_phone(
    alerted: Case, judge_device: TOTPDevice, page: Any, screenshot: Any
) -> None:
    page.set_viewport_size(SCREEN)
    sign_in(page, judge_device)
    page.goto("/court/alerts/")
    page.locator("h1", has_text="Alertas").wait_for()
    summary = page.locator("details.staff-menu summary")
    assert summary.inner_text().startswith("Menú")
    assert summary.locator(".tag-info").inner_text().startswith("1")  # seen folded
    summary.click()
    assert page.locator(".staff-menu .staff-links .tag-info").inner_text().startswith("1")
    assert alerted.number in page.locator("ul.alerts").inner_text()
    assert "José" not in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREEN["width"]
    summary.click()  # folded again, as the page opens
    screenshot("court-alerts")  # at a desktop's width and a phone's
    page.set_viewport_size(SCREEN)
    page.get_by_role("button", name="Marcar todas como leídas").click()
    page.locator("h1", has_text="Alertas").wait_for()
    assert page.locator(".tag-info").count() == 0  # nothing unread, in the menu or the list

    page.goto("/court/account/alerts/")
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREEN["width"]
    screenshot("court-account-alerts")
    page.set_viewport_size(SCREEN)
    page.get_by_label("No, solo en mi página de alertas").check()
    page.get_by_role("button", name="Guardar").click()
    page.locator(".messages").wait_for()
    assert StaffAlerts.objects.get(user=judge_device.user).by_email is False
