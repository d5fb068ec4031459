"""The workspace's menu offers each staff member what they may use: a judge saw "Open a
case" and was answered "You cannot open cases"; a court administrator or a judge had no
way to the court's access log but its address."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.court.pages.conftest import signed_in, staff


def links(client) -> list[str]:  # type: ignore[no-untyped-def]
    html = client.get("/court/").content.decode()
    nav = re.search(r'<nav class="staff".*?</nav>', html, re.S)
    assert nav, "no staff menu"
    return re.findall(r'href="([^"]+)"', nav.group(0))


def test_a_clerk_is_offered_opening_a_case_and_not_the_access_log(clerk_client):
    offered = links(clerk_client)
    assert reverse("court:case_open") in offered
    assert "/court/access-log/" not in offered


def test_a_judge_is_offered_the_access_log_and_not_opening_a_case(judge_client):
    offered = links(judge_client)
    assert "/court/access-log/" in offered
    assert reverse("court:case_open") not in offered
    assert judge_client.get("/court/access-log/").status_code == 200


def test_a_court_administrator_is_offered_the_access_log(court):
    staff("ada.admin", court, "court_admin")
    assert "/court/access-log/" in links(signed_in("ada.admin"))
